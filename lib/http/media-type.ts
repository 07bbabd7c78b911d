/** Content-Type of request bodies: JSON, read as RFC 9110 says media types are (case-insensitive, with parameters). */
import { UnsupportedMediaTypeError } from '../errors.js';

/** `application/json` or a structured `+json` type (application/merge-patch+json, ...). */
const JSON_TYPE = /^application\/([a-z0-9!#$&^_.-]+\+)?json$/;

/**
 * Accepts a JSON media type in any case, with any parameters, as long as a charset, when given, is UTF-8
 * (the only encoding JSON has, RFC 8259); anything else is a 415 naming what was sent and what to send.
 */
export function requireJsonMediaType(header: string | undefined): void {
  const [type = '', ...parameters] = (header ?? '').split(';');
  const mediaType = type.trim().toLowerCase();
  const charset = parameters
    .map((p) => p.split('='))
    .find(([name]) => name?.trim().toLowerCase() === 'charset')?.[1]
    ?.trim()
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
  if (JSON_TYPE.test(mediaType) && (charset === undefined || charset === 'utf-8' || charset === 'utf8')) return;
  const sent = header === undefined ? 'no Content-Type' : `Content-Type ${JSON.stringify(header.slice(0, 120))}`;
  throw new UnsupportedMediaTypeError(`the request body must be JSON in UTF-8, but it came with ${sent}; send Content-Type: application/json`);
}
