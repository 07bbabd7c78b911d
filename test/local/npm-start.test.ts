/**
 * `npm start` end to end, as a developer runs it: the real script, its own DynamoDB Local with data on
 * disk, Ctrl-C, and a restart that still has the data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../lib/dynamo/client.js';
import { freePort } from '../../lib/local/dynamodb-local.js';
import { PGlite } from '@electric-sql/pglite';
import { devKey, mintToken } from '../../lib/auth/dev-tokens.js';
import { caricaturesV1 } from '../sql/fixtures.js';

const root = new URL('../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'registry-start-'));
const sinkDir = mkdtempSync(join(tmpdir(), 'registry-start-sinks-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(sinkDir, { recursive: true, force: true });
});

async function start(port: number, extra: string[] = []): Promise<{ child: ChildProcess; output: () => string; endpoint: string; health: { dynamodb_endpoint?: string } }> {
  const child = spawn('npx', ['tsx', 'scripts/start.ts', '--port', String(port), '--data-dir', dataDir, '--sink-dir', sinkDir, ...extra], {
    cwd: root,
    env: { ...process.env, DYNAMODB_ENDPOINT: '', TABLE_NAME: '', PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so the test can press Ctrl-C the way a terminal does: on the whole group.
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const started = Date.now();
  while (Date.now() - started < 90_000) {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => undefined);
    if (res?.status === 200) {
      const endpoint = /DynamoDB Local on (\S+)/.exec(out)![1]!;
      return { child, output: () => out, endpoint, health: (await res.json()) as { dynamodb_endpoint?: string } };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  process.kill(-child.pid!, 'SIGKILL');
  throw new Error(`npm start did not answer /api/v1/health within 90 s:\n${out}`);
}

async function interrupt(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGINT');
  await exited;
}

function javaProcessesUsing(dir: string): number {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((l) => l.includes('DynamoDBLocal.jar') && l.includes(dir)).length;
}

describe('npm start', () => {
  it('answers health, stops cleanly on Ctrl-C and keeps the data across a restart', async () => {
    const port = await freePort();
    const first = await start(port);
    expect(first.output()).toContain(`listening on http://127.0.0.1:${port}/api/v1`);
    const item = { PK: 'TEST#persistence', SK: 'TEST', note: 'written before the restart' };
    let clients = createDynamoClients({ region: 'local', endpoint: first.endpoint });
    await clients.doc.send(new PutCommand({ TableName: 'schema-registry', Item: item }));
    clients.raw.destroy();

    await interrupt(first.child);
    await new Promise((r) => setTimeout(r, 500));
    expect(javaProcessesUsing(dataDir)).toBe(0);

    // A fixed DynamoDB Local port, so another program can reach the table at a known address; /health shows it.
    const dynamoPort = await freePort();
    const second = await start(port, ['--dynamodb-port', String(dynamoPort)]);
    expect(second.endpoint).toBe(`http://127.0.0.1:${dynamoPort}`);
    expect(second.health.dynamodb_endpoint).toBe(second.endpoint);
    expect(second.output()).toContain('table schema-registry: unchanged');
    clients = createDynamoClients({ region: 'local', endpoint: second.endpoint });
    const got = await clients.doc.send(new GetCommand({ TableName: 'schema-registry', Key: { PK: item.PK, SK: item.SK } }));
    clients.raw.destroy();
    expect(got.Item).toEqual(item);
    await interrupt(second.child);
    await new Promise((r) => setTimeout(r, 500));
    expect(javaProcessesUsing(dataDir)).toBe(0);
  }, 240_000);
});

/** Kills the node processes of `npm start` on this port with SIGKILL, as the OOM killer would: not java. */
function killNodeOnly(port: number): void {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  for (const line of ps.split('\n')) {
    if (line.includes('scripts/start.ts') && line.includes(`--port ${port}`) && !line.includes('DynamoDBLocal.jar')) {
      process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
    }
  }
}

