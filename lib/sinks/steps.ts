/**
 * Running a migration's statements. Where DDL is transactional (PostgreSQL, SQLite) they simply run in
 * the driver's transaction, which a failure rolls back whole. Where each DDL statement commits on its
 * own (MySQL), progress is kept statement by statement in `schema_registry_migration_steps`: a row per
 * statement of the current apply or rollback, `started` before it runs and `done` after, with the
 * statement's checksum. A retry skips what is done, re-runs a statement an interruption left `started`
 * (accepting "already there" from it), and goes on; the rows are deleted once the operation completes.
 */
import type { SinkDriver, SinkTransaction } from './drivers/driver.js';
import { ChecksumMismatchError } from './errors.js';
import { checksumOf } from './migration-sql.js';
import { STEPS_TABLE, upsert } from './tracking.js';

export type Operation = 'apply' | 'rollback';
type StepState = 'started' | 'done';

const CREATE_STEPS_TABLE = `CREATE TABLE IF NOT EXISTS ${STEPS_TABLE} (
  migration_id VARCHAR(200) NOT NULL,
  operation VARCHAR(8) NOT NULL CHECK (operation IN ('apply', 'rollback')),
  statement_index INTEGER NOT NULL,
  checksum CHAR(64) NOT NULL,
  state VARCHAR(8) NOT NULL CHECK (state IN ('started', 'done')),
  updated_at VARCHAR(32) NOT NULL,
  PRIMARY KEY (migration_id, operation, statement_index)
) DEFAULT CHARSET = utf8mb4`;
const COLUMNS = ['migration_id', 'operation', 'statement_index', 'checksum', 'state', 'updated_at'];
const MARK = upsert(STEPS_TABLE, COLUMNS, COLUMNS.slice(0, 3), 'mysql');

/**
 * Statement `index` of `total` failed, after this attempt ran `ran`. On MySQL the `index` statements
 * before it stay in effect (some of them run by earlier attempts).
 */
export class StatementFailure extends Error {
  constructor(readonly index: number, readonly total: number, readonly statement: string, readonly reason: unknown, readonly ran: readonly string[]) {
    super('statement failed');
  }
}

export interface StatementRun {
  sinkName: string;
  migrationId: string;
  operation: Operation;
  statements: readonly string[];
  now: () => string;
}

export async function ensureStepsTable(tx: SinkTransaction, driver: SinkDriver): Promise<void> {
  if (!driver.transactionalDdl) await tx.query(CREATE_STEPS_TABLE);
}

/** Runs the statements not done yet, in order; returns those it ran. Throws StatementFailure. */
export async function runStatements(tx: SinkTransaction, driver: SinkDriver, run: StatementRun): Promise<string[]> {
  if (driver.transactionalDdl) {
    for (const [index, statement] of run.statements.entries()) await runOne(tx, run, index, statement, run.statements.slice(0, index));
    return [...run.statements];
  }
  const steps = await readSteps(tx, run.migrationId, run.operation);
  const ran: string[] = [];
  for (const [index, statement] of run.statements.entries()) {
    const checksum = checksumOf([statement]);
    const step = steps.get(index);
    if (step && step.checksum !== checksum) throw changedStatement(run, index, step.checksum, checksum);
    if (step?.state === 'done') continue;
    const mark = (state: StepState) => tx.query(MARK, [run.migrationId, run.operation, index, checksum, state, run.now()]);
    await mark('started');
    try {
      await runOne(tx, run, index, statement, ran);
    } catch (failure) {
      const interrupted = step?.state === 'started';
      if (!(interrupted && driver.alreadyInPlace?.((failure as StatementFailure).reason))) {
        // MySQL DDL is atomic per statement: a statement that failed left nothing, so it is not in doubt.
        await tx.query(`DELETE FROM ${STEPS_TABLE} WHERE migration_id = ? AND operation = ? AND statement_index = ?`, [run.migrationId, run.operation, index]).catch(() => {});
        throw failure;
      }
    }
    await mark('done');
    ran.push(statement);
  }
  return ran;
}

/**
 * How many statements of the operation are done and kept (MySQL; 0 where DDL is transactional). With
 * `statements`, each done one must still be the statement in its place (else ChecksumMismatchError).
 */
export async function statementsDone(tx: SinkTransaction, driver: SinkDriver, run: Omit<StatementRun, 'statements' | 'now'> & { statements?: readonly string[] }): Promise<number> {
  if (driver.transactionalDdl) return 0;
  const done = [...(await readSteps(tx, run.migrationId, run.operation)).entries()].filter(([, s]) => s.state === 'done');
  for (const [index, step] of done) {
    const expected = run.statements && checksumOf([run.statements[index] ?? '']);
    if (expected && step.checksum !== expected) throw changedStatement(run, index, step.checksum, expected);
  }
  return done.length;
}

/** Forgets a migration's progress once an operation on it has completed. */
export async function forgetSteps(tx: SinkTransaction, driver: SinkDriver, migrationId: string): Promise<void> {
  if (!driver.transactionalDdl) await tx.query(`DELETE FROM ${STEPS_TABLE} WHERE migration_id = ?`, [migrationId]);
}

async function runOne(tx: SinkTransaction, run: StatementRun, index: number, statement: string, ran: readonly string[]): Promise<void> {
  try {
    await tx.query(statement);
  } catch (reason) {
    throw new StatementFailure(index, run.statements.length, statement, reason, [...ran]);
  }
}

async function readSteps(tx: SinkTransaction, migrationId: string, operation: Operation): Promise<Map<number, { checksum: string; state: StepState }>> {
  const rows = await tx.query<{ statement_index: unknown; checksum: unknown; state: unknown }>(
    `SELECT statement_index, checksum, state FROM ${STEPS_TABLE} WHERE migration_id = ? AND operation = ?`,
    [migrationId, operation],
  );
  return new Map(rows.map((r) => [Number(r.statement_index), { checksum: String(r.checksum), state: r.state === 'done' ? 'done' : 'started' }]));
}

function changedStatement(run: Pick<StatementRun, 'operation' | 'migrationId' | 'sinkName'>, index: number, recorded: string, expected: string): ChecksumMismatchError {
  return new ChecksumMismatchError(
    `statement ${index + 1} of the ${run.operation} of migration ${run.migrationId} ran on sink "${run.sinkName}" with checksum ${recorded.slice(0, 12)}…, but the statement in that place now has checksum ${expected.slice(0, 12)}…; the migration's SQL changed between attempts, so nothing runs until someone checks the sink against the registry`,
    { extensions: { migration_id: run.migrationId, statement_index: index, recorded_checksum: recorded, expected_checksum: expected } },
  );
}
