/** Exit codes and the errors that choose them; main.ts maps each to its code in one place. */
export const EXIT = { ok: 0, error: 1, usage: 2, incompatible: 3 } as const;

/** Bad arguments or a missing setting: exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure already explained on the terminal (e.g. rejected import lines): exit with `code`, print nothing more. */
export class ReportedFailure extends Error {
  override readonly name = 'ReportedFailure';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
