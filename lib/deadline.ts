/**
 * The deadline of the request being served, so that nothing commits after its caller was answered.
 * API Gateway gives up after 29 s while the Lambda may run on; middy answers just before the function's
 * own timeout while the handler's promise runs on. Either way a write that commits then is a change the
 * client was told failed, and a retry repeats it. So every write to DynamoDB (lib/dynamo/client.ts) first
 * checks that at least COMMIT_MARGIN_MS remain, and is refused with a DeadlineExceededError otherwise.
 *
 * The deadline is ambient (AsyncLocalStorage) rather than passed through every service, because it belongs
 * to the invocation, not to the domain: the route handler enters it once and every write path is covered.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DeadlineExceededError } from './errors.js';

/** A write needs at most this long to commit (a transaction on a loaded table, with SDK retries). */
export const COMMIT_MARGIN_MS = 2_000;
/** middy answers 503 this long before the deadline, so no write still in flight could commit after it. */
export const EARLY_ANSWER_MS = 1_000;

const current = new AsyncLocalStorage<number>();

/** Runs `fn` with the deadline `remainingMs` from now (a Lambda context's getRemainingTimeInMillis). */
export function withDeadline<T>(remainingMs: number | undefined, fn: () => Promise<T>): Promise<T> {
  if (remainingMs === undefined || !Number.isFinite(remainingMs)) return fn();
  return current.run(Date.now() + remainingMs, fn);
}

/** Throws DeadlineExceededError when the current request has less than COMMIT_MARGIN_MS left. */
export function requireTimeToCommit(): void {
  const deadline = current.getStore();
  if (deadline !== undefined && deadline - Date.now() < COMMIT_MARGIN_MS) {
    throw new DeadlineExceededError();
  }
}
