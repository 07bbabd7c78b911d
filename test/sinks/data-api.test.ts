/**
 * The RDS Data API driver cannot reach AWS here: these tests record the commands it sends (and inject
 * faults) through a fake `send`, the SDK mocked only at its edge.
 */
import { BeginTransactionCommand, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import { describe, expect, it } from 'vitest';
import { createMigrationRunner, createSinkConnector, MigrationFailedError, migrationSql, SinkUnavailableError, type Sink } from '../../lib/sinks/index.js';
import { caricaturesCreate, rejectionOf } from './fixtures.js';

const target = {
  cluster_arn: 'arn:aws:rds:eu-west-1:123456789012:cluster:analytics',
  secret_arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:analytics-db-AbCdEf',
  database: 'analytics',
};
const sink: Sink = { name: 'aurora', dialect: 'postgres', connection: { kind: 'data_api', ...target }, namespace: 'ws_team_a' };

type Sent = { command: string; input: Record<string, unknown> };
function recordingClient(fail?: (sql: string) => Error | undefined) {
  const sent: Sent[] = [];
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    sent.push({ command: command.constructor.name, input: command.input });
    if (command instanceof BeginTransactionCommand) return { transactionId: 'tx-1' };
    if (command instanceof ExecuteStatementCommand) {
      const error = fail?.(String(command.input.sql));
      if (error) throw error;
      const sql = String(command.input.sql);
      if (sql.startsWith('SELECT GET_LOCK')) return { formattedRecords: '[{"acquired":1}]' };
      return sql.startsWith('SELECT migration_id') ? { formattedRecords: '[]' } : {};
    }
    return {};
  };
  return { sent, client: { send } as never };
}

const runnerWith = (client: never) => createMigrationRunner({ connect: (s) => createSinkConnector({ env: {}, dataApi: async () => client }).connect(s), clock: () => new Date(0) });

