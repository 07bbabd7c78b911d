/**
 * The runner on a real PostgreSQL server (Debian's postgresql, started for this file on a free port),
 * reached by URL from an environment variable, with password authentication, so the tests can also
 * check that the credentials never leave in an error or a log line.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMigrationRunner, createSinkConnector, SinkUnavailableError, MigrationFailedError, type Sink } from '../../lib/sinks/index.js';
import { postgresUnavailable, startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { caricaturesAlter, caricaturesCreate, rejectionOf } from './fixtures.js';
import { runnerContract } from './runner-contract.js';

const unavailable = await postgresUnavailable();
let server: PostgresServer;
const env: Record<string, string> = {};
let counter = 0;
const newSink = (): Sink => ({ name: 'warehouse', dialect: 'postgres', connection: { kind: 'env', variable: 'WAREHOUSE_URL' }, namespace: `team_${++counter}` });

describe.skipIf(unavailable !== undefined)(`real PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    server = await startPostgres();
    env.WAREHOUSE_URL = server.url;
  }, 120_000);
  afterAll(() => server?.stop());

  runnerContract('PostgreSQL (node-postgres)', async () => ({ connector: createSinkConnector({ env }), newSink: async () => newSink(), stop: async () => {} }));

  describe('credentials', () => {
    const runner = createMigrationRunner({ connect: (s) => createSinkConnector({ env }).connect(s), clock: () => new Date(0) });
    const leaks = (text: string) => [server.password, server.url, server.user].filter((secret) => text.includes(secret));

    it('never appear in errors or log lines: a refused password, a closed port, a failed statement', async () => {
      const logged: string[] = [];
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args) => void logged.push(args.map(String).join(' '))));
      try {
        const wrongPassword = server.url.replace(server.password, `${server.password}-wrong`);
        const closedPort = server.url.replace(/:\d+\//, ':1/');
        const brokenEnv = { BROKEN_URL: wrongPassword };
        const broken = createMigrationRunner({ connect: (s) => createSinkConnector({ env: brokenEnv }).connect(s), clock: () => new Date(0) });
        const refused = await rejectionOf<Error>(broken.apply({ ...newSink(), connection: { kind: 'env', variable: 'BROKEN_URL' } }, caricaturesCreate(), { actor: 'u' }));
        expect(refused).toBeInstanceOf(SinkUnavailableError);
        expect((refused as Error).message).toMatch(/password authentication failed/);
        brokenEnv.BROKEN_URL = closedPort;
        const closed = await rejectionOf<Error>(broken.apply({ ...newSink(), connection: { kind: 'env', variable: 'BROKEN_URL' } }, caricaturesCreate(), { actor: 'u' }));
        expect(closed).toBeInstanceOf(SinkUnavailableError);

        const sink = newSink();
        await runner.apply(sink, caricaturesCreate(), { actor: 'u' });
        const driver = await createSinkConnector({ env }).connect(sink);
        await driver.transaction(sink.namespace, (tx) => tx.query("INSERT INTO caricatures (user_id, image_url) VALUES ('u1', 'a.png')"));
        const failed = await rejectionOf<MigrationFailedError>(runner.apply(sink, caricaturesAlter(), { actor: 'u' }));
        expect(failed).toBeInstanceOf(MigrationFailedError);

        for (const error of [refused as Error, closed as Error, failed as Error]) {
          expect(leaks(`${error.message} ${JSON.stringify(error)} ${String(error.stack)}`)).toEqual([]);
        }
        expect(leaks(logged.join('\n'))).toEqual([]);
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
    });
  });
});
