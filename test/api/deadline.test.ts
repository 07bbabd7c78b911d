/**
 * No request outlives its deadline and then commits (issue 11, item 18): a write with less than
 * COMMIT_MARGIN_MS left is refused with a retryable 503 and changes nothing, and a handler still running
 * when the deadline nears is answered with that 503 rather than middy's 500.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { COMMIT_MARGIN_MS, EARLY_ANSWER_MS } from '../../lib/deadline.js';
import { routeHandler } from '../../lib/http/handler.js';
import { useRegistry } from '../support/registry.js';

// Every request's deadline is closer than the commit margin, so every write must be refused.
const reg = useRegistry({ requestTimeoutMs: COMMIT_MARGIN_MS - 100 });

const items = async () => (await reg.deps.dynamo.raw.send(new ScanCommand({ TableName: reg.tableName }))).Items ?? [];

describe('the commit deadline', () => {
  it.each([
    ['POST', '/api/v1/schemas', { workspace_id: 'acme', name: 'late', definition: { type: 'object' } }],
    ['POST', '/api/v1/schema-requests', { workspace_id: 'acme', schema_name: 'late', definition: { type: 'object' } }],
    ['PUT', '/api/v1/workspaces/acme/config', { compatibility: 'NONE' }],
  ])('refuses %s %s with 503, Retry-After and problem+json, and stores nothing', async (method, path, body) => {
    const token = await reg.token('ada', { acme: 'admin' });
    const before = await items();
    const res = await reg.call(method, path, { token, body });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 503, type: 'urn:schema-registry:problem:deadline-exceeded' });
    expect(await items()).toEqual(before);
  });
});

describe('the early answer', () => {
  it('answers a handler still running near the deadline with the retryable 503, not a 500', async () => {
    const handler = routeHandler({ 'GET /slow': () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: '{}' }), 2_000)) });
    const event = { routeKey: 'GET /slow', rawPath: '/slow', headers: {}, requestContext: { http: { method: 'GET' } } };
    const res = await handler(event as never, { getRemainingTimeInMillis: () => EARLY_ANSWER_MS + 200 } as never);
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['Retry-After']).toBe('1');
    expect(JSON.parse(res.body!)).toMatchObject({ status: 503, type: 'urn:schema-registry:problem:deadline-exceeded' });
  });
});
