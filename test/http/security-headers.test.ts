import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { HttpEvent, HttpResult } from '../../lib/http/handler.js';
import { htmlSecurityHeaders } from '../../lib/http/html-security-headers.js';
import { API_SECURITY_HEADERS, apiSecurityHeaders } from '../../lib/http/security-headers.js';

const event = { requestContext: { http: { method: 'GET' } }, headers: {} } as unknown as HttpEvent;

/** The headers a handler answering `result` sends through `middleware`. */
async function headersThrough(middleware: middy.MiddlewareObj<HttpEvent, HttpResult>, result: () => HttpResult): Promise<Record<string, unknown>> {
  const response = await middy<HttpEvent, HttpResult>(async () => result()).use(middleware)(event, {} as Context);
  return response.headers ?? {};
}

const jsonResult = (): HttpResult => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' });

describe("the API's security headers", () => {
  it("are what middy's http-security-headers, as the pages use it, sets on a JSON response", async () => {
    const middys = await headersThrough(htmlSecurityHeaders(), jsonResult);
    const ours = await headersThrough(apiSecurityHeaders(), jsonResult);
    expect(ours).toEqual(middys);
    expect(Object.keys(API_SECURITY_HEADERS).length).toBeGreaterThan(5);
  });

  it('keep the response headers and are set on error responses too', async () => {
    const failing = middy<HttpEvent, HttpResult>(async () => {
      throw new Error('boom');
    })
      .use(apiSecurityHeaders())
      .use({ onError: async (request) => void (request.response = { statusCode: 500, headers: { 'Content-Type': 'application/problem+json' }, body: '{}' }) });
    const response = await failing(event, {} as Context);
    expect(response.headers).toMatchObject({ 'Content-Type': 'application/problem+json', 'X-Content-Type-Options': 'nosniff', 'Strict-Transport-Security': API_SECURITY_HEADERS['Strict-Transport-Security'] });
  });

  it('leave pages to middy: an HTML response through the pages\u2019 middleware gets its Content-Security-Policy', async () => {
    const headers = await headersThrough(htmlSecurityHeaders(), () => ({ statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: '<p>' }));
    expect(headers['Content-Security-Policy']).toContain("default-src 'none'");
    expect(headers).toMatchObject(Object.fromEntries(Object.entries(API_SECURITY_HEADERS).filter(([, v]) => v !== undefined)));
  });
});
