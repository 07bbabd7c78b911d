/**
 * The API's DynamoDB cost and write throughput, against DynamoDB Local. Run: npx tsx bench/api.ts
 *
 * 1. DynamoDB calls per operation, counted by a middleware on the SDK client the handlers use.
 * 2. POST /payloads through the local server (HTTP, auth, validation, handler) against raw SDK PutItem
 *    calls of the same items, at the same concurrency, against the same DynamoDB Local. Target (issue 18): 0.85x.
 *    Beside them, a bare HTTP server that only forwards to the same PutItem: the floor of any front end here.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { exportJWK, generateKeyPair } from 'jose';
import { ROUTES } from '../functions/routes.js';
import { devVerifier, mintToken } from '../lib/auth/dev-tokens.js';
import { readConfig, useConfig } from '../lib/config.js';
import type { Deps } from '../lib/deps.js';
import { createDynamoClients, observeCalls } from '../lib/dynamo/client.js';
import { ensureTable } from '../lib/dynamo/table-admin.js';
import { Table } from '../lib/dynamo/table.js';
import { payloadRules } from '../lib/generated/records/payload.js';
import { startDynamoDbLocal } from '../lib/local/dynamodb-local.js';
import { createLocalServer, type LambdaHandler } from '../lib/local/server.js';
import { ulidFactory } from '../lib/util/ulid.js';

const CONCURRENCY = 8;
const WRITES = 400;
const ROUNDS = 15;
/** Unmeasured rounds of each side first: DynamoDB Local's JIT warms up in them (its first rounds ran at half speed). */
const WARMUP_ROUNDS = 2;

const ddb = await startDynamoDbLocal();
const dynamo = createDynamoClients({ region: 'local', endpoint: ddb.endpoint });
const calls: Record<string, number> = {};
const stopCounting = observeCalls(dynamo, 'countCalls', (next, context) => async (args) => {
  calls[context.commandName ?? '?'] = (calls[context.commandName ?? '?'] ?? 0) + 1;
  return next(args);
});
const tableName = 'bench';
// Handler modules also build their production deps at import, as in Lambda; give them a valid config.
useConfig(readConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: ddb.endpoint, AWS_REGION: 'local' }));
await ensureTable(dynamo.raw, tableName);
const ulid = ulidFactory();
const deps: Deps = { dynamo, tableName, now: () => new Date(), newId: () => ulid() };

const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), alg: 'ES256' };
const server = createLocalServer({
  routes: ROUTES,
  verifyToken: await devVerifier(jwk),
  loadHandler: async (group) => ((await import(`../functions/${group}.ts`)) as { buildHandler(d: Deps): LambdaHandler }).buildHandler(deps),
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const token = await mintToken(jwk, { user: 'bench', memberships: [{ workspace: 'bench', role: 'admin' }] });
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, any>;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};

const definition = {
  type: 'object',
  required: ['user_id', 'image_url'],
  additionalProperties: false,
  properties: { user_id: { type: 'string' }, image_url: { type: 'string', format: 'uri' }, tags: { type: 'array', items: { type: 'string' } } },
};
const version = await call('POST', '/api/v1/schemas', { workspace_id: 'bench', name: 'caricatures', definition });
const data = (i: number) => ({ user_id: `u${i}`, image_url: `https://example.com/${i}.png`, tags: ['a', 'b'] });

async function counted(label: string, op: () => Promise<unknown>): Promise<void> {
  await op(); // warm: caches filled, connections open
  for (const k of Object.keys(calls)) delete calls[k];
  const runs = 20;
  for (let i = 0; i < runs; i++) await op();
  const perOp = Object.entries(calls).map(([k, n]) => `${k} ${(n / runs).toFixed(2)}`);
  console.log(`${label.padEnd(44)} ${perOp.join(', ') || 'none'}`);
}

console.log('DynamoDB calls per operation (warm, mean of 20):');
let n = 0;
const created = await call('POST', '/api/v1/payloads', { schema_ref: version.id, data: data(0) });
await counted('POST /payloads', () => call('POST', '/api/v1/payloads', { schema_ref: version.id, data: data(++n) }));
await counted('POST /payloads with Idempotency-Key', () => call('POST', '/api/v1/payloads', { schema_ref: version.id, data: data(++n) }, { 'idempotency-key': `k-${n}` }));
await counted('GET /payloads/{id}', () => call('GET', `/api/v1/payloads/${created.id}`));
await counted('GET /payloads?schema_ref= (one page of 50)', () => call('GET', `/api/v1/payloads?schema_ref=${version.id}`));
await counted('GET /payloads?workspace_id=&schema_name=', () => call('GET', '/api/v1/payloads?workspace_id=bench&schema_name=caricatures'));
await counted('GET /schemas/{id}', () => call('GET', `/api/v1/schemas/${version.id}`));
const scans = calls.ScanCommand ?? 0;
console.log(`Scan calls seen: ${scans}`);
// The count is the harness's, not the server's: off before the throughput rounds.
stopCounting();

/** This process's CPU per write of each side (the server, its handlers and the bench client; DynamoDB Local is another process). */
const cpuPerWrite = new Map<unknown, number[]>();

/** Runs `op` WRITES times with CONCURRENCY in flight; returns operations per second. */
async function throughput(op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < WRITES) await op(next++);
    }),
  );
  const used = process.cpuUsage(cpu);
  cpuPerWrite.set(op, [...(cpuPerWrite.get(op) ?? []), (used.user + used.system) / 1000 / WRITES]);
  return (WRITES * 1000) / (performance.now() - started);
}

