/** The runner on SQLite files (better-sqlite3): BEGIN IMMEDIATE as the lock, DDL in the transaction. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSinkConnector, type Sink } from '../../lib/sinks/index.js';
import { runnerContract } from './runner-contract.js';

runnerContract('SQLite (better-sqlite3)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'schema-registry-sqlite-'));
  const env: Record<string, string> = {};
  let counter = 0;
  return {
    connector: createSinkConnector({ env }),
    async newSink(): Promise<Sink> {
      const variable = `SINK_DB_${++counter}`;
      env[variable] = `sqlite:${join(dir, `sink-${counter}.db`)}`;
      return { name: `files_${counter}`, dialect: 'sqlite', connection: { kind: 'env', variable } };
    },
    stop: () => rm(dir, { recursive: true, force: true }),
  };
});
