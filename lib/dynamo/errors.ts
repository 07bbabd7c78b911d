/**
 * Translates DynamoDB and ElectroDB failures into the domain's errors, so nothing outside lib/dynamo and
 * the repositories needs to know the SDK's exception names.
 */
import { BadRequestError, ConflictError } from '../errors.js';

/** The AWS error behind an ElectroDB error, or the error itself. */
export function awsCause(e: unknown): { name?: string; message?: string; CancellationReasons?: { Code?: string; Item?: Record<string, unknown> }[] } {
  let cur = e as { cause?: unknown; name?: string } | undefined;
  for (let i = 0; i < 5 && cur; i++) {
    if (cur.name && /Exception$|^ValidationError$/.test(cur.name) && cur.name !== 'ElectroError') return cur as never;
    cur = cur.cause as typeof cur;
  }
  return (e ?? {}) as never;
}

/** Cancellation codes per transaction item (`None` for the ones that passed), or undefined. */
export function cancellationCodes(e: unknown): string[] | undefined {
  const cause = awsCause(e);
  if (cause.name !== 'TransactionCanceledException') return undefined;
  return (cause.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

export function isConditionFailure(e: unknown): boolean {
  return awsCause(e).name === 'ConditionalCheckFailedException';
}

/** Rethrows a repository failure as a domain error where one applies. */
export function translate(e: unknown, context: string): never {
  const cause = awsCause(e);
  if (cause.name === 'ConditionalCheckFailedException') throw new ConflictError(`${context}: the item changed or already exists`, { cause: e });
  if (cause.name === 'TransactionCanceledException') throw new ConflictError(`${context}: a concurrent change won; retry`, { cause: e });
  if (cause.name === 'ValidationException' && /ExclusiveStartKey|starting key/i.test(cause.message ?? '')) {
    throw new BadRequestError('cursor is not valid for this listing; start again without it', { cause: e });
  }
  // ElectroDB refuses a malformed cursor before calling DynamoDB.
  if (/cursor/i.test((e as Error)?.message ?? '')) throw new BadRequestError('cursor is not valid; start again without it', { cause: e });
  throw e;
}
