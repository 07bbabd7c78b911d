/**
 * What a writing function checks before its writes: the table's design record (design-record.ts, loaded
 * with the first check, so a function that only reads never loads it).
 */
import type { DesignCheck } from './design-record.js';
import type { Table } from './table.js';

/**
 * A guard re-reads the record after this long, so a migration that marks the table reaches every writer
 * within it; `npm run migrate-table` waits longer than this before copying. The Python reader uses the same.
 */
export const DESIGN_RECHECK_MS = 5_000;

/**
 * Checks the table's design before writes: services share one guard and await `ready()`, which reads the
 * record at most once per DESIGN_RECHECK_MS (a GetItem every few seconds of writing, not one per write),
 * and refuses another major version or a table under migration. A failure (a refusal, or DynamoDB
 * unreachable) is not cached, so the next write checks again rather than the container staying broken.
 */
export class DesignGuard {
  private pending: Promise<DesignCheck> | undefined;
  private checkedAt = 0;

  constructor(
    private readonly table: Table,
    private readonly nowMs: () => number = Date.now,
  ) {}

  ready(): Promise<DesignCheck> {
    if (this.pending && this.nowMs() - this.checkedAt >= DESIGN_RECHECK_MS) this.pending = undefined;
    if (!this.pending) {
      this.checkedAt = this.nowMs();
      const check = import('./design-record.js').then(({ ensureDesignRecord }) => ensureDesignRecord({ table: this.table, writer: 'system:design-guard' }, { forWrite: true }));
      this.pending = check;
      check.catch(() => {
        if (this.pending === check) this.pending = undefined;
      });
    }
    return this.pending;
  }
}
