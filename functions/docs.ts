/** Route group `docs`: the OpenAPI document and its HTML rendering (public, no table access). */
import { DOCS_STYLE_HASH, renderDocs } from '../lib/api/docs-page.js';
import { openApiDocument } from '../lib/api/openapi.js';
import { API_PREFIX, rawReply, routeGroup } from '../lib/api/route.js';
import { CONTRACTS } from '../lib/generated/contracts/group-docs.js';
import { htmlSecurityHeaders } from '../lib/http/html-security-headers.js';

export const group = routeGroup({
  name: 'docs',
  contracts: CONTRACTS,
  deployedDeps: () => undefined,
  access: 'none',
  // Built once per container: the routes and contracts are fixed at deploy time. The route list is
  // imported here, not at the top, because it includes this module.
  services: async () => {
    const { ROUTES } = await import('./routes.js');
    const doc = openApiDocument(ROUTES);
    return { doc, html: renderDocs(doc) };
  },
  // No script at all; the one inline stylesheet by its hash (middy's default policy blocked it, so the
  // page rendered unstyled). Its links to /console must stay http on 127.0.0.1: no upgrade-insecure-requests.
  securityHeaders: () => htmlSecurityHeaders({ contentSecurityPolicy: { 'style-src': DOCS_STYLE_HASH, 'navigate-to': '', 'upgrade-insecure-requests': false as unknown as string } }),
});

group.route({
  method: 'GET',
  path: `${API_PREFIX}/openapi.json`,
  operation: 'openApi',
  role: 'public',
  summary: 'This OpenAPI 3.1 document',
  response: { status: 200 },
  handle: async (_request, { doc }) => doc,
});

group.route({
  method: 'GET',
  path: `${API_PREFIX}/docs`,
  operation: 'docs',
  role: 'public',
  summary: 'The HTML API reference',
  response: { status: 200 },
  handle: async (_request, { html }) => rawReply({ statusCode: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html }),
});

export const { buildHandler, handler } = group;
