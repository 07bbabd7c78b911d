/**
 * The migration runner's behaviour, the same on every engine: each engine's test file calls
 * `runnerContract` with a fresh sink on a real database (PGlite, PostgreSQL, SQLite, MariaDB). Where
 * the engine commits DDL statement by statement (MySQL), a failed migration keeps the statements before
 * the failing one and resumes there; everywhere else it leaves nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChecksumMismatchError,
  createMigrationRunner,
  MigrationFailedError,
  migrationSql,
  MigrationStateError,
  MigrationWaitingError,
  RollbackBlockedError,
  STEPS_TABLE,
  TRACKING_TABLE,
  type Migration,
  type MigrationRunner,
  type Sink,
  type SinkConnector,
} from '../../lib/sinks/index.js';
import { ValidationError } from '../../lib/errors.js';
import { caricaturesAlter, caricaturesCreate, createMigration, tieredMigrations, userPreferencesCreate, rejectionOf } from './fixtures.js';

export interface Engine {
  connector: SinkConnector;
  /** A sink no other test uses. */
  newSink(): Promise<Sink>;
  stop(): Promise<void>;
}

const CLOCK = () => new Date('2024-05-01T12:00:00.000Z');
const actor = { actor: 'reviewer-1' };

export function runnerContract(name: string, start: () => Promise<Engine>) {
  describe(`migration runner on ${name}`, () => {
    let engine: Engine;
    let runner: MigrationRunner;
    beforeAll(async () => {
      engine = await start();
      runner = createMigrationRunner({ connect: (sink) => engine.connector.connect(sink), clock: CLOCK });
    });
    afterAll(async () => {
      await engine?.stop();
    });

    /** Runs our own probe SQL in the sink's namespace. */
    const probe = async <R = Record<string, unknown>>(sink: Sink, sql: string, params: (string | number)[] = []) => {
      const driver = await engine.connector.connect(sink);
      return driver.transaction(sink.namespace, (tx) => tx.query<R>(sql, params));
    };
    const tables = async (sink: Sink) => {
      const sql = {
        sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
        postgres: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
        mysql: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name',
      }[sink.dialect];
      return (await probe<{ name: string }>(sink, sql)).map((r) => r.name).filter((t) => t !== TRACKING_TABLE && t !== STEPS_TABLE);
    };
    /** JSON columns come back parsed (PostgreSQL) or as text (SQLite, MariaDB). */
    const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);

    it('applies the seed tables, which take an insert and a select, then rolls them back until they are gone', async () => {
      const sink = await engine.newSink();
      const migrations = [caricaturesCreate(), userPreferencesCreate(), ...tieredMigrations()];
      for (const m of migrations) {
        const result = await runner.apply(sink, m, actor);
        expect(result).toMatchObject({ outcome: 'applied', migration_id: m.id, sink: sink.name });
        expect(result.statements[0]).toMatch(/^CREATE TABLE IF NOT EXISTS /);
      }
      expect(await tables(sink)).toEqual(migrations.map((m) => m.plan.table).sort());

      await probe(sink, "INSERT INTO caricatures (user_id, image_url) VALUES ('u1', 'https://example.com/1.png')");
      await probe(sink, "INSERT INTO user_preferences (user_id, preference_key) VALUES ('u1', 'theme')");
      await probe(sink, "INSERT INTO circuit_breakers (breaker_id, name, updated_at) VALUES ('b1', 'payments', '2024-05-01')");
      expect(await probe(sink, 'SELECT user_id, image_url FROM caricatures')).toEqual([{ user_id: 'u1', image_url: 'https://example.com/1.png' }]);
      expect(await probe(sink, 'SELECT preference_key, preference_value FROM user_preferences')).toEqual([{ preference_key: 'theme', preference_value: null }]);
      expect(await probe(sink, 'SELECT name, state, failure_count FROM circuit_breakers')).toEqual([{ name: 'payments', state: 'closed', failure_count: 0 }]);

      const status = await runner.status(sink);
      expect(status.map((r) => [r.migration_id, r.status, r.applied_sequence])).toEqual(migrations.map((m, i) => [m.id, 'applied', i + 1]));
      expect(status[0]).toMatchObject({ request_id: 'req-m-caricatures-1', schema_name: 'caricatures', schema_version: 1, applied_by: 'reviewer-1', applied_at: '2024-05-01T12:00:00.000Z', attempts: 1 });
      expect(status[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(status[0]?.duration_ms).toBeGreaterThanOrEqual(0);

      for (const m of [...migrations].reverse()) expect((await runner.rollback(sink, m, actor)).outcome).toBe('rolled_back');
      expect(await tables(sink)).toEqual([]);
      expect((await runner.status(sink)).every((r) => r.status === 'rolled_back' && r.rolled_back_by === 'reviewer-1')).toBe(true);
    });

    it('applies and rolls back idempotently: a second call runs nothing', async () => {
      const sink = await engine.newSink();
      await runner.apply(sink, caricaturesCreate(), actor);
      expect(await runner.apply(sink, caricaturesCreate(), actor)).toMatchObject({ outcome: 'unchanged', statements: [] });
      await runner.rollback(sink, caricaturesCreate(), actor);
      expect(await runner.rollback(sink, caricaturesCreate(), actor)).toMatchObject({ outcome: 'unchanged', statements: [] });
      expect((await runner.apply(sink, caricaturesCreate(), actor)).outcome).toBe('applied');
      expect(await runner.status(sink)).toMatchObject([{ status: 'applied', attempts: 3, applied_sequence: 2 }]);
    });

    it('records a migration whose statement fails midway, keeps only what the engine commits, and retries once the cause is fixed', async () => {
      const sink = await engine.newSink();
      const { transactionalDdl } = await engine.connector.connect(sink);
      await runner.apply(sink, caricaturesCreate(), actor);
      // v2 makes username NOT NULL; a row without one makes a later statement fail after earlier ones ran.
      await probe(sink, "INSERT INTO caricatures (user_id, username, image_url, description) VALUES ('u1', NULL, 'a.png', 'kept')");
      const error = await rejectionOf(runner.apply(sink, caricaturesAlter(), actor));
      expect(error).toBeInstanceOf(MigrationFailedError);
      const failure = error as MigrationFailedError;
      const index = failure.details.statement_index;
      expect(index).toBeGreaterThan(0);
      expect(failure.message).toContain(`statement ${index + 1} of`);
      const failing = { sqlite: /^INSERT INTO "caricatures\$rebuild"/, postgres: /SET NOT NULL$/, mysql: /MODIFY COLUMN `username` VARCHAR\(64\) NOT NULL DEFAULT 'anonymous'$/ }[sink.dialect];
      expect(failure.details.failed_statement).toMatch(failing);

      expect(await tables(sink)).toEqual(['caricatures']);
      if (transactionalDdl) {
        expect(failure.details.kept_statements).toBe(0);
        expect(failure.message).toContain('nothing of it was kept');
        expect(await probe(sink, 'SELECT username, description FROM caricatures')).toEqual([{ username: null, description: 'kept' }]);
      } else {
        // The statements before the failing one committed: `description` is already dropped.
        expect(failure.details.kept_statements).toBe(index);
        expect(failure.message).toContain(`statements 1 to ${index} stay in effect`);
        expect(await probe(sink, 'SELECT username FROM caricatures')).toEqual([{ username: null }]);
      }
      const [, row] = await runner.status(sink);
      expect(row).toMatchObject({ migration_id: 'm-caricatures-2', status: 'failed', failed_statement: failure.details.failed_statement, attempts: 1, applied_sequence: null });

      await probe(sink, "UPDATE caricatures SET username = 'ann'");
      const retried = await runner.apply(sink, caricaturesAlter(), actor);
      expect(retried.outcome).toBe('applied');
      expect(retried.statements).toEqual(migrationSql(caricaturesAlter(), sink.dialect).up.slice(transactionalDdl ? 0 : index));
      const [after] = await probe<{ username: string; metadata: unknown }>(sink, 'SELECT username, metadata FROM caricatures');
      expect({ ...after, metadata: json(after?.metadata) }).toEqual({ username: 'ann', metadata: {} });
      expect((await runner.status(sink))[1]).toMatchObject({ status: 'applied', attempts: 2 });
    });

    it('applies once when five appliers race', async () => {
      const sink = await engine.newSink();
      const results = await Promise.all(Array.from({ length: 5 }, () => runner.apply(sink, userPreferencesCreate(), actor)));
      expect(results.map((r) => r.outcome).sort()).toEqual(['applied', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
      expect(await runner.status(sink)).toMatchObject([{ status: 'applied', attempts: 1 }]);
    });

    it('refuses to apply or roll back a migration whose tracking row was tampered with', async () => {
      const sink = await engine.newSink();
      await runner.apply(sink, caricaturesCreate(), actor);
      await probe(sink, `UPDATE ${TRACKING_TABLE} SET checksum = ? WHERE migration_id = ?`, ['0'.repeat(64), 'm-caricatures-1']);
      await expect(runner.apply(sink, caricaturesCreate(), actor)).rejects.toThrow(ChecksumMismatchError);
      await expect(runner.rollback(sink, caricaturesCreate(), actor)).rejects.toThrow(/with up SQL checksum 000000000000…, but its SQL now has checksum [0-9a-f]{12}…/);
      expect(await tables(sink)).toEqual(['caricatures']);
    });

    it('makes a migration wait, saying on what, until what it depends on is applied', async () => {
      const sink = await engine.newSink();
      const waiting = await rejectionOf(runner.apply(sink, caricaturesAlter(), actor));
      expect(waiting).toBeInstanceOf(MigrationWaitingError);
      expect((waiting as MigrationWaitingError).waitingOn).toEqual(['migration m-caricatures-1', 'table "caricatures"']);
      const runs = tieredMigrations()[2] as Migration;
      await expect(runner.apply(sink, { ...runs, depends_on: [] }, actor)).rejects.toThrow(/waits on table "scheduler_schedules", not applied on sink/);
      expect(await tables(sink)).toEqual([]);
    });

    it('refuses to roll back a migration while later applied ones depend on its table, naming them', async () => {
      const sink = await engine.newSink();
      await runner.apply(sink, caricaturesCreate(), actor);
      await runner.apply(sink, caricaturesAlter(), actor);
      const blocked = await rejectionOf(runner.rollback(sink, caricaturesCreate(), actor));
      expect(blocked).toBeInstanceOf(RollbackBlockedError);
      expect((blocked as Error).message).toContain('m-caricatures-2 (caricatures v2)');

      const [schedules, runs] = tieredMigrations().slice(1, 3) as [Migration, Migration];
      await runner.apply(sink, { ...schedules, depends_on: [] }, actor);
      await runner.apply(sink, { ...runs, depends_on: [] }, actor);
      await expect(runner.rollback(sink, schedules, actor)).rejects.toThrow(/depend on table "scheduler_schedules": m-03-intermediate-scheduler_runs \(scheduler_runs v1\)/);

      await runner.rollback(sink, runs, actor);
      await runner.rollback(sink, schedules, actor);
      await runner.rollback(sink, caricaturesAlter(), actor);
      await runner.rollback(sink, caricaturesCreate(), actor);
      expect(await tables(sink)).toEqual([]);
    });

    it('refuses a second migration creating a table that exists, a rollback of what never ran, and protected tables', async () => {
      const sink = await engine.newSink();
      await runner.apply(sink, caricaturesCreate(), actor);
      await expect(runner.apply(sink, caricaturesCreate('m-other'), actor)).rejects.toThrow(MigrationStateError);
      await expect(runner.rollback(sink, userPreferencesCreate(), actor)).rejects.toThrow(/is not applied/);
      const definition = { columns: [{ name: 'id', type: 'text', primary_key: true }] };
      await expect(runner.apply(sink, createMigration('m-messages', 'messages', definition), actor)).rejects.toThrow(ValidationError);
      await expect(runner.apply(sink, createMigration('m-tracking', TRACKING_TABLE, definition), actor)).rejects.toThrow(/tracking table/);
      await expect(runner.apply(sink, createMigration('m-steps', STEPS_TABLE, definition), actor)).rejects.toThrow(/tracking table/);
      await expect(runner.apply(sink, createMigration('m-fk', 'notes', definition, { references: ['user_profiles'] }), actor)).rejects.toThrow(/protected platform table/);
      expect(await tables(sink)).toEqual(['caricatures']);
    });
  });
}
