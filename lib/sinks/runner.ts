/**
 * The migration runner: applies a migration's up SQL on a sink, or its down SQL, in one transaction
 * under the sink's migration lock, and keeps the sink's tracking table. A statement that fails rolls
 * the whole migration back; the failure is then recorded in a transaction of its own. On MySQL, whose
 * DDL commits statement by statement, the statements before the failing one stay, and the next
 * attempt resumes at the failing one (lib/sinks/steps.ts).
 */
import { RegistryError } from '../errors.js';
import type { SinkDriver, SinkTransaction } from './drivers/driver.js';
import { ChecksumMismatchError, MigrationFailedError, MigrationStateError, SinkUnavailableError, scrubMessage } from './errors.js';
import { migrationSql, undoOfFirst, type MigrationSql } from './migration-sql.js';
import { checkCanApply, checkCanRollBack } from './ordering.js';
import { ensureStepsTable, forgetSteps, runStatements, StatementFailure, statementsDone, type Operation } from './steps.js';
import { ensureTrackingTable, readTrackingRows, writeTrackingRow } from './tracking.js';
import type { Migration, MigrationOutcome, Sink, TrackingRow } from './types.js';

export interface MigrationRunnerDeps {
  /** Opens (or reuses) the sink's driver: `SinkConnector.connect`. */
  connect(sink: Sink): Promise<SinkDriver>;
  clock: () => Date;
  /** Monotonic milliseconds, for durations. */
  stopwatch?: () => number;
}

export interface RunOptions {
  /** Who applies or rolls back (a user id, or the worker's name); recorded in the tracking row. */
  actor: string;
}

export interface MigrationRunner {
  apply(sink: Sink, migration: Migration, options: RunOptions): Promise<MigrationOutcome>;
  rollback(sink: Sink, migration: Migration, options: RunOptions): Promise<MigrationOutcome>;
  /** The sink's tracking rows, in apply order. */
  status(sink: Sink): Promise<TrackingRow[]>;
}

export function createMigrationRunner(deps: MigrationRunnerDeps): MigrationRunner {
  const stopwatch = deps.stopwatch ?? (() => performance.now());
  const now = () => deps.clock().toISOString();

  /** Runs `work` in the sink's locked transaction, with the tracking table and its rows at hand. */
  async function locked<T>(sink: Sink, driver: SinkDriver, work: (tx: SinkTransaction, rows: TrackingRow[]) => Promise<T>): Promise<T> {
    try {
      return await driver.transaction(sink.namespace, async (tx) => {
        await ensureTrackingTable(tx, sink.dialect);
        await ensureStepsTable(tx, driver);
        return work(tx, await readTrackingRows(tx));
      });
    } catch (error) {
      if (error instanceof RegistryError || error instanceof StatementFailure) throw error;
      throw new SinkUnavailableError(`sink "${sink.name}" failed: ${scrubMessage(error, driver.secrets)}`);
    }
  }

  /** Runs what is left of the statements; returns those it ran, and how long they took. */
  async function execute(tx: SinkTransaction, driver: SinkDriver, sink: Sink, migration: Migration, operation: Operation, statements: readonly string[]): Promise<{ ran: string[]; duration: number }> {
    const started = stopwatch();
    const ran = await runStatements(tx, driver, { sinkName: sink.name, migrationId: migration.id, operation, statements, now });
    return { ran, duration: Math.round(stopwatch() - started) };
  }

  /** Records the failure (best effort: the sink may be what failed) and returns the error to throw. */
  async function failed(sink: Sink, driver: SinkDriver, migration: Migration, sql: MigrationSql, operation: Operation, failure: StatementFailure): Promise<MigrationFailedError> {
    const databaseError = scrubMessage(failure.reason, driver.secrets);
    await locked(sink, driver, async (tx, rows) => {
      const existing = rows.find((r) => r.migration_id === migration.id);
      const base = existing ?? newRow(migration, sql);
      const status = operation === 'apply' ? 'failed' : base.status;
      await writeTrackingRow(tx, { ...base, status, failed_at: now(), error: databaseError, failed_statement: failure.statement, attempts: base.attempts + 1 }, sink.dialect);
    }).catch(() => {});
    const kept = driver.transactionalDdl ? 0 : failure.index;
    const what =
      kept === 0
        ? 'and nothing of it was kept'
        : `and statements 1 to ${kept} stay in effect, as ${sink.dialect === 'mysql' ? 'MySQL' : sink.dialect} commits each statement: fix the cause and ${operation === 'apply' ? 'apply' : 'roll back'} again to resume at statement ${kept + 1}`;
    return new MigrationFailedError(
      `${operation} of migration ${migration.id} on sink "${sink.name}" failed at statement ${failure.index + 1} of ${failure.total}, ${what}: ${databaseError}`,
      { operation, statement_index: failure.index, failed_statement: failure.statement, database_error: databaseError, kept_statements: kept, statements: [...failure.ran, failure.statement] },
    );
  }

  function outcome(sink: Sink, row: TrackingRow, kind: MigrationOutcome['outcome'], statements: string[], duration: number): MigrationOutcome {
    return { migration_id: row.migration_id, outcome: kind, sink: sink.name, dialect: sink.dialect, ...(sink.namespace ? { namespace: sink.namespace } : {}), statements, checksum: row.checksum, duration_ms: duration, row };
  }

  async function run(sink: Sink, migration: Migration, operation: Operation, work: (tx: SinkTransaction, rows: TrackingRow[], sql: MigrationSql, driver: SinkDriver) => Promise<MigrationOutcome>): Promise<MigrationOutcome> {
    const sql = migrationSql(migration, sink.dialect);
    const driver = await deps.connect(sink);
    try {
      return await locked(sink, driver, (tx, rows) => work(tx, rows, sql, driver));
    } catch (error) {
      if (error instanceof StatementFailure) throw await failed(sink, driver, migration, sql, operation, error);
      throw error;
    }
  }

  return {
    apply: (sink, migration, { actor }) =>
      run(sink, migration, 'apply', async (tx, rows, sql, driver) => {
        const existing = rows.find((r) => r.migration_id === migration.id);
        if (existing && existing.status !== 'failed') checkChecksums(existing, sql, sink);
        const rolledBackHalfway = await statementsDone(tx, driver, { sinkName: sink.name, migrationId: migration.id, operation: 'rollback' });
        if (rolledBackHalfway > 0) {
          throw new MigrationStateError(`the rollback of migration ${migration.id} on sink "${sink.name}" stopped after its statement ${rolledBackHalfway}; fix its cause and roll back again to finish it before applying`);
        }
        if (existing?.status === 'applied') return outcome(sink, existing, 'unchanged', [], 0);
        checkCanApply(migration, rows, sink.name);
        const { ran, duration } = await execute(tx, driver, sink, migration, 'apply', sql.up);
        const sequence = Math.max(0, ...rows.map((r) => r.applied_sequence ?? 0)) + 1;
        const base = existing ?? newRow(migration, sql);
        const row: TrackingRow = { ...base, checksum: sql.checksum, down_checksum: sql.down_checksum, status: 'applied', applied_sequence: sequence, applied_at: now(), applied_by: actor, duration_ms: duration, attempts: base.attempts + 1 };
        await writeTrackingRow(tx, row, sink.dialect);
        await forgetSteps(tx, driver, migration.id);
        return outcome(sink, row, 'applied', ran, duration);
      }),

    rollback: (sink, migration, { actor }) =>
      run(sink, migration, 'rollback', async (tx, rows, sql, driver) => {
        const existing = rows.find((r) => r.migration_id === migration.id);
        if (!existing) throw new MigrationStateError(`migration ${migration.id} is not applied on sink "${sink.name}"; there is nothing to roll back`);
        // A failed migration has something to undo only where its first statements were kept (MySQL).
        const statements = existing.status === 'failed' ? await undoOfFailed(tx, driver, sink, migration, sql) : sql.down;
        if (existing.status !== 'failed') checkChecksums(existing, sql, sink);
        if (existing.status === 'rolled_back') return outcome(sink, existing, 'unchanged', [], 0);
        checkCanRollBack(existing, rows, sink.name);
        const { ran, duration } = await execute(tx, driver, sink, migration, 'rollback', statements);
        const row: TrackingRow = { ...existing, status: 'rolled_back', rolled_back_at: now(), rolled_back_by: actor, rollback_duration_ms: duration, attempts: existing.attempts + 1 };
        await writeTrackingRow(tx, row, sink.dialect);
        await forgetSteps(tx, driver, migration.id);
        return outcome(sink, row, 'rolled_back', ran, duration);
      }),

    status: async (sink) => {
      const driver = await deps.connect(sink);
      return locked(sink, driver, async (_tx, rows) => rows);
    },
  };
}

