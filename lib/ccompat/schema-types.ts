/**
 * Confluent's schema bodies as registry definitions and back: `schemaType` AVRO (the default), JSON and
 * PROTOBUF name the avro, json-schema and protobuf engines; Avro and JSON schemas arrive as JSON text and
 * are stored parsed, Protobuf as the .proto source. `references` become registry references: Avro's the
 * `x-registry-references` attribute, Protobuf's imports rewritten to registry:// URIs.
 */
import type { Json } from '../engines/types.js';
import { ValidationError } from '../errors.js';
import { registryUri } from '../schemas/references.js';
import { isObject } from '../util/json.js';
import { parseSubject, type Subject } from './subjects.js';
import type { Principal } from '../auth/principal.js';

export type SchemaType = 'AVRO' | 'JSON' | 'PROTOBUF';
export const SCHEMA_TYPES: readonly SchemaType[] = ['AVRO', 'JSON', 'PROTOBUF'];
const ENGINES: Record<SchemaType, string> = { AVRO: 'avro', JSON: 'json-schema', PROTOBUF: 'protobuf' };

export interface ConfluentReference {
  name: string;
  subject: string;
  version: number;
}

export interface ConfluentSchema {
  schema: string;
  schemaType?: SchemaType;
  references?: ConfluentReference[];
}

const AVRO_REFERENCES = 'x-registry-references';

/** The engine and definition of a Confluent schema body; what no engine can read is a 422 (42201). */
export function toDefinition(body: ConfluentSchema, subject: Subject, principal: Principal, basicUser?: string): { engine: string; definition: Json } {
  const type = body.schemaType ?? 'AVRO';
  const refs = (body.references ?? []).map((r) => {
    const target = parseSubject(r.subject, principal, basicUser);
    if (target.workspace !== subject.workspace) throw new ValidationError(`reference ${r.name} names subject ${r.subject} of another workspace`);
    return { name: r.name, uri: registryUri({ workspace_id: target.workspace, name: target.name, version: r.version }) };
  });
  if (type === 'PROTOBUF') {
    let source = body.schema;
    for (const r of refs) source = source.replaceAll(`import "${r.name}";`, `import "${r.uri}";`);
    return { engine: ENGINES.PROTOBUF, definition: source };
  }
  let definition: Json;
  try {
    definition = JSON.parse(body.schema) as Json;
  } catch (e) {
    throw new ValidationError(`the ${type} schema is not valid JSON: ${(e as Error).message}`);
  }
  // Avro's primitive schemas are strings ("string"): the engine reads them as they are.
  if (refs.length) {
    if (type !== 'AVRO' || !isObject(definition)) throw new ValidationError(`references are supported for AVRO records and PROTOBUF imports; send ${type} schemas without them`);
    definition = { ...definition, [AVRO_REFERENCES]: refs.map((r) => r.uri) };
  }
  return { engine: ENGINES[type], definition };
}

/** The Confluent schema body of a stored definition (`schemaType` left out for AVRO, as Confluent does). */
export function toConfluent(engine: string, definition: Json, references: readonly { uri: string; name: string; version: number }[] = []): ConfluentSchema {
  const type = (Object.keys(ENGINES) as SchemaType[]).find((t) => ENGINES[t] === engine) ?? 'JSON';
  const refs = references.map((r) => ({ name: r.name, subject: r.name, version: r.version }));
  if (type === 'PROTOBUF') {
    let source = String(definition);
    for (const r of references) source = source.replaceAll(`import "${r.uri}";`, `import "${r.name}";`);
    return { schema: source, schemaType: type, ...(refs.length ? { references: refs } : {}) };
  }
  let shown = definition;
  if (type === 'AVRO' && isObject(definition) && AVRO_REFERENCES in definition) {
    const { [AVRO_REFERENCES]: _refs, ...rest } = definition;
    shown = rest;
  }
  return { schema: JSON.stringify(shown), ...(type === 'AVRO' ? {} : { schemaType: type }), ...(refs.length ? { references: refs } : {}) };
}
