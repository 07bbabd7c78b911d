/** Route group `console`: the web console's files (public: the page signs in and then calls the API with a token). */
import { consoleAuth, type ConsoleAuth } from '../lib/config.js';
import { ConsoleSite, consoleSecurityHeaders } from '../lib/console/site.js';
import { routeHandler } from '../lib/http/handler.js';

export function buildHandler(auth: ConsoleAuth = consoleAuth(), site = new ConsoleSite(auth)) {
  const serve = site.serve.bind(site);
  return routeHandler(
    {
      'GET /console': async (event) => serve(undefined, event.headers['accept-encoding']),
      'GET /console/{file}': async (event) => serve(event.pathParameters?.file, event.headers['accept-encoding']),
    },
    { securityHeaders: consoleSecurityHeaders(auth) },
  );
}

export const handler = buildHandler();
