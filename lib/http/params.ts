/** Reading path parameters and query strings of an HTTP API event. */
import { NotFoundError } from '../errors.js';
import { ULID_PATTERN } from '../api/contracts.js';
import type { HttpEvent } from './handler.js';

const ULID = new RegExp(ULID_PATTERN);

/** A ULID path parameter; anything else cannot name an item, so it is a 404, not a 400. */
export function idParam(event: HttpEvent, name = 'id'): string {
  const id = event.pathParameters?.[name] ?? '';
  if (!ULID.test(id)) throw new NotFoundError(`no item with id ${JSON.stringify(id)}`);
  return id;
}

export function query(event: HttpEvent): Record<string, string> {
  return (event.queryStringParameters ?? {}) as Record<string, string>;
}
