/**
 * The commit deadline without AsyncLocalStorage (lib/deadline.ts): a write is refused while any request
 * running in the process is within COMMIT_MARGIN_MS of its deadline, and only then.
 */
import { describe, expect, it } from 'vitest';
import { COMMIT_MARGIN_MS, requireTimeToCommit, withDeadline } from '../../lib/deadline.js';
import { DeadlineExceededError } from '../../lib/errors.js';

/** A promise and the function that settles it, for a request the test holds open. */
function held() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('requireTimeToCommit', () => {
  it('lets writes outside any request through (workers, scripts)', () => {
    expect(() => requireTimeToCommit()).not.toThrow();
  });

  it('lets a request with time left write, and refuses one within the margin', async () => {
    await withDeadline(COMMIT_MARGIN_MS + 5_000, async () => expect(() => requireTimeToCommit()).not.toThrow());
    await withDeadline(COMMIT_MARGIN_MS - 1, async () => expect(() => requireTimeToCommit()).toThrow(DeadlineExceededError));
  });

  it('runs requests without a finite deadline unchecked', async () => {
    await withDeadline(undefined, async () => expect(() => requireTimeToCommit()).not.toThrow());
    await withDeadline(Number.NaN, async () => expect(() => requireTimeToCommit()).not.toThrow());
  });

  it('keeps refusing while a request past its margin still runs (middy answered it early), and not after it settles', async () => {
    const abandoned = held();
    const late = withDeadline(COMMIT_MARGIN_MS - 1, () => abandoned.promise.then(() => requireTimeToCommit()));
    // The next request has time, but the abandoned one's next write could commit after its caller was answered.
    await withDeadline(60_000, async () => expect(() => requireTimeToCommit()).toThrow(DeadlineExceededError));
    abandoned.release();
    await expect(late).rejects.toThrow(DeadlineExceededError);
    await withDeadline(60_000, async () => expect(() => requireTimeToCommit()).not.toThrow());
  });

  it('forgets a request that failed', async () => {
    await expect(withDeadline(COMMIT_MARGIN_MS - 1, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(() => requireTimeToCommit()).not.toThrow();
  });

  it('counts requests with the same deadline apart', async () => {
    const first = held();
    const second = held();
    const a = withDeadline(COMMIT_MARGIN_MS - 1, () => first.promise);
    const b = withDeadline(COMMIT_MARGIN_MS - 1, () => second.promise);
    first.release();
    await a;
    expect(() => requireTimeToCommit()).toThrow(DeadlineExceededError);
    second.release();
    await b;
    expect(() => requireTimeToCommit()).not.toThrow();
  });
});
