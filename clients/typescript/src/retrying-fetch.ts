/**
 * The fetch every client request goes through: an Idempotency-Key on each write (kept across its
 * retries, so a retried write is stored once), and retries with exponential backoff and full jitter on
 * 429 and 503 and on network errors, waiting at least what Retry-After asks.
 */
export interface RetryOptions {
  /** Attempts in all, the first included. @default 5 */
  attempts?: number;
  /** First backoff in ms; doubles each retry. @default 200 */
  baseDelayMs?: number;
  /** Longest backoff, and longest Retry-After honoured, in ms; a longer Retry-After is not waited for. @default 30000 */
  maxDelayMs?: number;
  /** Injected for tests. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

const RETRIED_STATUSES = new Set([429, 503]);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Retry-After in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function retryingFetch(options: RetryOptions = {}, inner: (r: Request) => Promise<Response> = (r) => fetch(r)): (r: Request) => Promise<Response> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  return async (request) => {
    if (WRITE_METHODS.has(request.method) && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', crypto.randomUUID());
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      const backoff = Math.random() * Math.min(max, base * 2 ** (attempt - 1));
      let response: Response;
      try {
        response = await inner(last ? request : request.clone());
      } catch (e) {
        // A network error: the write may or may not have happened; its Idempotency-Key makes the retry safe.
        if (last || request.signal.aborted) throw e;
        await sleep(backoff);
        continue;
      }
      if (last || !RETRIED_STATUSES.has(response.status)) return response;
      const asked = retryAfterMs(response.headers.get('retry-after'));
      if (asked !== undefined && asked > max) return response;
      await response.body?.cancel();
      await sleep(Math.max(asked ?? 0, backoff));
    }
  };
}
