/** Route group `docs`: the OpenAPI document and its HTML rendering (public, no table access). */
import { renderDocs } from '../lib/api/docs-page.js';
import { openApiDocument } from '../lib/api/openapi.js';
import { json, routeHandler } from '../lib/http/handler.js';

export function buildHandler() {
  // Built once per container: the route table and contracts are fixed at deploy time.
  const doc = openApiDocument();
  const html = renderDocs(doc);
  return routeHandler({
    'GET /api/v1/openapi.json': async () => json(200, doc),
    'GET /api/v1/docs': async () => ({
      statusCode: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" },
      body: html,
    }),
  });
}

export const handler = buildHandler();
