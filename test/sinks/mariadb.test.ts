/**
 * The runner on a real MariaDB server (Debian's mariadb-server, started for this file on a free port),
 * reached by URL from an environment variable with a password. MySQL commits each DDL statement, so
 * besides the shared contract this file checks what that changes: a failed migration keeps its first
 * statements and resumes at the failing one, a rollback likewise, and an interrupted statement is
 * recognised when it turns out to have run.
 */
import { describe, expect, it } from 'vitest';
import {
  ChecksumMismatchError,
  createMigrationRunner,
  createSinkConnector,
  MigrationFailedError,
  MigrationStateError,
  migrationSql,
  STEPS_TABLE,
  TRACKING_TABLE,
  type Sink,
} from '../../lib/sinks/index.js';
import { checksumOf } from '../../lib/sinks/migration-sql.js';
import { mariadbUnavailable, startMariadb } from '../support/mariadb-server.js';
import { caricaturesAlter, caricaturesCreate, rejectionOf } from './fixtures.js';
import { onRealServer } from './real-server.js';

const actor = { actor: 'reviewer-1' };

onRealServer(
  { engine: 'MariaDB', driver: 'mysql2', dialect: 'mysql', unavailable: await mariadbUnavailable(), start: startMariadb, refusal: /Access denied/ },
  (live) => {
    const { env, newSink } = live;

    describe('statement by statement', () => {
      const connector = createSinkConnector({ env });
      const runner = createMigrationRunner({ connect: (s) => connector.connect(s), clock: () => new Date('2024-05-01T12:00:00.000Z') });
      const probe = async <R = Record<string, unknown>>(sink: Sink, sql: string, params: (string | number)[] = []) =>
        (await connector.connect(sink)).transaction(sink.namespace, (tx) => tx.query<R>(sql, params));
      const columns = async (sink: Sink, table: string) =>
        (await probe<{ name: string }>(sink, 'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position', [table])).map((r) => r.name);
      const steps = (sink: Sink) => probe<{ operation: string; statement_index: number; state: string }>(sink, `SELECT operation, statement_index, state FROM ${STEPS_TABLE} ORDER BY operation, statement_index`);
      const up = migrationSql(caricaturesAlter(), 'mysql').up;
      const down = migrationSql(caricaturesAlter(), 'mysql').down;

      it('keeps the first two statements of a migration failing at its third, and resumes at the third once the cause is fixed', async () => {
        const sink = newSink();
        await runner.apply(sink, caricaturesCreate(), actor);
        // Someone added v2's `metadata` column by hand: statement 3 (ADD COLUMN `metadata`) conflicts.
        expect(up[2]).toMatch(/^ALTER TABLE `caricatures` ADD COLUMN `metadata` /);
        await probe(sink, 'ALTER TABLE caricatures ADD COLUMN metadata INT NULL');

        const failure = await rejectionOf<MigrationFailedError>(runner.apply(sink, caricaturesAlter(), actor));
        expect(failure).toBeInstanceOf(MigrationFailedError);
        expect(failure.details).toMatchObject({ operation: 'apply', statement_index: 2, kept_statements: 2, failed_statement: up[2], database_error: "Duplicate column name 'metadata'" });
        expect(failure.message).toBe(
          `apply of migration m-caricatures-2 on sink "warehouse" failed at statement 3 of ${up.length}, and statements 1 to 2 stay in effect, as MySQL commits each statement: fix the cause and apply again to resume at statement 3: Duplicate column name 'metadata'`,
        );
        // Statements 1 and 2 (drop an index, drop `description`) committed; nothing after them ran.
        expect(await columns(sink, 'caricatures')).toEqual(['id', 'user_id', 'username', 'image_url', 'created_at', 'metadata']);
        expect(await steps(sink)).toEqual([
          { operation: 'apply', statement_index: 0, state: 'done' },
          { operation: 'apply', statement_index: 1, state: 'done' },
        ]);
        expect((await runner.status(sink))[1]).toMatchObject({ status: 'failed', failed_statement: up[2], attempts: 1 });

        await probe(sink, 'ALTER TABLE caricatures DROP COLUMN metadata');
        // Statements 1 and 2 would fail if run again (the index and the column are gone): only 3 on run.
        const resumed = await runner.apply(sink, caricaturesAlter(), actor);
        expect(resumed).toMatchObject({ outcome: 'applied', statements: up.slice(2) });
        expect(await columns(sink, 'caricatures')).toEqual(['id', 'user_id', 'username', 'image_url', 'created_at', 'metadata', 'updated_at']);
        expect(await steps(sink)).toEqual([]);
        expect((await runner.status(sink))[1]).toMatchObject({ status: 'applied', attempts: 2, applied_sequence: 2, checksum: checksumOf(up) });

        await runner.rollback(sink, caricaturesAlter(), actor);
        await runner.rollback(sink, caricaturesCreate(), actor);
        const left = await probe<{ name: string }>(sink, 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
        expect(left.map((r) => r.name).sort()).toEqual([STEPS_TABLE, TRACKING_TABLE].sort());
      });

      it('rolls back a failed migration by undoing the statements it kept, and it applies afresh later', async () => {
        const sink = newSink();
        await runner.apply(sink, caricaturesCreate(), actor);
        await probe(sink, 'ALTER TABLE caricatures ADD COLUMN metadata INT NULL');
        await rejectionOf(runner.apply(sink, caricaturesAlter(), actor));
        // A kept statement that is no longer the migration's first: its reverse is unknown, nothing runs.
        await probe(sink, `UPDATE ${STEPS_TABLE} SET checksum = ? WHERE statement_index = 0`, ['0'.repeat(64)]);
        await expect(runner.rollback(sink, caricaturesAlter(), actor)).rejects.toThrow(ChecksumMismatchError);
        await probe(sink, `UPDATE ${STEPS_TABLE} SET checksum = ? WHERE statement_index = 0`, [checksumOf([up[0] as string])]);
        // Kept: the index and `description` dropped. Undone: `description` added back, then the index.
        const undone = await runner.rollback(sink, caricaturesAlter(), actor);
        expect(undone).toMatchObject({ outcome: 'rolled_back', statements: down.slice(-2) });
        expect(undone.statements).toEqual(['ALTER TABLE `caricatures` ADD COLUMN `description` LONGTEXT NULL', 'CREATE INDEX `idx_caricatures_created_at` ON `caricatures` (`created_at`)']);
        expect(await columns(sink, 'caricatures')).toEqual(['id', 'user_id', 'username', 'image_url', 'created_at', 'metadata', 'description']);
        const indexes = await probe<{ name: string }>(sink, "SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'caricatures' ORDER BY index_name");
        expect(indexes.map((r) => r.name)).toEqual(['idx_caricatures_created_at', 'idx_caricatures_user_id', 'PRIMARY']);
        expect(await steps(sink)).toEqual([]);
        expect((await runner.status(sink))[1]).toMatchObject({ status: 'rolled_back', rolled_back_by: 'reviewer-1', applied_sequence: null });

        await probe(sink, 'ALTER TABLE caricatures DROP COLUMN metadata');
        expect(await runner.apply(sink, caricaturesAlter(), actor)).toMatchObject({ outcome: 'applied', statements: up });
      });

      it('resumes a rollback that failed midway, and refuses to apply the migration until it is finished', async () => {
        const sink = newSink();
        await runner.apply(sink, caricaturesCreate(), actor);
        await runner.apply(sink, caricaturesAlter(), actor);
        // Rolling back v2 adds `description` back at its 7th statement; a hand-made one is in the way.
        expect(down[6]).toMatch(/ADD COLUMN `description`/);
        await probe(sink, 'ALTER TABLE caricatures ADD COLUMN description INT NULL');
        const failure = await rejectionOf<MigrationFailedError>(runner.rollback(sink, caricaturesAlter(), actor));
        expect(failure.details).toMatchObject({ operation: 'rollback', statement_index: 6, kept_statements: 6 });
        expect(failure.message).toContain('fix the cause and roll back again to resume at statement 7');
        expect((await runner.status(sink))[1]).toMatchObject({ status: 'applied', failed_statement: down[6] });
        await expect(runner.apply(sink, caricaturesAlter(), actor)).rejects.toThrow(MigrationStateError);
        await expect(runner.apply(sink, caricaturesAlter(), actor)).rejects.toThrow(/rollback of migration m-caricatures-2 on sink "warehouse" stopped after its statement 6; fix its cause and roll back again/);

        await probe(sink, 'ALTER TABLE caricatures DROP COLUMN description');
        expect(await runner.rollback(sink, caricaturesAlter(), actor)).toMatchObject({ outcome: 'rolled_back', statements: down.slice(6) });
        expect(await columns(sink, 'caricatures')).toEqual(['id', 'user_id', 'username', 'image_url', 'created_at', 'description']);
        expect(await steps(sink)).toEqual([]);
        expect((await runner.apply(sink, caricaturesAlter(), actor)).outcome).toBe('applied');
      });

      it('accepts a statement an interruption left unrecorded once it finds it ran, and refuses one whose SQL changed', async () => {
        const sink = newSink();
        await runner.apply(sink, caricaturesCreate(), actor);
        // As if the process died after statement 1 committed but before it was recorded as done.
        await probe(sink, up[0] as string);
        await probe(sink, `INSERT INTO ${STEPS_TABLE} (migration_id, operation, statement_index, checksum, state, updated_at) VALUES (?, 'apply', 0, ?, 'started', '2024-05-01T12:00:00.000Z')`, ['m-caricatures-2', checksumOf([up[0] as string])]);
        expect(await runner.apply(sink, caricaturesAlter(), actor)).toMatchObject({ outcome: 'applied', statements: up });

        const other = newSink();
        await runner.apply(other, caricaturesCreate(), actor);
        await probe(other, `INSERT INTO ${STEPS_TABLE} (migration_id, operation, statement_index, checksum, state, updated_at) VALUES ('m-caricatures-2', 'apply', 0, ?, 'done', '2024-05-01T12:00:00.000Z')`, ['0'.repeat(64)]);
        const changed = await rejectionOf(runner.apply(other, caricaturesAlter(), actor));
        expect(changed).toBeInstanceOf(ChecksumMismatchError);
        expect((changed as Error).message).toMatch(/^statement 1 of the apply of migration m-caricatures-2 ran on sink "warehouse" with checksum 000000000000…/);
        expect(await columns(other, 'caricatures')).toContain('description');
      });

      it('reaches the server through its Unix socket too', async () => {
        const socketEnv = { SOCKET_URL: live.server.socketUrl };
        const sink: Sink = { ...newSink(), connection: { kind: 'env', variable: 'SOCKET_URL' } };
        const viaSocket = createMigrationRunner({ connect: (s) => createSinkConnector({ env: socketEnv }).connect(s), clock: () => new Date(0) });
        expect((await viaSocket.apply(sink, caricaturesCreate(), actor)).outcome).toBe('applied');
        // The same database as over TCP.
        expect(await runner.status({ ...sink, connection: { kind: 'env', variable: 'WAREHOUSE_URL' } })).toMatchObject([{ migration_id: 'm-caricatures-1', status: 'applied' }]);
      });
    });
  },
);