describe('npm start with the embedded default sink', () => {
  it('on a fresh start, approving and applying caricatures creates the table in the embedded PostgreSQL; rollback removes it', async () => {
    rmSync(sinkDir, { recursive: true, force: true });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api/v1`;
    const key = await devKey();
    const token = (user: string, role: 'writer' | 'reviewer' | 'reader') => mintToken(key, { user, memberships: [{ workspace: 'default', role }] });
    const [writer, reviewer] = [await token('wendy', 'writer'), await token('rita', 'reviewer')];
    const call = async (method: string, path: string, who: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${who}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const tables = async () => {
      const db = await PGlite.create(sinkDir);
      try {
        const columns = (await db.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_schema = 'ws_default' AND table_name = 'caricatures' ORDER BY ordinal_position")).rows.map((r) => r.column_name);
        const indexes = (await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'ws_default' AND tablename = 'caricatures' ORDER BY indexname")).rows.map((r) => r.indexname);
        return { columns, indexes };
      } finally {
        await db.close();
      }
    };

    const first = await start(port, ['--worker-interval', '0']);
    expect(first.output()).toContain('default sink of every workspace: embedded PostgreSQL');
    const created = await call('POST', '/schema-requests', writer, { workspace_id: 'default', schema_name: 'caricatures', table: caricaturesV1 });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await call('PATCH', `/schema-requests/${id}`, reviewer, { status: 'approved' })).status).toBe(200);
    const applied = await call('POST', `/schema-requests/${id}/migration/apply`, reviewer, {});
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect((await call('GET', `/schema-requests/${id}`, writer)).body.status).toBe('migrated');
    const audit = await call('GET', `/schema-requests/${id}/audit`, writer);
    expect(audit.body.items.find((e: { action: string }) => e.action === 'schema_request.migrated').details).toMatchObject({ outcome: 'applied', sql: applied.body.attempt.statements });
    const notes = await call('GET', '/notifications', writer);
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain('schema_request.migrated');
    await interrupt(first.child);

    // The embedded database lives in the sink directory: open it once npm start has let go of it.
    expect(await tables()).toEqual({
      columns: ['id', 'user_id', 'username', 'image_url', 'description', 'created_at'],
      indexes: ['caricatures_pkey', 'idx_caricatures_created_at', 'idx_caricatures_user_id'],
    });

    const second = await start(port, ['--worker-interval', '0']);
    const undone = await call('POST', `/schema-requests/${id}/migration/rollback`, reviewer, {});
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.request.status).toBe('rolled_back');
    await interrupt(second.child);
    expect(await tables()).toEqual({ columns: [], indexes: [] });
  }, 300_000);
});

describe('npm start after a crash', () => {
  it('stops the DynamoDB Local a killed run left on its data, and refuses data a live run is using', async () => {
    const port = await freePort();
    const first = await start(port);
    killNodeOnly(port);
    await new Promise((r) => first.child.once('exit', r));
    expect(javaProcessesUsing(dataDir)).toBe(1);

    const second = await start(port);
    expect(second.output()).toMatch(/stopped a DynamoDB Local \(pid \d+\) that an earlier run left/);
    expect(javaProcessesUsing(dataDir)).toBe(1);

    const other = await freePort();
    const refused = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts', '--port', String(other), '--data-dir', dataDir], {
      cwd: root,
      env: { ...process.env, DYNAMODB_ENDPOINT: '', TABLE_NAME: '', PORT: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`${dataDir} is in use by another registry process`);
    expect(refused.stderr).toContain('--in-memory');

    await interrupt(second.child);
    await new Promise((r) => setTimeout(r, 500));
    expect(javaProcessesUsing(dataDir)).toBe(0);
  }, 300_000);

  it('names the port that is taken and how to choose another', async () => {
    const port = await freePort();
    const holder = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => holder.once('listening', r));
    const out = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts', '--in-memory', '--port', String(port)], {
      cwd: root,
      env: { ...process.env, DYNAMODB_ENDPOINT: '', TABLE_NAME: '', PORT: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    holder.close();
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(out.stderr).toContain('--port');
  }, 90_000);
});

describe('npm start signalled through npm', () => {
  it('stops the server and its DynamoDB Local when npm alone gets SIGTERM, as `kill $!` sends it', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start', '--', '--in-memory', '--port', String(port), '--worker-interval', '0'], {
      cwd: root,
      env: { ...process.env, DYNAMODB_ENDPOINT: '', TABLE_NAME: '', PORT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout!.on('data', (d) => (out += d));
    npm.stderr!.on('data', (d) => (out += d));
    for (const end = Date.now() + 90_000; Date.now() < end; ) {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => undefined))?.status === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const ddbPort = /DynamoDB Local on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
    expect(ddbPort, out).toBeDefined();
    const left = () => spawnSync('ps', ['-eo', 'args='], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.includes(`--port ${port}`) || l.includes(`-port ${ddbPort} `));
    expect(left().length).toBeGreaterThan(0);
    npm.kill('SIGTERM');
    for (const end = Date.now() + 30_000; Date.now() < end && left().length > 0; ) await new Promise((r) => setTimeout(r, 250));
    expect(left()).toEqual([]);
  }, 180_000);
});

describe('npm start without Java', () => {
  it('says that Java 17+ is needed and how to install it', async () => {
    // A PATH with node but no java (they share /usr/bin on many machines, so link node alone).
    const bin = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const out = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts', '--in-memory'], {
      cwd: root,
      env: { ...process.env, PATH: bin, DYNAMODB_ENDPOINT: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('DynamoDB Local needs Java 17 or later');
    expect(out.stderr).toContain('apt-get install openjdk-17-jre-headless');
    rmSync(bin, { recursive: true, force: true });
  });
});
