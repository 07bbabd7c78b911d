/** Route group `docs`: the OpenAPI document and its HTML rendering (public, no table access). */
import { DOCS_STYLE_HASH, renderDocs } from '../lib/api/docs-page.js';
import { openApiDocument } from '../lib/api/openapi.js';
import { json, routeHandler } from '../lib/http/handler.js';

export function buildHandler() {
  // Built once per container: the route table and contracts are fixed at deploy time.
  const doc = openApiDocument();
  const html = renderDocs(doc);
  return routeHandler(
    {
      'GET /api/v1/openapi.json': async () => json(200, doc),
      'GET /api/v1/docs': async () => ({ statusCode: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html }),
    },
    // No script at all; the one inline stylesheet by its hash (middy's default policy blocked it, so the
    // page rendered unstyled). Its links to /console must stay http on 127.0.0.1: no upgrade-insecure-requests.
    { securityHeaders: { contentSecurityPolicy: { 'style-src': DOCS_STYLE_HASH, 'navigate-to': '', 'upgrade-insecure-requests': false as unknown as string } } },
  );
}

export const handler = buildHandler();
