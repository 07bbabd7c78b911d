/**
 * The RDS Data API driver cannot reach AWS here: these tests record the commands it sends (and inject
 * faults) through a fake `send`, the SDK mocked only at its edge.
 */
import { BeginTransactionCommand, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
import { describe, expect, it } from 'vitest';
import { createMigrationRunner, createSinkConnector, MigrationFailedError, SinkUnavailableError, type Sink } from '../../lib/sinks/index.js';
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
      return String(command.input.sql).startsWith('SELECT migration_id') ? { formattedRecords: '[]' } : {};
    }
    return {};
  };
  return { sent, client: { send } as never };
}

const runnerWith = (client: never) => createMigrationRunner({ connect: (s) => createSinkConnector({ env: {}, dataApi: client }).connect(s), clock: () => new Date(0) });

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
});
