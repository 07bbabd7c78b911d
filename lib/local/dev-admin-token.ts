/**
 * The console's one-click sign-in on `npm start`: the admin token the server printed, handed to the console
 * page. Only the local server has this endpoint (deployed, `/console/dev-admin-token` is an unknown file,
 * 404), only when `npm start` gives it a token, and only to a loopback client that asked for a loopback
 * host name from the same origin: a page of another site, or one reached by DNS rebinding, gets 403.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const DEV_ADMIN_TOKEN_PATH = '/console/dev-admin-token';

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/** Why the request may not have the token, or undefined when it may. */
export function refusal(req: IncomingMessage): string | undefined {
  if (!LOOPBACK_ADDRESS.test(req.socket.remoteAddress ?? '')) return 'the dev admin token is only given to loopback clients';
  if (!LOOPBACK_HOST.test(req.headers.host ?? '')) return 'the dev admin token is only given for a loopback host name (127.0.0.1 or localhost)';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return 'the dev admin token is only given to the console page itself (same origin)';
  return undefined;
}

export function serveDevAdminToken(req: IncomingMessage, res: ServerResponse, token: string): void {
  const why = req.method === 'GET' ? refusal(req) : 'use GET';
  const status = req.method !== 'GET' ? 405 : why ? 403 : 200;
  const body = status === 200 ? { token } : { type: 'about:blank', title: status === 405 ? 'Method not allowed' : 'Forbidden', status, detail: why };
  res.writeHead(status, {
    'Content-Type': status === 200 ? 'application/json' : 'application/problem+json',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}
