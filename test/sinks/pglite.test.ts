/** The runner on the embedded sink: PGlite, one database schema per workspace. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigrationRunner, createSinkConnector, namespaceForWorkspace, type Sink } from '../../lib/sinks/index.js';
import { caricaturesCreate } from './fixtures.js';
import { runnerContract } from './runner-contract.js';

let counter = 0;
const embeddedSink = (): Sink => ({ name: 'default', dialect: 'postgres', connection: { kind: 'embedded' }, namespace: namespaceForWorkspace(`team-${++counter}`) });

// One embedded database for the file (PGlite takes seconds to boot); every test gets its own workspace.
const connector = createSinkConnector({ env: {}, embeddedDataDir: 'memory://' });
beforeAll(async () => {
  await connector.connect(embeddedSink());
});
afterAll(() => connector.close());

runnerContract('PGlite (embedded)', async () => ({ connector, newSink: async () => embeddedSink(), stop: async () => {} }));

describe('embedded sink namespaces', () => {
  it('keeps each workspace in its own schema, with its own tracking table', async () => {
    const runner = createMigrationRunner({ connect: (s) => connector.connect(s), clock: () => new Date(0) });
    const [a, b] = [embeddedSink(), embeddedSink()];
    await runner.apply(a, caricaturesCreate(), { actor: 'u' });
    expect(await runner.status(b)).toEqual([]);
    expect((await runner.apply(b, caricaturesCreate(), { actor: 'u' })).outcome).toBe('applied');
    const driver = await connector.connect(a);
    const rows = await driver.transaction(undefined, (tx) =>
      tx.query<{ table_schema: string; table_name: string }>(
        'SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN (?, ?) ORDER BY table_schema, table_name',
        [a.namespace ?? '', b.namespace ?? ''],
      ),
    );
    expect(rows).toEqual(
      [a.namespace, b.namespace].sort().flatMap((ns) => ['caricatures', 'schema_registry_migrations'].map((t) => ({ table_schema: ns, table_name: t }))),
    );
  });

  it('names workspaces as schemas that cannot collide or escape the prefix', () => {
    expect(namespaceForWorkspace('public')).toBe('ws_public');
    expect(namespaceForWorkspace('team-a')).toBe('ws_team_a');
    const long = namespaceForWorkspace('a'.repeat(63));
    expect(long).toHaveLength(63);
    expect(long).not.toBe(namespaceForWorkspace(`${'a'.repeat(62)}b`));
  });
});
