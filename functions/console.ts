/** Route group `console`: the web console's files (public: the page signs in, then calls the API with a token). */
import { rawReply, routeGroup } from '../lib/api/route.js';
import { consoleAuth } from '../lib/config.js';
import { ConsoleSite, consoleSecurityHeaders } from '../lib/console/site.js';
import { CONTRACTS } from '../lib/generated/contracts/group-console.js';
import { htmlSecurityHeaders } from '../lib/http/html-security-headers.js';

export const group = routeGroup({
  name: 'console',
  contracts: CONTRACTS,
  deployedDeps: () => undefined,
  access: 'none',
  services: () => new ConsoleSite(consoleAuth()),
  securityHeaders: () => htmlSecurityHeaders(consoleSecurityHeaders(consoleAuth())),
});

group.route({
  method: 'GET',
  path: '/console',
  operation: 'console',
  role: 'public',
  summary: 'The web console (signs in, then calls this API with the user\u2019s token)',
  response: { status: 200 },
  handle: async ({ header }, site) => rawReply(site.serve(undefined, header('accept-encoding'))),
});

group.route({
  method: 'GET',
  path: '/console/{file}',
  operation: 'consoleAsset',
  role: 'public',
  summary: 'A file of the web console: its script, style and sign-in configuration',
  response: { status: 200 },
  handle: async ({ event, header }, site) => rawReply(site.serve(event.pathParameters?.file, header('accept-encoding'))),
});

export const { buildHandler, handler } = group;
