/**
 * The tests every real database server (PostgreSQL, MariaDB: test/support) gets, started for its test file
 * and reached by URL from an environment variable with a password: the runner contract, the file's own
 * tests, and the check that the credentials never leave in an error or a log line.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMigrationRunner, createSinkConnector, MigrationFailedError, SinkUnavailableError, type Sink } from '../../lib/sinks/index.js';
import type { Dialect } from '../../lib/sql/index.js';
import type { ThrowawayServer } from '../support/throwaway-server.js';
import { caricaturesAlter, caricaturesCreate, rejectionOf } from './fixtures.js';
import { runnerContract } from './runner-contract.js';

export interface RealServer<S> {
  /** Set once the server is up (in the block's beforeAll). */
  server: S;
  /** The sinks' environment: the server's URL is WAREHOUSE_URL. */
  env: Record<string, string>;
  /** A sink of the server no other test uses. */
  newSink(): Sink;
}

export interface RealServerOptions<S> {
  /** e.g. PostgreSQL */
  engine: string;
  /** The driver the registry reaches it with, e.g. node-postgres. */
  driver: string;
  dialect: Dialect;
  /** Why the server cannot start here (the block is skipped), or undefined. */
  unavailable: string | undefined;
  start(): Promise<S>;
  /** The server's refusal of a wrong password. */
  refusal: RegExp;
}

export function onRealServer<S extends ThrowawayServer & { url: string }>(o: RealServerOptions<S>, own: (live: RealServer<S>) => void = () => {}): void {
  let counter = 0;
  const live = {
    env: {},
    newSink: () => ({ name: 'warehouse', dialect: o.dialect, connection: { kind: 'env', variable: 'WAREHOUSE_URL' }, namespace: `team_${++counter}` }),
  } as RealServer<S>;
  const { env, newSink } = live;

  describe.skipIf(o.unavailable !== undefined)(`real ${o.engine}${o.unavailable ? ` (skipped: ${o.unavailable})` : ''}`, () => {
    beforeAll(async () => {
      live.server = await o.start();
      env.WAREHOUSE_URL = live.server.url;
    }, 120_000);
    afterAll(() => live.server?.stop());

    runnerContract(`${o.engine} (${o.driver})`, async () => ({ connector: createSinkConnector({ env }), newSink: async () => newSink(), stop: async () => {} }));

    own(live);

    describe('credentials', () => {
      const runner = createMigrationRunner({ connect: (s) => createSinkConnector({ env }).connect(s), clock: () => new Date(0) });
      const leaks = (text: string) => [live.server.password, live.server.url, live.server.user].filter((secret) => text.includes(secret));

      it('never appear in errors or log lines: a refused password, a closed port, a failed statement', async () => {
        const { server } = live;
        const logged: string[] = [];
        const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args) => void logged.push(args.map(String).join(' '))));
        try {
          const brokenEnv = { BROKEN_URL: server.url.replace(server.password, `${server.password}-wrong`) };
          const broken = createMigrationRunner({ connect: (s) => createSinkConnector({ env: brokenEnv }).connect(s), clock: () => new Date(0) });
          const brokenSink = (): Sink => ({ ...newSink(), connection: { kind: 'env', variable: 'BROKEN_URL' } });
          const refused = await rejectionOf<Error>(broken.apply(brokenSink(), caricaturesCreate(), { actor: 'u' }));
          expect(refused).toBeInstanceOf(SinkUnavailableError);
          expect(refused.message).toMatch(o.refusal);
          brokenEnv.BROKEN_URL = server.url.replace(/:\d+\//, ':1/');
          const closed = await rejectionOf<Error>(broken.apply(brokenSink(), caricaturesCreate(), { actor: 'u' }));
          expect(closed).toBeInstanceOf(SinkUnavailableError);

          const sink = newSink();
          await runner.apply(sink, caricaturesCreate(), { actor: 'u' });
          const driver = await createSinkConnector({ env }).connect(sink);
          await driver.transaction(sink.namespace, (tx) => tx.query("INSERT INTO caricatures (user_id, image_url) VALUES ('u1', 'a.png')"));
          const failed = await rejectionOf<MigrationFailedError>(runner.apply(sink, caricaturesAlter(), { actor: 'u' }));
          expect(failed).toBeInstanceOf(MigrationFailedError);

          for (const error of [refused, closed, failed as Error]) {
            expect(leaks(`${error.message} ${JSON.stringify(error)} ${String(error.stack)}`)).toEqual([]);
          }
          expect(leaks(logged.join('\n'))).toEqual([]);
        } finally {
          for (const spy of spies) spy.mockRestore();
        }
      });
    });
  });
}
