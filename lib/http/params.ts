/** Reading path parameters and query strings of an HTTP API event. */
import { NotFoundError } from '../errors.js';
import { ULID_PATTERN, WORKSPACE_ID_PATTERN } from '../api/contracts.js';
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

const WORKSPACE = new RegExp(WORKSPACE_ID_PATTERN);
const SINK = /^[a-z][a-z0-9_]{0,62}$/;

/** The workspace_id path parameter; one no workspace can have is a 404. */
export function workspaceParam(event: HttpEvent): string {
  const id = event.pathParameters?.workspace_id ?? '';
  if (!WORKSPACE.test(id)) throw new NotFoundError(`workspace ${JSON.stringify(id)} not found`);
  return id;
}

/** The sink path parameter (a snake_case name). */
export function sinkParam(event: HttpEvent): string {
  const name = event.pathParameters?.sink ?? '';
  if (!SINK.test(name)) throw new NotFoundError(`sink ${JSON.stringify(name)} not found; sink names are snake_case, e.g. "default"`);
  return name;
}
