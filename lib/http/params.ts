/** Reading path parameters and query strings of an HTTP API event. */
import { NotFoundError } from '../errors.js';
import { SHARED_ATTRIBUTES } from '../generated/table.js';
import type { HttpEvent } from './handler.js';

const ULID = new RegExp(SHARED_ATTRIBUTES.ulid.pattern);
const WORKSPACE_ID = new RegExp(SHARED_ATTRIBUTES.workspace_id.pattern);

/** A ULID path parameter; anything else cannot name an item, so it is a 404, not a 400. */
export function idParam(event: HttpEvent, name = 'id'): string {
  const id = event.pathParameters?.[name] ?? '';
  if (!ULID.test(id)) throw new NotFoundError(`no item with id ${JSON.stringify(id)}`);
  return id;
}

/** The `{workspace_id}` path parameter; a value that cannot be a workspace names none, so 404. */
export function workspaceParam(event: HttpEvent): string {
  const id = event.pathParameters?.workspace_id ?? '';
  if (!WORKSPACE_ID.test(id)) throw new NotFoundError(`workspace ${JSON.stringify(id)} not found`);
  return id;
}

export function query(event: HttpEvent): Record<string, string> {
  return (event.queryStringParameters ?? {}) as Record<string, string>;
}

// Sink names follow the snake_case of schema names (schema.yaml gives both the same pattern).
const SINK = new RegExp(SHARED_ATTRIBUTES.schema_name.pattern);

/** The sink path parameter (a snake_case name). */
export function sinkParam(event: HttpEvent): string {
  const name = event.pathParameters?.sink ?? '';
  if (!SINK.test(name)) throw new NotFoundError(`sink ${JSON.stringify(name)} not found; sink names are snake_case, e.g. "default"`);
  return name;
}

/** The environment path parameter (a snake_case name, as sinks give it). */
export function environmentParam(event: HttpEvent): string {
  const name = event.pathParameters?.environment ?? '';
  if (!SINK.test(name)) throw new NotFoundError(`environment ${JSON.stringify(name)} not found; environment names are snake_case, e.g. "prod"`);
  return name;
}
