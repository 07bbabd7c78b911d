/** What the Confluent-compatible routes read from a request: subject, version, id, flags, the Basic user. */
import type { Principal } from '../auth/principal.js';
import { basicCredentials } from '../auth/basic.js';
import { rawReply } from '../api/route.js';
import type { HttpEvent } from '../http/handler.js';
import { query } from '../http/params.js';
import { CONFLUENT_CONTENT_TYPE, SchemaNotFoundError } from './errors.js';
import { toDefinition, type ConfluentSchema } from './schema-types.js';
import { contextOf, defaultWorkspace, parseSubject, parseVersion, type Subject } from './subjects.js';

interface Request {
  event: HttpEvent;
  principal: Principal;
}

const basicUser = (event: HttpEvent) => basicCredentials(event.headers.authorization)?.user || undefined;

export const subjectOf = ({ event, principal }: Request): Subject => parseSubject(event.pathParameters?.subject ?? '', principal, basicUser(event));

/** The engine and definition of a schema body, for the subject of the path. */
export const contentOf = (req: Request & { body: ConfluentSchema }) => toDefinition(req.body, subjectOf(req), req.principal, basicUser(req.event));

export const versionOf = ({ event }: Request) => parseVersion(event.pathParameters?.version ?? '');

/** The workspace of a route without a subject: `?subjectPrefix=:.acme:` names it, as for a subject. */
export function workspaceOf({ event, principal }: Request): string {
  return contextOf(query(event).subjectPrefix ?? '')?.workspace ?? defaultWorkspace(principal, basicUser(event));
}

/** `?name=true` (Confluent's boolean parameters; unknown parameters are ignored, as Confluent does). */
export const flag = ({ event }: Request, name: string) => query(event)[name] === 'true';

export function schemaIdOf({ event }: Request): number {
  const raw = event.pathParameters?.schema_id ?? '';
  const id = /^[1-9][0-9]{0,14}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new SchemaNotFoundError(`schema ${JSON.stringify(raw.slice(0, 20))} not found: ids are positive integers`);
  return id;
}

/** The schema alone, as `/schema` routes answer it: Avro and JSON Schema as JSON, Protobuf as its source. */
export function schemaOnly(s: ConfluentSchema): unknown {
  if (s.schemaType === 'PROTOBUF') return rawReply({ statusCode: 200, headers: { 'Content-Type': CONFLUENT_CONTENT_TYPE }, body: s.schema });
  return JSON.parse(s.schema) as unknown;
}
