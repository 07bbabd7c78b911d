/**
 * Design N+1 for the migration tests, derived from today's schema.yaml (design N) so it follows every
 * change to it: the next major version with the kinds of change a major makes. Two prefixes renamed
 * (PAYLOAD -> PL, VERSION -> V: every payload, revision, deletion, index entry and schema version moves),
 * a listing re-keyed (requests by status become per workspace), an entity_version bumped (notification),
 * and a new index (payloads by creator, the next GSI number free, `CREATOR_INDEX`) with its access pattern.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import yaml from 'js-yaml';
import { buildDesign, parseYaml, SCHEMA_YAML_PATH, SCHEMA_YAML_SCHEMA_PATH } from '../../lib/table-design/load.js';
import type { TableDesign } from '../../lib/table-design/model.js';
import { buildKey } from '../../lib/table-design/pattern.js';

const RENAMED: Record<string, string> = { PAYLOAD: 'PL', VERSION: 'V' };
/** The index design N+1 adds: the first GSI name design N does not use. */
export const CREATOR_INDEX = 'GSI5';

type Doc = {
  version: string;
  keys: { indexes: Record<string, unknown> };
  prefixes: Record<string, string>;
  record_types: Record<string, { entity_version: string; keys: Record<string, { pk: string; sk: string }>; examples: { attributes: Record<string, unknown>; keys: Record<string, string> }[] }>;
  access_patterns: Record<string, unknown>;
};

const rename = (pattern: string) => pattern.split('#').map((s) => RENAMED[s] ?? s).join('#');

export function nextMajorDocument(current: unknown): Doc {
  const doc = structuredClone(current) as Doc;
  doc.version = `${Number(doc.version.split('.')[0]) + 1}.0.0`;
  for (const [name, value] of Object.entries(doc.prefixes)) doc.prefixes[name] = RENAMED[value] ?? value;
  doc.prefixes.creator = 'CREATOR';
  for (const rt of Object.values(doc.record_types)) {
    for (const k of Object.values(rt.keys)) {
      k.pk = rename(k.pk);
      k.sk = rename(k.sk);
    }
  }
  const request = doc.record_types.schema_request!.keys.GSI2!;
  request.pk = 'WS#{workspace_id}#REQUESTS#{status}';
  request.sk = 'REQUEST#{id}';
  doc.record_types.notification!.entity_version = '2';
  if (doc.keys.indexes[CREATOR_INDEX]) throw new Error(`design N already has ${CREATOR_INDEX}: give the fixture's new index another name`);
  doc.keys.indexes[CREATOR_INDEX] = { partition_key: `${CREATOR_INDEX}PK`, sort_key: `${CREATOR_INDEX}SK`, projection: 'ALL', description: 'Payloads by the principal that created them.' };
  doc.record_types.payload!.keys[CREATOR_INDEX] = { pk: 'WS#{workspace_id}#CREATOR#{created_by}', sk: 'PL#{id}' };
  doc.access_patterns.payloads_by_creator = { record_type: 'payload', index: CREATOR_INDEX, sort_key: 'begins_with', order: 'ascending', description: 'Payloads one principal created.' };
  // The examples carry the keys they must produce: rebuild them from the new patterns.
  const design = buildDesign(doc, 'migrate-fixture');
  for (const [name, rt] of Object.entries(doc.record_types)) {
    for (const example of rt.examples) {
      const keys: Record<string, string> = {};
      for (const k of Object.values(design.recordTypes[name]!.keys)) {
        const ix = k.index === 'primary' ? design.primary : design.indexes[k.index]!;
        keys[ix.partitionKey] = buildKey(k.pk, example.attributes);
        keys[ix.sortKey] = buildKey(k.sk, example.attributes);
      }
      example.keys = keys;
    }
  }
  return doc;
}

export interface Fixture {
  /** Today's schema.yaml. */
  current: TableDesign;
  next: TableDesign;
  /** The next design's schema.yaml, written to a temporary directory (for the script and the Python reader). */
  nextPath: string;
}

export function migrationFixture(): Fixture {
  const currentDoc = parseYaml(readFileSync(SCHEMA_YAML_PATH, 'utf8'));
  const nextDoc = nextMajorDocument(currentDoc);
  const nextPath = join(mkdtempSync(join(tmpdir(), 'migrate-fixture-')), 'schema.yaml');
  writeFileSync(nextPath, yaml.dump(nextDoc, { lineWidth: -1 }));
  // Readers validate a schema.yaml against the grammar beside it.
  copyFileSync(SCHEMA_YAML_SCHEMA_PATH, join(nextPath, '..', 'schema-yaml.schema.json'));
  return { current: buildDesign(currentDoc), next: buildDesign(parseYaml(readFileSync(nextPath, 'utf8'), nextPath), nextPath), nextPath };
}

/** The stored item of a record type's first example under `design`: as a registry writer would store it. */
export function exampleItem(design: TableDesign, recordType: string): Record<string, AttributeValue> {
  const example = design.recordTypes[recordType]!.examples[0]!;
  return marshalled(design, recordType, example.attributes, example.keys);
}

/** An item of `recordType` with these attributes, its keys built by `design`'s patterns. */
export function storedItem(design: TableDesign, recordType: string, attributes: Record<string, unknown>): Record<string, AttributeValue> {
  const keys: Record<string, string> = {};
  for (const k of Object.values(design.recordTypes[recordType]!.keys)) {
    const ix = k.index === 'primary' ? design.primary : design.indexes[k.index]!;
    keys[ix.partitionKey] = buildKey(k.pk, attributes);
    keys[ix.sortKey] = buildKey(k.sk, attributes);
  }
  return marshalled(design, recordType, attributes, keys);
}

function marshalled(design: TableDesign, recordType: string, values: Record<string, unknown>, keys: Record<string, string>): Record<string, AttributeValue> {
  const rt = design.recordTypes[recordType]!;
  const attributes = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, rt.attributes[name]?.type === 'json' && typeof value !== 'string' ? JSON.stringify(value) : value]),
  );
  return marshall(
    { ...attributes, ...keys, [design.entityIdentifiers.entity]: rt.entity, [design.entityIdentifiers.version]: rt.entityVersion },
    { removeUndefinedValues: true, convertClassInstanceToMap: true },
  );
}
