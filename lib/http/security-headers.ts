/**
 * The security headers of every response. Pages (HTML) get middy's http-security-headers, configured in
 * html-security-headers.ts; the API's JSON and problem responses get the headers it sets on a response
 * that is not HTML, as constants: middy's module, with its policies for pages, was 4 KB of every API
 * function's cold start for eight fixed headers. test/http/security-headers.test.ts checks that these are
 * the headers middy sets, so a change of its defaults shows there.
 */
import type middy from '@middy/core';
import type { HttpEvent, HttpResult } from './handler.js';

/** What middy's http-security-headers sets on a JSON response with the options html-security-headers.ts gives it. */
export const API_SECURITY_HEADERS: Readonly<Record<string, string | undefined>> = {
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains; preload',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Permitted-Cross-Domain-Policies': 'none',
  // Undefined drops a header another layer would add, as middy does.
  Server: undefined,
  'X-Powered-By': undefined,
};

const NAMES = Object.keys(API_SECURITY_HEADERS);

/** API_SECURITY_HEADERS on every response, errors included, as middy's middleware applies its own. */
export function apiSecurityHeaders(): middy.MiddlewareObj<HttpEvent, HttpResult> {
  const after = async (request: middy.Request<HttpEvent, HttpResult>) => {
    if (request.response === undefined || request.response === null) return;
    // Set on the response's own headers, as middy does: a spread into a new object cost more than the rest of the middleware stack.
    const headers = (request.response.headers ??= {}) as Record<string, unknown>;
    for (const name of NAMES) headers[name] = API_SECURITY_HEADERS[name];
  };
  return { after, onError: after };
}
