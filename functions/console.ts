/** Route group `console`: the web console's files (public: the page signs in, then calls the API with a token). */
import { consoleAuth, type ConsoleAuth } from '../lib/config.js';
import { ConsoleSite, consoleSecurityHeaders } from '../lib/console/site.js';
import { routeHandler } from '../lib/http/handler.js';

/** `deps` may be the shared test deps, which carry no console settings: the environment's then apply. */
export function buildHandler(deps: { consoleAuth?: ConsoleAuth } = {}) {
  const auth = deps.consoleAuth ?? consoleAuth();
  const site = new ConsoleSite(auth);
  return routeHandler(
    {
      'GET /console': async (event) => site.serve(undefined, event.headers['accept-encoding']),
      'GET /console/{file}': async (event) => site.serve(event.pathParameters?.file, event.headers['accept-encoding']),
    },
    { securityHeaders: consoleSecurityHeaders(auth) },
  );
}

export const handler = buildHandler();
