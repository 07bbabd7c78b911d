import { describe, expect, it, vi } from 'vitest';
import { routeHandler } from '../../lib/http/handler.js';
import { BadRequestError } from '../../lib/errors.js';

const event = {
  version: '2.0',
  routeKey: 'GET /api/v1/things',
  rawPath: '/api/v1/things',
  rawQueryString: '',
  headers: {},
  requestContext: { http: { method: 'GET', path: '/api/v1/things' } },
  isBase64Encoded: false,
} as never;

/** The JSON lines the process writes (either stream) while `run` runs. */
async function linesWritten(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => written.push(String(chunk)) > 0;
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return written.join('').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('error log', () => {
  it('logs a failed request as one structured line with its route and error', async () => {
    const handler = routeHandler({ 'GET /api/v1/things': async () => Promise.reject(new Error('the table said no')) });
    let status = 0;
    const lines = await linesWritten(async () => ({ statusCode: status } = (await handler(event, {} as never)) as { statusCode: number }));
    expect(status).toBe(500);
    const line = lines.find((l) => l.message === 'request failed');
    expect(line).toMatchObject({ level: 'ERROR', service: 'schema-registry', routeKey: 'GET /api/v1/things' });
    expect(JSON.stringify(line?.error)).toContain('the table said no');
  });

  it('logs nothing for a client error', async () => {
    const handler = routeHandler({ 'GET /api/v1/things': async () => Promise.reject(new BadRequestError('bad')) });
    const lines = await linesWritten(() => handler(event, {} as never));
    expect(lines.filter((l) => l.message === 'request failed')).toEqual([]);
  });
});
