/**
 * Answers for requests Node's HTTP parser refuses before any handler sees them (oversized request line
 * or headers, bad framing), as problem+json like every other error, instead of Node's bare status line.
 * API Gateway answers these itself when deployed; locally the server must not be the odd one out.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { BadRequestError, PayloadTooLargeError, RequestHeaderFieldsTooLargeError, type RegistryError } from '../errors.js';
import { problemResponse } from '../http/problem.js';

/** The registry error for a parser error code of llhttp (`HPE_*`); anything else is bad framing (400). */
export function parserError(code: string | undefined): RegistryError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new RequestHeaderFieldsTooLargeError('the request line and headers are larger than the server reads (16 KB); shorten the path, query or headers');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new PayloadTooLargeError('the chunk extensions of the request body are too large');
    default:
      return new BadRequestError(`the request is not well-formed HTTP/1.1 (${code ?? 'unknown framing error'}); check the request line, headers and body framing`);
  }
}

/**
 * Writes a problem+json response for a parser error on a socket no response has started on, and
 * closes it after the response: the connection's framing is lost, so nothing after it can be read.
 */
export function answerClientError(error: NodeJS.ErrnoException & { bytesParsed?: number }, socket: Duplex): void {
  // The peer went away, or a response is already on its way: there is no one, or no room, to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const response = problemResponse(parserError(error.code));
  const body = Buffer.from(response.body ?? '', 'utf8');
  const headers = Object.entries({ ...response.headers, 'Content-Length': body.length, Connection: 'close' })
    .map(([k, v]) => `${k}: ${String(v)}\r\n`)
    .join('');
  socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${response.statusCode} ${STATUS_CODES[response.statusCode!] ?? ''}\r\n${headers}\r\n`), body]));
}