describe('RDS Data API driver', () => {
  it('runs the whole migration in one Data API transaction: lock, namespace, tracking table, statements, commit', async () => {
    const { sent, client } = recordingClient();
    const result = await runnerWith(client).apply(sink, caricaturesCreate(), { actor: 'u' });
    expect(result.outcome).toBe('applied');
    expect(sent[0]).toEqual({ command: 'BeginTransactionCommand', input: { resourceArn: target.cluster_arn, secretArn: target.secret_arn, database: 'analytics' } });
    expect(sent.at(-1)).toEqual({ command: 'CommitTransactionCommand', input: { resourceArn: target.cluster_arn, secretArn: target.secret_arn, transactionId: 'tx-1' } });
    const statements = sent.filter((s) => s.command === 'ExecuteStatementCommand');
    expect(statements.every((s) => s.input.transactionId === 'tx-1' && s.input.resourceArn === target.cluster_arn && s.input.database === 'analytics')).toBe(true);
    const sql = statements.map((s) => String(s.input.sql));
    expect(sql.slice(0, 3)).toEqual(['SELECT pg_advisory_xact_lock(:p1::bigint)', 'CREATE SCHEMA IF NOT EXISTS "ws_team_a"', 'SET LOCAL search_path TO "ws_team_a"']);
    expect(statements[0]?.input.parameters).toEqual([{ name: 'p1', value: { stringValue: expect.stringMatching(/^-?\d+$/) } }]);
    expect(sql).toEqual(expect.arrayContaining(result.statements));
    const upsert = statements.find((s) => String(s.input.sql).startsWith('INSERT INTO schema_registry_migrations'));
    expect(upsert?.input.parameters).toEqual(
      expect.arrayContaining([
        { name: 'p1', value: { stringValue: 'm-caricatures-1' } },
        { name: 'p4', value: { longValue: 1 } },
        { name: 'p11', value: { stringValue: '1970-01-01T00:00:00.000Z' } },
        { name: 'p15', value: { isNull: true } },
      ]),
    );
  });

  it('rolls the Data API transaction back when a statement fails, and reports the statement', async () => {
    const { sent, client } = recordingClient((sql) => (sql.startsWith('CREATE INDEX') ? Object.assign(new Error('ERROR: permission denied for schema ws_team_a'), { name: 'DatabaseErrorException' }) : undefined));
    const error = await rejectionOf<MigrationFailedError>(runnerWith(client).apply(sink, caricaturesCreate(), { actor: 'u' }));
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect(error.details).toMatchObject({ operation: 'apply', statement_index: 1, database_error: 'ERROR: permission denied for schema ws_team_a' });
    const commands = sent.map((s) => s.command);
    expect(commands).toContain('RollbackTransactionCommand');
    // The failure is then recorded in a transaction of its own.
    expect(commands.indexOf('RollbackTransactionCommand')).toBeLessThan(commands.lastIndexOf('BeginTransactionCommand'));
  });

  it('reports an unreachable cluster as unavailable, without the secret ARN', async () => {
    const client = { send: async (c: unknown) => { if (c instanceof BeginTransactionCommand) throw new Error(`AccessDenied for ${target.secret_arn}`); return {}; } } as never;
    const error = await rejectionOf<Error>(runnerWith(client).apply(sink, caricaturesCreate(), { actor: 'u' }));
    expect(error).toBeInstanceOf(SinkUnavailableError);
    expect(error.message).not.toContain(target.secret_arn);
    expect(error.message).toMatch(/cannot begin a transaction on the Aurora sink/);
  });

  describe('on Aurora MySQL', () => {
    const mysqlSink: Sink = { ...sink, dialect: 'mysql' };
    const executed = (sent: Sent[]) => sent.filter((s) => s.command === 'ExecuteStatementCommand');

    it('holds a named lock on the pinned connection, works in the namespace database, records each statement, and releases the lock before committing', async () => {
      const { sent, client } = recordingClient();
      const result = await runnerWith(client).apply(mysqlSink, caricaturesCreate(), { actor: 'u' });
      expect(result).toMatchObject({ outcome: 'applied', dialect: 'mysql', statements: migrationSql(caricaturesCreate(), 'mysql').up });
      const statements = executed(sent);
      const sql = statements.map((s) => String(s.input.sql));
      expect(sql.slice(0, 4)).toEqual([
        "SET SESSION sql_mode = 'TRADITIONAL', time_zone = '+00:00'",
        'SELECT GET_LOCK(:p1, :p2) AS acquired',
        'CREATE DATABASE IF NOT EXISTS `ws_team_a` CHARACTER SET utf8mb4',
        'USE `ws_team_a`',
      ]);
      expect(statements[1]?.input.parameters).toEqual([{ name: 'p1', value: { stringValue: expect.stringMatching(/^schema_registry_migrations:[0-9a-f]{32}$/) } }, { name: 'p2', value: { longValue: 60 } }]);
      // Until the namespace exists the connection's database is named; from then on, the namespace.
      expect(statements.slice(0, 4).map((s) => s.input.database)).toEqual(['analytics', 'analytics', 'analytics', 'analytics']);
      expect(statements.slice(4).every((s) => s.input.database === 'ws_team_a' && s.input.transactionId === 'tx-1')).toBe(true);
      // Every statement of the migration is marked started, then done, in the steps table.
      const state = (s: Sent | undefined) => (s?.input.parameters as { value: { stringValue?: string } }[] | undefined)?.[4]?.value.stringValue;
      for (const [index, statement] of result.statements.entries()) {
        const at = sql.indexOf(statement);
        expect(sql[at - 1]).toMatch(/^INSERT INTO schema_registry_migration_steps .*\sON DUPLICATE KEY UPDATE /s);
        expect([state(statements[at - 1]), state(statements[at + 1])]).toEqual(['started', 'done']);
        expect(statements[at + 1]?.input.parameters).toEqual(expect.arrayContaining([{ name: 'p3', value: { longValue: index } }]));
      }
      expect(sql).toContain('DELETE FROM schema_registry_migration_steps WHERE migration_id = :p1');
      expect(sql.at(-1)).toBe('SELECT RELEASE_LOCK(:p1) AS released');
      expect(sent.at(-1)?.command).toBe('CommitTransactionCommand');
    });

    it('keeps the statements before a failing one, says where a retry resumes, and releases the lock on the way out', async () => {
      const duplicate = Object.assign(new Error("Database error code: 1061. Message: Duplicate key name 'idx_caricatures_created_at'."), { name: 'DatabaseErrorException' });
      const { sent, client } = recordingClient((sql) => (sql.startsWith('CREATE INDEX `idx_caricatures_created_at`') ? duplicate : undefined));
      const error = await rejectionOf<MigrationFailedError>(runnerWith(client).apply(mysqlSink, caricaturesCreate(), { actor: 'u' }));
      expect(error.details).toMatchObject({ operation: 'apply', statement_index: 2, kept_statements: 2 });
      expect(error.message).toContain('statements 1 to 2 stay in effect, as MySQL commits each statement: fix the cause and apply again to resume at statement 3');
      const sql = executed(sent).map((s) => String(s.input.sql));
      expect(sql).toContain('DELETE FROM schema_registry_migration_steps WHERE migration_id = :p1 AND operation = :p2 AND statement_index = :p3');
      expect(sql.filter((s) => s.startsWith('SELECT RELEASE_LOCK')).length).toBeGreaterThanOrEqual(1);
    });
  });
});
