/**
 * Idempotency-Key, the one implementation every create that is not idempotent by itself uses (payloads,
 * schema requests): the key is checked, bound to the caller, workspace, operation and body, and its record
 * (the first answer) is committed in the same transaction as the change, so a retry finds the answer
 * instead of writing twice, and the same key with another body is refused.
 */
import { BadRequestError, ValidationError } from './errors.js';
import type { IdempotencyRecordItem } from './generated/table.js';
import type { IdempotencyStore } from './store/idempotency.js';
import { fingerprint } from './util/canonical-json.js';

/** How long a retry with the same Idempotency-Key gets the first response back. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/** A request sent with an Idempotency-Key, bound to what it asks. */
export interface IdempotentRequest {
  workspace_id: string;
  principal: string;
  idempotency_key: string;
  request_hash: string;
}

/** Refuses a malformed key before any work is done (400). */
export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new BadRequestError('Idempotency-Key must be 1 to 128 characters of letters, digits and _ . : -, e.g. a UUID');
  }
}

/** `operation` names the route (`payload.create`): one key reused for another operation or body is refused. */
export function idempotentRequest(key: string, workspaceId: string, principal: string, operation: string, body: unknown): IdempotentRequest {
  return { workspace_id: workspaceId, principal, idempotency_key: key, request_hash: fingerprint({ operation, body }) };
}

/** The record of the first answer, to commit with the change (IdempotencyStore.commitOnce). */
export function idempotencyRecord(request: IdempotentRequest, status: number, response: unknown, now: Date): IdempotencyRecordItem {
  return { ...request, response_status: status, response_body: JSON.stringify(response), created_at: now.toISOString(), expires_at: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS };
}

/** The first answer to this request, stored under its key; 422 when the key was used for another body. */
export async function storedAnswer<T>(store: IdempotencyStore, request: IdempotentRequest): Promise<T | undefined> {
  const { request_hash: hash, ...key } = request;
  const stored = await store.get(key);
  if (!stored) return undefined;
  if (stored.request_hash !== hash) {
    throw new ValidationError(`Idempotency-Key "${key.idempotency_key}" was already used with a different request body; use a new key for a new request`);
  }
  return JSON.parse(stored.response_body) as T;
}