/** The reverses of the statements a failed migration kept, in reverse order; refused when it kept none. */
async function undoOfFailed(tx: SinkTransaction, driver: SinkDriver, sink: Sink, migration: Migration, sql: MigrationSql): Promise<string[]> {
  // The kept statements must be the migration's first ones as it renders now, or their reverses are not these.
  const kept = await statementsDone(tx, driver, { sinkName: sink.name, migrationId: migration.id, operation: 'apply', statements: sql.up });
  const undo = kept > 0 ? undoOfFirst(migration, sink.dialect, kept) : undefined;
  if (undo) return undo;
  const why = kept > 0 ? `its ${kept} kept statements do not match its plan's steps, so they are not undone automatically; apply it again to resume` : 'nothing of it was kept, so there is nothing to roll back';
  throw new MigrationStateError(`migration ${migration.id} is failed on sink "${sink.name}"; ${why}`);
}

function newRow(migration: Migration, sql: MigrationSql): TrackingRow {
  return {
    migration_id: migration.id,
    request_id: migration.request_id,
    schema_name: migration.schema_name,
    schema_version: migration.schema_version,
    table_name: migration.plan.table,
    referenced_tables: [...(migration.references ?? [])],
    status: 'failed',
    checksum: sql.checksum,
    down_checksum: sql.down_checksum,
    applied_sequence: null,
    applied_at: null,
    applied_by: null,
    duration_ms: null,
    rolled_back_at: null,
    rolled_back_by: null,
    rollback_duration_ms: null,
    failed_at: null,
    error: null,
    failed_statement: null,
    attempts: 0,
  };
}

/** Flyway's validate: an applied (or rolled back) migration must still be the SQL that ran. */
function checkChecksums(row: TrackingRow, sql: MigrationSql, sink: Sink): void {
  const which = row.checksum !== sql.checksum ? 'up' : row.down_checksum !== sql.down_checksum ? 'down' : undefined;
  if (!which) return;
  const [recorded, expected] = which === 'up' ? [row.checksum, sql.checksum] : [row.down_checksum, sql.down_checksum];
  throw new ChecksumMismatchError(
    `migration ${row.migration_id} was ${row.status === 'applied' ? 'applied' : 'rolled back'} on sink "${sink.name}" with ${which} SQL checksum ${recorded.slice(0, 12)}…, but its SQL now has checksum ${expected.slice(0, 12)}…; the tracking row or the migration was changed outside the registry, so nothing runs until someone checks the table against the registry`,
    { extensions: { migration_id: row.migration_id, recorded_checksum: recorded, expected_checksum: expected } },
  );
}
