/**
 * `schema-registry payloads import` against the local server. Run: npx tsx bench/import.ts
 *
 * 1. Throughput: importing LINES (default 10,000) NDJSON lines vs a plain loop of the same POSTs (same
 *    bodies and Idempotency-Keys) at the same concurrency, each in its own process, alternated twice, each
 *    run on a fresh schema version so every write stores. Target: import >= 0.95x the loop.
 * 2. Memory: the import's peak RSS for a file 10x smaller; flat (about 1.0x) means it streams.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTES } from '../functions/routes.js';
import { devKey, devVerifier, mintToken } from '../lib/auth/dev-tokens.js';
import type { Deps } from '../lib/deps.js';
import { createDynamoClients } from '../lib/dynamo/client.js';
import { ensureTable } from '../lib/dynamo/table-admin.js';
import { startDynamoDbLocal } from '../lib/local/dynamodb-local.js';
import { createLocalServer, type LambdaHandler } from '../lib/local/server.js';
import { ulidFactory } from '../lib/util/ulid.js';

const LINES = Number(process.env.LINES ?? 10_000);
const CONCURRENCY = 8;

const ddb = await startDynamoDbLocal();
const dynamo = createDynamoClients({ region: 'local', endpoint: ddb.endpoint });
Object.assign(process.env, { TABLE_NAME: 'bench', DYNAMODB_ENDPOINT: ddb.endpoint, AWS_REGION: 'local' });
await ensureTable(dynamo.raw, 'bench');
const ulid = ulidFactory();
const deps: Deps = { dynamo, tableName: 'bench', now: () => new Date(), newId: () => ulid() };
const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
const jwk = await devKey(join(dir, 'key.json'));
const server = createLocalServer({
  routes: ROUTES,
  verifyToken: await devVerifier(jwk),
  loadHandler: async (group) => ((await import(`../functions/${group}.ts`)) as { buildHandler(d: Deps): LambdaHandler }).buildHandler(deps),
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const token = await mintToken(jwk, { user: 'bench', memberships: [{ workspace: 'bench', role: 'admin' }] });

let schemas = 0;
async function freshVersion(): Promise<string> {
  const res = await fetch(`${url}/api/v1/schemas`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ workspace_id: 'bench', name: `caricatures_${++schemas}`, definition: { type: 'object', required: ['user_id'], properties: { user_id: { type: 'string' }, image_url: { type: 'string', format: 'uri' }, tags: { type: 'array', items: { type: 'string' } } } } }),
  });
  return ((await res.json()) as { id: string }).id;
}

function ndjson(lines: number): string {
  const path = join(dir, `${lines}.ndjson`);
  writeFileSync(path, Array.from({ length: lines }, (_, i) => JSON.stringify({ user_id: `u${i}`, image_url: `https://example.com/${i}.png`, tags: ['a', 'b'] })).join('\n') + '\n');
  return path;
}

interface Run { records: number; seconds: number; max_rss_mb: number }
const child = fileURLToPath(new URL('import-child.ts', import.meta.url));
// The server runs in this process; spawnSync would block it, so each side runs in an async child.
async function side(mode: 'import' | 'loop', file: string): Promise<Run> {
  const ref = await freshVersion();
  const p = spawn(process.execPath, ['--no-warnings', '--import', 'tsx', child, mode, file, ref, url, token, String(CONCURRENCY)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  p.stdout.on('data', (c) => (out += c));
  const code = await new Promise<number | null>((r) => p.on('exit', r));
  if (code !== 0) throw new Error(`${mode} failed (${code})`);
  return JSON.parse(out) as Run;
}

const big = ndjson(LINES);
const small = ndjson(Math.max(1, Math.round(LINES / 10)));
await side('import', small); // warm: handler modules loaded, validator compiled, DynamoDB Local JIT-warm
const loop: Run[] = [];
const imp: Run[] = [];
for (let round = 0; round < 2; round++) {
  loop.push(await side('loop', big));
  imp.push(await side('import', big));
}
const smallImport = await side('import', small);
const rate = (runs: Run[]) => runs.reduce((a, r) => a + r.records / r.seconds, 0) / runs.length;
const peak = (runs: Run[]) => Math.max(...runs.map((r) => r.max_rss_mb));

console.log(`payloads import of ${LINES} NDJSON lines vs a plain loop of the same POSTs, concurrency ${CONCURRENCY}, 2 runs each:`);
console.log(`plain fetch loop        ${rate(loop).toFixed(0).padStart(6)} lines/s   peak RSS ${peak(loop).toFixed(0)} MB (reads the file whole)`);
console.log(`payloads import         ${rate(imp).toFixed(0).padStart(6)} lines/s   peak RSS ${peak(imp).toFixed(0)} MB`);
console.log(`import / loop: ${(rate(imp) / rate(loop)).toFixed(2)}x (target >= 0.95x)`);
console.log(`import peak RSS, ${LINES} lines / ${smallImport.records} lines: ${(peak(imp) / smallImport.max_rss_mb).toFixed(2)}x (flat: about 1.0x)`);

server.close();
dynamo.raw.destroy();
await ddb.stop();
