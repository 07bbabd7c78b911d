/**
 * The deadline of the requests being served, so that nothing commits after its caller was answered.
 * API Gateway gives up after 29 s while the Lambda may run on; middy answers just before the function's
 * own timeout while the handler's promise runs on. Either way a write that commits then is a change the
 * client was told failed, and a retry repeats it. So every write to DynamoDB (lib/dynamo/client.ts) first
 * checks that at least COMMIT_MARGIN_MS remain, and is refused with a DeadlineExceededError otherwise.
 *
 * A write cannot tell which request it belongs to without AsyncLocalStorage, whose promise hooks (Node 20
 * and 22) cost 5-15% of a request's CPU: every promise of the process pays them. So the check is
 * on every request still running in this process: a write is refused while any of them is within the
 * margin. A Lambda container runs one request at a time, so there this is that request's own deadline,
 * and a request abandoned by middy's early answer still counts until its promise settles: whatever it
 * writes next is refused, as is a write of the request after it in that short while. In the local server,
 * which runs many at once, one request near its 29 s deadline refuses the others' writes (503, Retry-After)
 * until it ends: safe, and rare.
 */
import { DeadlineExceededError } from './errors.js';

/** A write needs at most this long to commit (a transaction on a loaded table, with SDK retries). */
export const COMMIT_MARGIN_MS = 2_000;
/** middy answers 503 this long before the deadline, so no write still in flight could commit after it. */
export const EARLY_ANSWER_MS = 1_000;

/** The deadline (epoch ms) of each request running in this process; one entry per request. */
const running = new Set<{ deadline: number }>();

/** Runs `fn` as a request with the deadline `remainingMs` from now (a Lambda context's getRemainingTimeInMillis). */
export async function withDeadline<T>(remainingMs: number | undefined, fn: () => Promise<T>): Promise<T> {
  if (remainingMs === undefined || !Number.isFinite(remainingMs)) return fn();
  const request = { deadline: Date.now() + remainingMs };
  running.add(request);
  try {
    return await fn();
  } finally {
    running.delete(request);
  }
}

/** Throws DeadlineExceededError when a request running in this process has less than COMMIT_MARGIN_MS left. */
export function requireTimeToCommit(): void {
  if (running.size === 0) return;
  const latest = Date.now() + COMMIT_MARGIN_MS;
  for (const { deadline } of running) if (deadline < latest) throw new DeadlineExceededError();
}