const table = new Table(deps);
// The baseline is PutItem as a user would write it: a client of its own with the SDK's defaults (its own
// keep-alive sockets, none of the server's middleware), sending the item the server writes.
const user = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local', endpoint: ddb.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
const rawPut = (i: number) => {
  const put = table.put(payloadRules, {
    id: ulid(),
    workspace_id: 'bench',
    shard: 0,
    schema_ref: version.id,
    schema_name: 'caricatures',
    schema_version: 1,
    data: JSON.stringify(data(i)),
    created_at: new Date().toISOString(),
    created_by: 'bench',
  }, { expression: 'attribute_not_exists(PK)' });
  return user.send(new PutCommand(put.Put!));
};
// The writes go over node:http with a keep-alive agent of CONCURRENCY sockets, as the SDK's PutItem calls
// do, so that both sides pay for the same kind of HTTP client (fetch's costs about twice as much CPU per
// request, in the same process as the server).
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const postTo = (url: string) => (i: number) =>
  new Promise<void>((resolve, reject) => {
    const body = JSON.stringify({ schema_ref: version.id, data: data(i) });
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`POST ${url}: ${res.statusCode} ${Buffer.concat(chunks).toString()}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
const apiPost = postTo(`${base}/api/v1/payloads`);

// The floor of any HTTP front end on this machine: a bare node:http server in this process that parses the
// request and sends the same PutItem as rawPut, with no routing, auth, validation or middleware. What
// POST /payloads costs beyond it is the registry's own work.
const forwarder = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const { data: document } = JSON.parse(Buffer.concat(chunks).toString()) as { data: { user_id: string } };
    rawPut(Number(document.user_id.slice(1))).then(
      () => res.writeHead(201, { 'content-type': 'application/json' }).end('{}'),
      (e: Error) => res.writeHead(500).end(e.message),
    );
  });
});
await new Promise<void>((r) => forwarder.listen(0, '127.0.0.1', r));
const hopPost = postTo(`http://127.0.0.1:${(forwarder.address() as AddressInfo).port}/`);

const sides = [rawPut, apiPost, hopPost];
for (let round = 0; round < WARMUP_ROUNDS; round++) for (const side of sides) await throughput(side);
cpuPerWrite.clear();
// Short rounds rotate the order of the sides, so drift in DynamoDB Local (its table grows) and load from
// other processes hit them alike; each figure is the median of the rounds' ratios to raw PutItem.
const rates = new Map(sides.map((side) => [side, [] as number[]]));
const ratios = new Map(sides.map((side) => [side, [] as number[]]));
for (let round = 0; round < ROUNDS; round++) {
  const order = [...sides.slice(round % sides.length), ...sides.slice(0, round % sides.length)];
  const measured = new Map<unknown, number>();
  for (const side of order) measured.set(side, await throughput(side));
  for (const side of sides) {
    rates.get(side)!.push(measured.get(side)!);
    ratios.get(side)!.push(measured.get(side)! / measured.get(rawPut)!);
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`;
const cpu = (side: unknown) => median(cpuPerWrite.get(side)!);
console.log(`\nWrites at concurrency ${CONCURRENCY}, ${WRITES} per round, median of ${ROUNDS} rounds in rotating order after ${WARMUP_ROUNDS} of warm-up`);
console.log('(CPU: this process per write, client and server; DynamoDB Local is another process):');
for (const [label, side] of [['raw SDK PutItem', rawPut], ['bare HTTP server + PutItem', hopPost], ['POST /payloads (HTTP)', apiPost]] as const) {
  console.log(`${label.padEnd(28)} ${median(rates.get(side)!).toFixed(0).padStart(6)} writes/s  CPU ${cpu(side).toFixed(2)} ms/write`);
}
console.log(`bare HTTP server / raw PutItem: ${median(ratios.get(hopPost)!).toFixed(2)}x (${spread(ratios.get(hopPost)!)})`);
console.log(`POST /payloads / raw PutItem: ${median(ratios.get(apiPost)!).toFixed(2)}x (${spread(ratios.get(apiPost)!)}) (target >= 0.85x)`);
// Once DynamoDB Local is warm this process is the bottleneck, so the ratios above tend to these.
console.log(`CPU ratios (raw / side): bare HTTP server ${(cpu(rawPut) / cpu(hopPost)).toFixed(2)}x, POST /payloads ${(cpu(rawPut) / cpu(apiPost)).toFixed(2)}x`);

forwarder.close();
agent.destroy();
server.close();
user.destroy();
dynamo.raw.destroy();
await ddb.stop();
