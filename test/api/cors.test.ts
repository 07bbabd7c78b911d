import { describe, expect, it } from 'vitest';
import { buildHandler } from '../../functions/docs.js';
import { routeHandler, json } from '../../lib/http/handler.js';

const event = (origin: string) =>
  ({
    version: '2.0',
    routeKey: 'GET /api/v1/openapi.json',
    rawPath: '/api/v1/openapi.json',
    rawQueryString: '',
    headers: { origin },
    requestContext: { http: { method: 'GET', path: '/api/v1/openapi.json' } },
    isBase64Encoded: false,
  }) as never;

describe('CORS', () => {
  it('sends no CORS headers unless an origin is configured', async () => {
    const res = (await buildHandler(undefined)(event('https://app.example.com'), {} as never)) as { headers: Record<string, string> };
    expect(res.headers['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('allows the configured origin, on success and on errors', async () => {
    const handler = routeHandler({ 'GET /api/v1/openapi.json': async () => json(200, {}) }, { corsOrigin: 'https://app.example.com' });
    const ok = (await handler(event('https://app.example.com'), {} as never)) as { headers: Record<string, string> };
    expect(ok.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com');
    const failing = routeHandler({}, { corsOrigin: 'https://app.example.com' });
    const err = (await failing(event('https://app.example.com'), {} as never)) as { statusCode: number; headers: Record<string, string> };
    expect(err.statusCode).toBe(404);
    expect(err.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com');
  });
});
