/**
 * Requests Node's HTTP parser refuses never reach a handler, and without this Node answers them with a bare
 * 400 and no body. The commonest is a token captured with npm's banner (`TOKEN=$(npm run token ...)` without
 * -s): its line breaks cut the Authorization header short. Here they get problem+json like every other
 * refusal: 401 with a WWW-Authenticate challenge when the broken header is Authorization, else 400 or 431
 * naming the header.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { NPM_BANNER_HINT } from '../auth/bearer.js';
import { BadRequestError, PayloadTooLargeError, RegistryError, RequestHeaderFieldsTooLargeError, UnauthorizedError } from '../errors.js';
import { problemResponse } from '../http/problem.js';

/** What Node's `clientError` event hands over (llhttp's error fields). */
export interface ClientError extends Error {
  code?: string;
  reason?: string;
  bytesParsed?: number;
  rawPacket?: Buffer;
}

const HEADER_NAME = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):/;

/** The name of the header line the parser stopped in, if it stopped in one. */
function brokenHeader(raw: string, offset: number): string | undefined {
  const lineStart = raw.lastIndexOf('\r\n', Math.max(0, offset - 1));
  if (lineStart < 0) return undefined;
  return HEADER_NAME.exec(raw.slice(lineStart + 2, offset + 1))?.[1];
}

/** The problem a request the parser refused gets; undefined for errors that leave nothing to answer. */
export function clientErrorProblem(error: ClientError): RegistryError | undefined {
  if (!error.code?.startsWith('HPE_')) return undefined; // ECONNRESET, timeouts: the client is gone or stopped sending.
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new RequestHeaderFieldsTooLargeError('the request line and headers are larger than the server reads (16 KB); shorten the path, query or headers');
  }
  if (error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return new PayloadTooLargeError('the chunk extensions of the request body are too large');
  const raw = error.rawPacket?.toString('latin1') ?? '';
  const header = brokenHeader(raw, error.bytesParsed ?? raw.length);
  const reason = (error.reason ?? 'unreadable').replace(/\.$/, '').toLowerCase();
  if (header?.toLowerCase() === 'authorization') {
    return new UnauthorizedError(`the Authorization header breaks across lines (${reason}): it must hold "Bearer <JWT>" and nothing else; ${NPM_BANNER_HINT}`, {
      bearerError: 'invalid_request',
    });
  }
  if (header) return new BadRequestError(`the ${header} header is malformed (${reason}); a header value is one line of visible characters`);
  return new BadRequestError(`the request is not well-formed HTTP/1.1 (${reason}); check the request line, headers and body framing`);
}

/** The request path from the request line, for the problem's `instance`. */
function requestPath(raw: string): string | undefined {
  const target = /^[A-Z]+ (\/[^ ?\r\n]*)/.exec(raw)?.[1];
  return target && target.length <= 2048 ? target : undefined;
}

/** A `clientError` listener: writes the problem on the raw socket (there is no response object yet), then closes it. */
export function answerClientError(error: ClientError, socket: Duplex): void {
  const problem = socket.writable ? clientErrorProblem(error) : undefined;
  if (!problem) {
    socket.destroy();
    return;
  }
  const { statusCode = 500, headers = {}, body = '' } = problemResponse(problem, requestPath(error.rawPacket?.toString('latin1') ?? ''));
  const payload = Buffer.from(String(body));
  const head = [`HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? ''}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${String(v)}`), `Content-Length: ${payload.length}`, 'Connection: close'];
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), payload]));
}
