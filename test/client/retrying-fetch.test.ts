/**
 * The typed client's transport against a small HTTP server that injects the faults (429, 503, a dropped
 * connection) the registry answers under load, so each retry rule is seen on the wire. Unit tier: no DynamoDB.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient, ProblemError, retryAfterMs } from '../../clients/typescript/src/index.js';

let server: Server;
let base = '';
const seen: { method: string; key: string | undefined; body: string }[] = [];
type Step = { status: number; headers?: Record<string, string>; body?: unknown } | 'drop';
let script: ((req: IncomingMessage) => Step)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, key: req.headers['idempotency-key'] as string | undefined, body });
      const step: Step = (script.shift() ?? (() => ({ status: 201, body: { id: 'p1' } })))(req);
      if (step === 'drop') return void req.socket.destroy();
      res.writeHead(step.status, { 'content-type': step.status >= 400 ? 'application/problem+json' : 'application/json', ...step.headers });
      res.end(JSON.stringify(step.body ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const sleeps: number[] = [];
const client = (attempts = 5) => createRegistryClient({ baseUrl: base, token: 't', retry: { attempts, baseDelayMs: 10, maxDelayMs: 5000, sleep: async (ms) => void sleeps.push(ms) } });
const problem = (status: number, title: string, extra: Record<string, unknown> = {}) => ({ type: 'about:blank', title, status, detail: `${title} detail`, ...extra });
const post = (c = client()) => c.POST('/api/v1/payloads', { body: { schema_ref: '01J00000000000000000000000', data: { a: 1 } } });

describe('the typed client', () => {
  it('retries 429 and 503, waiting what Retry-After asks, with one Idempotency-Key for every attempt', async () => {
    seen.length = 0;
    sleeps.length = 0;
    script = [() => ({ status: 429, headers: { 'retry-after': '2' }, body: problem(429, 'Too many requests') }), () => ({ status: 503, body: problem(503, 'Busy') })];
    const { data, response } = await post();
    expect(response.status).toBe(201);
    expect(data).toEqual({ id: 'p1' });
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.key)).size).toBe(1);
    expect(seen[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.every((s) => s.body === seen[0]!.body)).toBe(true);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(sleeps[1]).toBeLessThanOrEqual(20); // second retry: backoff only, no Retry-After
  });

  it('retries a dropped connection, and keeps a caller-given Idempotency-Key', async () => {
    seen.length = 0;
    script = ['drop' as const].map((d) => () => d);
    await client().POST('/api/v1/payloads', { body: { schema_ref: '01J00000000000000000000000', data: {} }, params: { header: { 'Idempotency-Key': 'mine' } } });
    expect(seen.map((s) => s.key)).toEqual(['mine', 'mine']);
  });

  it('gives up after the last attempt, and does not wait for a Retry-After beyond maxDelayMs', async () => {
    seen.length = 0;
    script = [1, 2, 3].map(() => () => ({ status: 503, body: problem(503, 'Busy') }));
    await expect(post(client(3))).rejects.toMatchObject({ name: 'ProblemError', status: 503 });
    expect(seen).toHaveLength(3);
    seen.length = 0;
    script = [() => ({ status: 429, headers: { 'retry-after': '3600' }, body: problem(429, 'Slow down') })];
    await expect(post()).rejects.toMatchObject({ status: 429 });
    expect(seen).toHaveLength(1);
  });

  it('surfaces problem+json as a ProblemError with title, detail, field errors and extension members; GETs carry no key', async () => {
    seen.length = 0;
    script = [() => ({ status: 422, body: problem(422, 'Invalid document', { errors: [{ path: '/a', message: 'must be string', keyword: 'type' }], hint: 'x' }) })];
    const e = await post().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ProblemError);
    const p = e as ProblemError;
    expect([p.status, p.title, p.detail, p.errors, p.problem.hint]).toEqual([422, 'Invalid document', 'Invalid document detail', [{ path: '/a', message: 'must be string', keyword: 'type' }], 'x']);
    script = [() => ({ status: 502, body: 'not json' })];
    await expect(client(1).GET('/api/v1/health')).rejects.toMatchObject({ status: 502, title: 'Bad Gateway' });
    expect(seen.at(-1)!.key).toBeUndefined();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
