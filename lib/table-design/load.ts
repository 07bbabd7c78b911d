/**
 * Loads schema.yaml: parses the YAML, validates it against schema-yaml.schema.json (errors name the YAML
 * path), resolves shared attributes and compiles key patterns into a TableDesign.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';
import { fingerprint } from '../util/canonical-json.js';
import { unescapePointerToken } from '../util/json-pointer.js';
import { compilePattern, type PlaceholderSpec } from './pattern.js';
import type {
  AccessPattern,
  AttributeDef,
  AttributeFamily,
  AttributeType,
  IndexDef,
  RecordKeys,
  RecordType,
  TableDesign,
} from './model.js';

export const SCHEMA_YAML_PATH = fileURLToPath(new URL('../../schema.yaml', import.meta.url));
export const SCHEMA_YAML_SCHEMA_PATH = fileURLToPath(new URL('../../schema-yaml.schema.json', import.meta.url));

/** schema.yaml is not valid; `problems` name each YAML path and what is wrong there. */
export class SchemaYamlError extends Error {
  constructor(
    readonly problems: string[],
    readonly file: string,
  ) {
    super(`${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SchemaYamlError';
  }
}

/** `/record_types/schema/keys` -> `record_types.schema.keys` (the path a person finds in the YAML). */
export function yamlPath(pointer: string): string {
  if (pointer === '') return '(root)';
  return pointer
    .slice(1)
    .split('/')
    .map(unescapePointerToken)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}

let validator: ReturnType<Ajv2020['compile']> | undefined;
function validateFormat(doc: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats.default(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_YAML_SCHEMA_PATH, 'utf8')));
  }
  if (validator(doc)) return [];
  return (validator.errors ?? []).map((e) => {
    const where = yamlPath(e.instancePath);
    const extra =
      e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties'
        ? ` ("${(e.params as { additionalProperty?: string; unevaluatedProperty?: string }).additionalProperty ?? (e.params as { unevaluatedProperty?: string }).unevaluatedProperty}")`
        : e.keyword === 'enum'
          ? ` (one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)})`
          : '';
    return `${where}: ${e.message}${extra}`;
  });
}

type RawAttribute = {
  $ref?: string;
  type?: AttributeType;
  required?: boolean;
  immutable?: boolean;
  default?: unknown;
  enum?: (string | number)[];
  max_length?: number;
  pattern?: string;
  minimum?: number;
  pad_width?: number;
  description?: string;
};

interface RawDesign {
  format: number;
  version: string;
  description?: string;
  table: { name: string; billing_mode: 'PAY_PER_REQUEST'; ttl_attribute?: string; stream?: string };
  keys: {
    separator: '#';
    primary: { partition_key: string; sort_key: string };
    indexes: Record<string, { partition_key: string; sort_key: string; projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; non_key_attributes?: string[]; description?: string }>;
  };
  entity_identifiers: { entity: string; version: string };
  prefixes: Record<string, string>;
  shared_attributes?: Record<string, RawAttribute>;
  record_types: Record<
    string,
    {
      description: string;
      entity: string;
      entity_version: string;
      workspace_scoped: boolean;
      keys: Record<string, { pk: string; sk: string }>;
      attributes: Record<string, RawAttribute>;
      attribute_families?: Record<string, RawAttribute>;
      family_placeholders?: Record<string, { pattern: string; description?: string }>;
      examples: { attributes: Record<string, unknown>; keys: Record<string, string> }[];
    }
  >;
  access_patterns: Record<
    string,
    { record_type: string; index: string; sort_key: 'equals' | 'begins_with'; order?: 'ascending' | 'descending'; sharded_by?: string; filter_by?: string; description?: string }
  >;
}

function toAttribute(name: string, raw: RawAttribute): AttributeDef {
  const def: AttributeDef = {
    name,
    type: raw.type!,
    required: raw.required ?? false,
    immutable: raw.immutable ?? false,
  };
  if (raw.default !== undefined) def.default = raw.default;
  if (raw.enum) def.enum = raw.enum;
  if (raw.max_length !== undefined) def.maxLength = raw.max_length;
  if (raw.pattern !== undefined) def.pattern = raw.pattern;
  if (raw.minimum !== undefined) def.minimum = raw.minimum;
  if (raw.pad_width !== undefined) def.padWidth = raw.pad_width;
  if (raw.description !== undefined) def.description = raw.description;
  return def;
}

function placeholderSpec(attr: AttributeDef | undefined): PlaceholderSpec | undefined {
  if (!attr || (attr.type !== 'string' && attr.type !== 'integer')) return undefined;
  const spec: PlaceholderSpec = { type: attr.type };
  if (attr.maxLength !== undefined) spec.maxLength = attr.maxLength;
  if (attr.padWidth !== undefined) spec.padWidth = attr.padWidth;
  if (attr.pattern !== undefined) spec.pattern = attr.pattern;
  if (attr.minimum !== undefined) spec.minimum = attr.minimum;
  return spec;
}

/**
 * Builds the design from an already-parsed document. Problems that make the design unusable (unknown
 * `$ref`, placeholders naming no attribute) are reported here; the remaining consistency rules are lint.
 */
export function buildDesign(doc: unknown, file = 'schema.yaml'): TableDesign {
  const formatProblems = validateFormat(doc);
  if (formatProblems.length) throw new SchemaYamlError(formatProblems, file);
  const raw = doc as RawDesign;
  const problems: string[] = [];

  const indexes: Record<string, IndexDef> = {};
  for (const [name, ix] of Object.entries(raw.keys.indexes)) {
    indexes[name] = {
      name,
      partitionKey: ix.partition_key,
      sortKey: ix.sort_key,
      projection: ix.projection,
      ...(ix.non_key_attributes ? { nonKeyAttributes: ix.non_key_attributes } : {}),
      ...(ix.description ? { description: ix.description } : {}),
    };
  }
  const primary: IndexDef = { name: 'primary', partitionKey: raw.keys.primary.partition_key, sortKey: raw.keys.primary.sort_key, projection: 'ALL' };

  const recordTypes: Record<string, RecordType> = {};
  for (const [rtName, rt] of Object.entries(raw.record_types)) {
    const attributes: Record<string, AttributeDef> = {};
    for (const [attrName, rawAttr] of Object.entries(rt.attributes)) {
      let merged: RawAttribute = rawAttr;
      if (rawAttr.$ref !== undefined) {
        const shared = raw.shared_attributes?.[rawAttr.$ref];
        if (!shared) {
          problems.push(`record_types.${rtName}.attributes.${attrName}.$ref: no shared attribute "${rawAttr.$ref}" (declare it under shared_attributes)`);
          continue;
        }
        const { $ref: _ref, ...overrides } = rawAttr;
        merged = { ...shared, ...overrides };
      }
      attributes[attrName] = toAttribute(attrName, merged);
    }
    const families: AttributeFamily[] = [];
    for (const [template, rawAttr] of Object.entries(rt.attribute_families ?? {})) {
      const placeholder = /\{([a-z][a-z0-9_]*)\}/.exec(template)![1]!;
      const ph = rt.family_placeholders?.[placeholder];
      if (!ph) {
        problems.push(`record_types.${rtName}.attribute_families.${template}: placeholder "{${placeholder}}" is not declared under family_placeholders`);
        continue;
      }
      const { name: _n, ...attr } = toAttribute(template, rawAttr);
      families.push({ ...attr, template, placeholder, placeholderPattern: ph.pattern });
    }

    const keys: Record<string, RecordKeys> = {};
    for (const [index, k] of Object.entries(rt.keys)) {
      const specs: Record<string, PlaceholderSpec> = {};
      let ok = true;
      for (const [which, source] of [['pk', k.pk], ['sk', k.sk]] as const) {
        for (const m of source.matchAll(/\{([a-z][a-z0-9_]*)\}/g)) {
          const spec = placeholderSpec(attributes[m[1]!]);
          if (!spec) {
            ok = false;
            problems.push(
              `record_types.${rtName}.keys.${index}.${which}: placeholder "{${m[1]}}" must name a declared string or integer attribute of ${rtName}`,
            );
          } else specs[m[1]!] = spec;
        }
      }
      if (ok) keys[index] = { index, pk: compilePattern(k.pk, specs), sk: compilePattern(k.sk, specs) };
    }

    recordTypes[rtName] = {
      name: rtName,
      description: rt.description,
      entity: rt.entity,
      entityVersion: rt.entity_version,
      workspaceScoped: rt.workspace_scoped,
      keys,
      attributes,
      families,
      examples: rt.examples,
    };
  }

  const accessPatterns: Record<string, AccessPattern> = {};
  for (const [name, ap] of Object.entries(raw.access_patterns)) {
    accessPatterns[name] = {
      name,
      recordType: ap.record_type,
      index: ap.index,
      sortKey: ap.sort_key,
      order: ap.order ?? 'ascending',
      operation: ap.index === 'primary' && ap.sort_key === 'equals' ? 'GetItem' : 'Query',
      ...(ap.sharded_by ? { shardedBy: ap.sharded_by } : {}),
      ...(ap.filter_by ? { filterBy: ap.filter_by } : {}),
      ...(ap.description ? { description: ap.description } : {}),
    };
  }

  if (problems.length) throw new SchemaYamlError(problems, file);
  const design: TableDesign = {
    format: raw.format,
    version: raw.version,
    table: {
      name: raw.table.name,
      billingMode: raw.table.billing_mode,
      ...(raw.table.ttl_attribute ? { ttlAttribute: raw.table.ttl_attribute } : {}),
      ...(raw.table.stream ? { stream: raw.table.stream } : {}),
    },
    separator: raw.keys.separator,
    primary,
    indexes,
    entityIdentifiers: raw.entity_identifiers,
    prefixes: raw.prefixes,
    recordTypes,
    sharedAttributes: Object.fromEntries(Object.entries(raw.shared_attributes ?? {}).map(([name, a]) => [name, toAttribute(name, a)])),
    accessPatterns,
    hash: fingerprint(doc),
  };
  if (raw.description) design.description = raw.description;
  return design;
}

/** Parses YAML text into a plain document; YAML syntax errors name the line. */
export function parseYaml(text: string, file = 'schema.yaml'): unknown {
  try {
    return yaml.load(text, { schema: yaml.JSON_SCHEMA, filename: file });
  } catch (e) {
    throw new SchemaYamlError([(e as Error).message], file);
  }
}

/** Loads and validates schema.yaml (or another file of the same grammar). */
export function loadDesign(path = SCHEMA_YAML_PATH): TableDesign {
  return buildDesign(parseYaml(readFileSync(path, 'utf8'), path), path);
}
