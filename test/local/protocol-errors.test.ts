/**
 * The local server's answers to what never reaches a handler: unparseable request targets, oversized
 * bodies and headers, bad framing. Each must be a problem+json response on a connection the server
 * closes cleanly, and the server must go on serving. Raw sockets, since fetch refuses to send such requests.
 */
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '../../lib/api/route.js';
import { createLocalServer, MAX_REQUEST_BYTES } from '../../lib/local/server.js';

let server: Server;
let port: number;
const bodies: number[] = [];

const routes: Route[] = [
  { method: 'GET', path: '/api/v1/health', operation: 'health', group: 'health', role: 'public', summary: 'test', response: { status: 200 } },
  { method: 'POST', path: '/api/v1/sink', operation: 'sink', group: 'health', role: 'public', summary: 'test', response: { status: 200 } },
  { method: 'GET', path: '/api/v1/items/{id}', operation: 'item', group: 'health', role: 'public', summary: 'test', response: { status: 200 } },
];

beforeAll(async () => {
  server = createLocalServer({
    routes,
    loadHandler: async () => async (event) => {
      bodies.push(event.body?.length ?? 0);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** How the connection ended: 'end' (FIN after the response) or the socket error's code (ECONNRESET). */
  ended: string;
}

/** Writes `head` (and `body` chunks) on a new socket and reads until the server closes it. */
function raw(head: string, body: Buffer[] = []): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let ended = 'end';
    // A server that neither answers nor closes fails the test instead of hanging it.
    socket.setTimeout(10_000, () => socket.destroy(new Error('timeout')));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) => (ended = e.code ?? e.message));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headText = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = headText.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0);
      if (!status && chunks.length === 0 && ended === 'end') return reject(new Error('no response'));
      resolve({ status, headers, body: rest.join('\r\n\r\n'), ended });
    });
    socket.write(head);
    (async () => {
      for (const b of body) if (!socket.write(b)) await new Promise((r) => socket.once('drain', r));
    })().catch(() => undefined);
  });
}

/** The JSON of a body sent with Content-Length or chunked (the part between the chunk sizes). */
function problemOf(r: RawResponse): Record<string, unknown> {
  const text = r.headers['transfer-encoding'] === 'chunked' ? r.body.split('\r\n').filter((_l, i) => i % 2 === 1).join('') : r.body;
  return JSON.parse(text) as Record<string, unknown>;
}

async function stillServing(): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
  expect(res.status).toBe(200);
}

describe('protocol-level errors of the local server', () => {
  for (const target of ['//:99999/x', '//[', 'http://[/']) {
    it(`answers the request target ${target} with 400 problem+json and keeps serving`, async () => {
      const r = await raw(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(r.status).toBe(400);
      expect(r.headers['content-type']).toBe('application/problem+json');
      expect(problemOf(r)).toMatchObject({ status: 400, title: 'Bad request' });
      expect(String(problemOf(r).detail)).toContain('request target');
      await stillServing();
    });
  }

  it('answers a body over 10 MB with 413 problem+json, reading it to the end instead of resetting the connection', async () => {
    const size = MAX_REQUEST_BYTES + 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const r = await raw(
      `POST /api/v1/sink HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      [
        ...Array.from({ length: Math.ceil(size / chunk.length) }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])),
        Buffer.from('0\r\n\r\n'),
      ],
    );
    expect(r.ended).toBe('end');
    expect(r.status).toBe(413);
    expect(r.headers['content-type']).toBe('application/problem+json');
    expect(problemOf(r)).toMatchObject({ status: 413, title: 'Payload too large' });
    await stillServing();
  });

  it('answers a declared Content-Length over 10 MB with 413 problem+json', async () => {
    const r = await raw(
      `POST /api/v1/sink HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${MAX_REQUEST_BYTES + 1}\r\n\r\n`,
      [Buffer.alloc(MAX_REQUEST_BYTES + 1, 'a')],
    );
    expect(r.ended).toBe('end');
    expect(r.status).toBe(413);
    expect(problemOf(r)).toMatchObject({ status: 413 });
    await stillServing();
  });

  it('still hands a body of exactly 10 MB to the handler', async () => {
    const before = bodies.length;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/sink`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'a'.repeat(MAX_REQUEST_BYTES) });
    expect(res.status).toBe(200);
    expect(bodies.slice(before)).toEqual([MAX_REQUEST_BYTES]);
  });

  it('answers a 64 KB id with 431 problem+json', async () => {
    const r = await raw(`GET /api/v1/items/${'A'.repeat(64 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(r.status).toBe(431);
    expect(r.headers['content-type']).toBe('application/problem+json');
    expect(problemOf(r)).toMatchObject({ status: 431, title: 'Request header fields too large' });
    await stillServing();
  });

  it('answers bad framing (a malformed chunk size, a bare LF in a header) with 400 problem+json', async () => {
    const chunkSize = await raw(`POST /api/v1/sink HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`);
    expect(chunkSize.status).toBe(400);
    expect(chunkSize.headers['content-type']).toBe('application/problem+json');
    expect(problemOf(chunkSize)).toMatchObject({ status: 400 });
    const both = await raw(`POST /api/v1/sink HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`);
    expect(both.status).toBe(400);
    expect(problemOf(both)).toMatchObject({ status: 400 });
    await stillServing();
  });
});
