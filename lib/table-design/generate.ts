/**
 * Turns a TableDesign into the generated TypeScript module (key builders, record types, ElectroDB
 * entities, the CreateTable input) and the language-neutral conformance vectors.
 */
import { DEFAULT_GENERATORS, indexDef, type AttributeDef, type RecordType, type TableDesign } from './model.js';
import type { KeyErrorCode, KeyPattern, PlaceholderSpec } from './pattern.js';
import { PAYLOAD_SHARD_CASES, PAYLOAD_WRITE_CASES, type PayloadShardCase, type PayloadWriteCase } from './payload-write-vectors.js';
import { createTableInputOf, timeToLiveInputOf } from './table-input.js';

const q = (v: unknown) => JSON.stringify(v);
const pascal = (s: string) => s.replace(/(^|_)([a-z0-9])/g, (_m, _u, c: string) => c.toUpperCase());
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function tsType(a: Pick<AttributeDef, 'type' | 'enum'>): string {
  if (a.enum) return a.enum.map(q).join(' | ');
  switch (a.type) {
    case 'string':
    case 'json':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'map':
      return 'Record<string, unknown>';
    case 'list':
      return 'unknown[]';
    case 'string_set':
      return 'Set<string>';
  }
}

function docComment(text: string | undefined, indent = ''): string {
  return text ? `${indent}/** ${text.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim()} */\n` : '';
}

/**
 * Constants for values the generated code would otherwise repeat (a placeholder's rule, an attribute's
 * rule, a RegExp): `ref` declares one on the first use of an expression, under the name asked for (with a
 * number when another value has it), and answers its name every time.
 */
function constantPool(exported = false) {
  const byText = new Map<string, string>();
  const names = new Set<string>();
  const lines: string[] = [];
  return {
    lines,
    ref(text: string, preferred: string, type = ''): string {
      let name = byText.get(text);
      if (name !== undefined) return name;
      name = preferred;
      for (let i = 2; names.has(name); i++) name = `${preferred}${i}`;
      names.add(name);
      byText.set(text, name);
      lines.push(`${exported ? 'export ' : ''}const ${name}${type} = ${text};`);
      return name;
    },
  };
}

/** The shared attribute (schema.yaml's `shared_attributes`) whose rules `a` has, to name a constant after it. */
function sharedName(design: TableDesign, a: Pick<AttributeDef, 'pattern' | 'maxLength'>, sameLength: boolean): string | undefined {
  const shared = Object.values(design.sharedAttributes).find((s) => s.pattern === a.pattern && (!sameLength || s.maxLength === a.maxLength));
  return a.pattern !== undefined ? shared?.name : undefined;
}

function valuesType(rt: RecordType, pattern: KeyPattern): string {
  if (!pattern.attributes.length) return 'Record<string, never>';
  return `{ ${pattern.attributes.map((a) => `${a}: ${tsType(rt.attributes[a]!)}`).join('; ')} }`;
}

/** The ElectroDB access-pattern name of a record type's index: the schema.yaml access pattern serving it. */
export function electroIndexName(design: TableDesign, rt: RecordType, index: string): string {
  // A filtered pattern reads through the index of the unfiltered one it narrows.
  const serving = Object.values(design.accessPatterns).filter((a) => a.recordType === rt.name && a.index === index);
  const ap = serving.find((a) => !a.filterBy) ?? serving[0];
  return ap ? ap.name : `${rt.name}_${index.toLowerCase()}`;
}

function electroTemplate(pattern: KeyPattern): string {
  return pattern.segments.map((s) => ('literal' in s ? s.literal : `\${${s.attribute}}`)).join('#');
}

/** The ElectroDB type of each schema.yaml type other than `string_set` (and enums, which list their values). */
const ELECTRO_TYPES = { string: 'string', json: 'string', integer: 'number', number: 'number', boolean: 'boolean', map: 'any', list: 'any' } as const;

/** The pattern ElectroDB checks an attribute's values against: string types only, enums have their values. */
function checkedPattern(a: AttributeDef): string | undefined {
  return (a.type === 'string' || a.type === 'json') && !a.enum ? a.pattern : undefined;
}

function electroAttribute(a: AttributeDef): string {
  const parts: string[] = [];
  if (a.enum) parts.push(`type: [${a.enum.map(q).join(', ')}] as const`);
  else if (a.type === 'string_set') parts.push(`type: 'set', items: 'string'`);
  else parts.push(`type: ${q(ELECTRO_TYPES[a.type])}`);
  if (a.required) parts.push('required: true');
  if (a.immutable) parts.push('readOnly: true');
  if (a.default !== undefined) {
    if (a.default === 'now') parts.push('default: now');
    else if (a.default === 'now_epoch_seconds') parts.push('default: nowEpochSeconds');
    else if (a.default === 'ulid') parts.push('default: deps.newId');
    else parts.push(`default: ${q(a.default)}`);
  }
  const pattern = checkedPattern(a);
  if (pattern !== undefined) parts.push(`validate: new RegExp(${q(pattern)})`);
  if (a.padWidth !== undefined) parts.push(`padding: { length: ${a.padWidth}, char: "0" }`);
  return `{ ${parts.join(', ')} }`;
}

/**
 * An attribute's rules as lib/dynamo/items.ts applies them (the ElectroDB attribute of electroAttribute, as
 * data); `pattern` and `values` are the expressions of its RegExp and of its enum's values.
 */
function attributeRule(a: AttributeDef, pattern: string | undefined, values: string | undefined): string {
  const rule: Record<string, unknown> = { type: a.enum ? 'enum' : a.type === 'string_set' ? 'string_set' : ELECTRO_TYPES[a.type] };
  if (a.required) rule.required = true;
  if (a.default !== undefined) rule.default = (DEFAULT_GENERATORS as readonly unknown[]).includes(a.default) ? a.default : { value: a.default };
  const parts = Object.entries(rule).map(([k, v]) => `${k}: ${q(v)}`);
  if (values !== undefined) parts.push(`values: ${values}`);
  if (pattern !== undefined) parts.push(`pattern: ${pattern}`);
  return `{ ${parts.join(', ')} }`;
}

/** A generated module: the header saying what made it and from which schema.yaml, its imports, and what `body` emits. */
function generatedModule(design: TableDesign, imports: string[], body: (emit: (line?: string) => void) => void): string {
  const out = [
    '// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml',
    `// version ${design.version} (sha256 ${design.hash}).`,
    '// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.',
    ...imports,
    '',
  ];
  body((line = '') => out.push(line));
  return out.filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n') + '\n';
}

/**
 * lib/generated/table.ts: the design's constants, item types and table definition. The key builders and
 * item rules of each record type are in a module of their own (generateRecordModules).
 */
export function generateModule(design: TableDesign): string {
  const imports = ["import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from '@aws-sdk/client-dynamodb';"];
  return generatedModule(design, imports, (emit) => {
    emit('export const TABLE_DESIGN = {');
    emit(`  version: ${q(design.version)},`);
    emit(`  hash: ${q(design.hash)},`);
    emit(`  tableName: ${q(design.table.name)},`);
    emit(`  separator: ${q(design.separator)},`);
    emit(`  ttlAttribute: ${q(design.table.ttlAttribute ?? null)},`);
    emit(`  entityIdentifiers: ${q(design.entityIdentifiers)},`);
    emit('} as const;');
    emit();
    emit(`export const PREFIXES = ${q(design.prefixes)} as const;`);
    emit();
    emit('/** The value rules of schema.yaml\'s shared attributes, for code that checks the same values before they reach a key. */');
    emit('export const SHARED_ATTRIBUTES = {');
    for (const a of Object.values(design.sharedAttributes)) {
      const rule = { ...(a.pattern !== undefined ? { pattern: a.pattern } : {}), ...(a.maxLength !== undefined ? { maxLength: a.maxLength } : {}) };
      emit(`  ${a.name}: ${q(rule)},`);
    }
    emit('} as const;');
    emit();
    emit('/** The allowed values of every enumerated attribute, per record type, for contracts that accept the same values. */');
    emit('export const ATTRIBUTE_ENUMS = {');
    for (const rt of Object.values(design.recordTypes)) {
      const enums = Object.values(rt.attributes).filter((a) => a.enum);
      if (enums.length) emit(`  ${rt.name}: { ${enums.map((a) => `${a.name}: ${q(a.enum)}`).join(', ')} },`);
    }
    emit('} as const;');
    emit();
    const allIndexes = { primary: design.primary, ...design.indexes };
    emit('/** Key attribute names of the primary index and every GSI. */');
    emit('export const INDEXES = {');
    for (const [name, ix] of Object.entries(allIndexes)) emit(`  ${name}: { partitionKey: ${q(ix.partitionKey)}, sortKey: ${q(ix.sortKey)} },`);
    emit('} as const;');
    emit('export type IndexName = keyof typeof INDEXES;');
    emit();
    emit('/** Every access pattern of schema.yaml: GetItem or Query, never Scan. */');
    emit('export const ACCESS_PATTERNS = {');
    for (const ap of Object.values(design.accessPatterns)) {
      emit(docComment(ap.description, '  ').trimEnd());
      emit(`  ${ap.name}: { recordType: ${q(ap.recordType)}, index: ${q(ap.index)}, sortKey: ${q(ap.sortKey)}, order: ${q(ap.order)}, operation: ${q(ap.operation)} },`);
    }
    emit('} as const;');
    emit('export type AccessPatternName = keyof typeof ACCESS_PATTERNS;');
    emit();

    for (const rt of Object.values(design.recordTypes)) emitItemType(rt, emit);

    emit('/** The item type of every record type, by name. */');
    emit('export interface RecordItems {');
    for (const rt of Object.values(design.recordTypes)) emit(`  ${rt.name}: ${pascal(rt.name)}Item;`);
    emit('}');
    emit();
    const input = createTableInputOf(design, 'TABLE');
    emit('/** CreateTable input for local mode and tests; the CDK stack builds the same table from INDEXES. */');
    emit('export function createTableInput(tableName: string): CreateTableCommandInput {');
    emit('  return {');
    emit('    TableName: tableName,');
    emit(`    BillingMode: ${q(input.BillingMode)},`);
    emit(`    AttributeDefinitions: ${q(input.AttributeDefinitions)},`);
    emit(`    KeySchema: ${q(input.KeySchema)},`);
    emit('    GlobalSecondaryIndexes: [');
    for (const gsi of input.GlobalSecondaryIndexes ?? []) emit(`      ${q(gsi)},`);
    emit('    ],');
    if (input.StreamSpecification) emit(`    StreamSpecification: ${q(input.StreamSpecification)},`);
    emit('  };');
    emit('}');
    emit();
    const ttl = timeToLiveInputOf(design, 'TABLE');
    emit('/** The TTL setting, applied after the table exists (DynamoDB has no TTL in CreateTable). */');
    emit('export function timeToLiveInput(tableName: string): UpdateTimeToLiveCommandInput | undefined {');
    emit(ttl ? `  return { TableName: tableName, TimeToLiveSpecification: ${q(ttl.TimeToLiveSpecification)} };` : '  return undefined;');
    emit('}');
  });
}

/** One record type's part of lib/generated/table.ts: its item type. */
function emitItemType(rt: RecordType, emit: (line?: string) => void): void {
  const T = pascal(rt.name);
  emit(docComment(rt.description).trimEnd());
  emit(`export interface ${T}Item {`);
  for (const a of Object.values(rt.attributes)) {
    emit(docComment(a.description, '  ').trimEnd());
    emit(`  ${a.name}${a.required ? '' : '?'}: ${tsType(a)};`);
  }
  for (const f of rt.families) emit(`  /** Family ${f.template}: ${f.description ?? ''} */\n  [family: \`${f.template.replace(/\{[a-z0-9_]+\}/, '${string}')}\`]: ${tsType(f)} | undefined;`);
  emit('}');
  emit();
}

/** A record type's key builders and family names, in its module; `specRef` names a placeholder rule of the shared module. */
function emitRecordKeys(design: TableDesign, rt: RecordType, specRef: (text: string, preferred: string) => string, emit: (line?: string) => void): void {
  const T = pascal(rt.name);
  const keyAttrs = [...new Set(Object.values(rt.keys).flatMap((k) => [...k.pk.attributes, ...k.sk.attributes]))];
  const placeholders = Object.assign({}, ...Object.values(rt.keys).flatMap((k) => [k.pk.specs, k.sk.specs])) as Record<string, PlaceholderSpec>;
  const specRefs = keyAttrs.map((a) => {
    const spec = placeholders[a]!;
    const name = `${camel(sharedName(design, spec, true) ?? a)}Spec`;
    return `${a}: ${specRef(q(spec), name)}`;
  });
  const P = `${camel(rt.name)}Patterns`;
  emit(`const ${camel(rt.name)}Specs = { ${specRefs.join(', ')} };`);
  emit(`const ${P} = {`);
  for (const [index, k] of Object.entries(rt.keys)) {
    emit(`  ${index}: {`);
    emit(`    pk: /* @__PURE__ */ compilePattern(${q(k.pk.source)}, ${camel(rt.name)}Specs),`);
    emit(`    sk: /* @__PURE__ */ compilePattern(${q(k.sk.source)}, ${camel(rt.name)}Specs),`);
    emit('  },');
  }
  emit('} as const;');
  emit();
  emit(`/** Key builders and parsers of ${rt.name}: \`parse(build(x))\` gives \`x\` back. */`);
  emit(`export const ${camel(rt.name)}Keys = {`);
  for (const [index, k] of Object.entries(rt.keys)) {
    emit(`  ${index}: /* @__PURE__ */ indexKeys<${valuesType(rt, k.pk)}, ${valuesType(rt, k.sk)}>(${P}.${index}),`);
  }
  const allT = keyAttrs.length ? `Pick<${T}Item, ${keyAttrs.map(q).join(' | ')}>` : 'object';
  emit(`  /** Every key attribute (primary and GSI) of an item. */`);
  emit(`  all: /* @__PURE__ */ allKeys<${allT}>(${P}, INDEXES),`);
  emit('};');
  if (rt.families.length) {
    emit();
    emit(`/** Attribute family names of ${rt.name}, e.g. \`${rt.families[0]!.template}\`. */`);
    emit(`export const ${camel(rt.name)}Families = {`);
    for (const f of rt.families) {
      emit(`  ${q(f.template)}: (${f.placeholder}: string): string => familyAttributeName(${q(f.template)}, ${q(f.placeholderPattern)}, ${f.placeholder}),`);
    }
    emit('};');
  }
  emit();
}

/**
 * lib/generated/records/: one module per record type with its key builders, family names and the rules
 * lib/dynamo/items.ts builds and reads its items with (its entity identifiers, the rules of its attributes
 * as the ElectroDB entities state them, its keys), and shared.ts with the rules several share. A bundle
 * holds the modules of the record types its code uses: esbuild keeps a module whole, in a chunk loaded
 * at the start when any code loaded then uses it, so one module for every record type put them all in
 * every function's cold start. index.ts gathers them for code that goes through every record type.
 */
export function generateRecordModules(design: TableDesign): Record<string, string> {
  const dir = 'lib/generated/records/';
  // Placeholder rules, attribute rules and their RegExps, each distinct one once (a RegExp compiled once),
  // and each enum's values as the first record type with them lists them in ATTRIBUTE_ENUMS.
  const specs = constantPool(true);
  const patterns = constantPool();
  const rules = constantPool(true);
  const enumValues = new Map<string, string>();
  const files: Record<string, string> = {};
  const recordTypes = Object.values(design.recordTypes);
  for (const rt of recordTypes) {
    const used = new Set<string>();
    const use = (name: string) => (used.add(name), name);
    const ruleOf = (a: AttributeDef): string => {
      const source = checkedPattern(a);
      const pattern = source === undefined ? undefined : patterns.ref(String(new RegExp(source)), `${camel(sharedName(design, a, false) ?? a.name)}Pattern`);
      let values: string | undefined;
      if (a.enum) {
        if (!enumValues.has(q(a.enum))) enumValues.set(q(a.enum), `ATTRIBUTE_ENUMS.${rt.name}.${a.name}`);
        values = enumValues.get(q(a.enum));
      }
      // A rule of a type alone is named after it (`requiredStringRule`), any other after its first attribute.
      const plain = pattern === undefined && values === undefined && a.default === undefined;
      const type = a.type === 'string_set' ? 'stringSet' : ELECTRO_TYPES[a.type as keyof typeof ELECTRO_TYPES];
      const name = plain ? camel(`${a.required ? 'required_' : ''}${type}_rule`) : `${camel(a.name)}Rule`;
      return use(rules.ref(attributeRule(a, pattern, values), name, ': AttributeRule'));
    };
    const body: string[] = [];
    const emit = (line = '') => body.push(line);
    emitRecordKeys(design, rt, (text, preferred) => use(specs.ref(text, preferred, ': PlaceholderSpec')), emit);
    emit(`/** What writing and reading ${rt.name} items needs. */`);
    emit(`export const ${camel(rt.name)}Rules: RecordRules<${pascal(rt.name)}Item> = {`);
    emit(`  entity: ${q(rt.entity)},`);
    emit(`  version: ${q(rt.entityVersion)},`);
    emit('  attributes: {');
    for (const a of Object.values(rt.attributes)) emit(`    ${a.name}: ${ruleOf(a)},`);
    emit('  },');
    emit(`  keys: ${camel(rt.name)}Keys.all,`);
    emit(`  primaryKey: /* @__PURE__ */ primaryKeyOf(${camel(rt.name)}Keys.primary),`);
    emit('};');
    const helpers = ['allKeys', 'compilePattern', ...(rt.families.length ? ['familyAttributeName'] : []), 'indexKeys'];
    const imports = [
      `import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';`,
      `import { ${helpers.join(', ')} } from '../../table-design/pattern.js';`,
      `import { INDEXES, type ${pascal(rt.name)}Item } from '../table.js';`,
      `import { ${[...used].sort().join(', ')} } from './shared.js';`,
    ];
    files[`${dir}${rt.name}.ts`] = generatedModule(design, imports, (out) => {
      for (const line of body) out(line);
    });
  }
  files[`${dir}shared.ts`] = generatedModule(
    design,
    [
      "import type { AttributeRule } from '../../dynamo/items.js';",
      "import type { PlaceholderSpec } from '../../table-design/pattern.js';",
      "import { ATTRIBUTE_ENUMS } from '../table.js';",
    ],
    (emit) => {
      emit('// The placeholder rules of the key patterns and the rules of the attributes, each distinct one once.');
      for (const line of [...specs.lines, '', ...patterns.lines, '', ...rules.lines]) emit(line);
    },
  );
  files[`${dir}index.ts`] = generatedModule(
    design,
    [...recordTypes.map((rt) => `import { ${camel(rt.name)}Rules } from './${rt.name}.js';`), ...recordTypes.map((rt) => `export * from './${rt.name}.js';`)],
    (emit) => {
      emit("/** Every record type's rules by its name, for code that goes through them all (tests, tools); a function imports the modules it uses. */");
      emit('export const RECORD_RULES = {');
      for (const rt of recordTypes) emit(`  ${rt.name}: ${camel(rt.name)}Rules,`);
      emit('} as const;');
    },
  );
  return files;
}

/**
 * lib/generated/entities.ts: the ElectroDB entities of every record type, apart from table.ts so that
 * code needing only keys and constants does not load ElectroDB.
 */
export function generateEntitiesModule(design: TableDesign): string {
  const imports = ["import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';", "import { Entity } from 'electrodb';", "import { once } from '../util/once.js';"];
  return generatedModule(design, imports, (emit) => {
    emit('/** What the generated entities need: the client, the table name, and the injected clock and id generator. */');
    emit('export interface EntityDeps {');
    emit('  client: DynamoDBDocumentClient;');
    emit('  table: string;');
    emit('  now: () => Date;');
    emit('  newId: () => string;');
    emit('}');
    emit();
    emit('/**');
    emit(' * ElectroDB entities for every record type, with explicit key templates and no case change. Each is built');
    emit(' * on first use: building them all cost a cold start tens of milliseconds, and a function uses a few.');
    emit(' */');
    emit('export function createEntities(deps: EntityDeps) {');
    emit('  const now = () => deps.now().toISOString();');
    const usesEpochSeconds = Object.values(design.recordTypes).some((rt) => Object.values(rt.attributes).some((a) => a.default === 'now_epoch_seconds'));
    if (usesEpochSeconds) emit('  const nowEpochSeconds = () => Math.floor(deps.now().getTime() / 1000);');
    emit('  const config = { client: deps.client, table: deps.table };');
    const recordTypes = Object.values(design.recordTypes);
    for (const rt of recordTypes) {
      emit(`  const ${rt.name}Entity = once(`);
      emit('    () =>');
      emit('      new Entity(');
      emit('        {');
      emit(`          model: { entity: ${q(rt.entity)}, version: ${q(rt.entityVersion)}, service: "schema_registry" },`);
      emit('          attributes: {');
      for (const a of Object.values(rt.attributes)) emit(`            ${a.name}: ${electroAttribute(a)},`);
      emit('          },');
      emit('          indexes: {');
      for (const [index, k] of Object.entries(rt.keys)) {
        const ix = indexDef(design, index)!;
        emit(`            ${electroIndexName(design, rt, index)}: {`);
        if (index !== 'primary') emit(`              index: ${q(index)},`);
        emit(`              pk: { field: ${q(ix.partitionKey)}, composite: ${q(k.pk.attributes)}, template: ${q(electroTemplate(k.pk))}, casing: "none" },`);
        emit(`              sk: { field: ${q(ix.sortKey)}, composite: ${q(k.sk.attributes)}, template: ${q(electroTemplate(k.sk))}, casing: "none" },`);
        emit('            },');
      }
      emit('          },');
      emit('        },');
      emit('        config,');
      emit('      ),');
      emit('  );');
    }
    emit('  return {');
    for (const rt of recordTypes) emit(`    get ${rt.name}() { return ${rt.name}Entity(); },`);
    emit('  };');
    emit('}');
    emit('export type Entities = ReturnType<typeof createEntities>;');
    emit();
  });
}

// ---- conformance vectors ----

export interface BuildCase { record_type: string; index: string; attributes: Record<string, unknown>; expected: Record<string, string> }
export interface BuildErrorCase { record_type: string; index: string; key: 'pk' | 'sk'; attributes: Record<string, unknown>; error: KeyErrorCode; why: string }
export interface ParseCase { record_type: string; index: string; key: 'pk' | 'sk'; input: string; expected: Record<string, unknown> }
export interface ParseErrorCase { record_type: string; index: string; key: 'pk' | 'sk'; input: string; error: KeyErrorCode; why: string }
export interface PrefixCase { access_pattern: string; record_type: string; index: string; expected: string }

export interface ConformanceVectors {
  description: string;
  schema_yaml_version: string;
  schema_yaml_hash: string;
  separator: string;
  check_order: KeyErrorCode[];
  build: BuildCase[];
  build_errors: BuildErrorCase[];
  parse: ParseCase[];
  parse_errors: ParseErrorCase[];
  sort_key_prefixes: PrefixCase[];
  /** The payload write contract's cases (lib/table-design/payload-write-vectors.ts). */
  payload_writes: PayloadWriteCase[];
  payload_shards: PayloadShardCase[];
}

/** A value the attribute's charset and length allow but its pattern does not. */
function patternBreaker(attr: AttributeDef): string | undefined {
  if (!attr.pattern) return undefined;
  const re = new RegExp(attr.pattern);
  return ['A', 'a', 'Z9', '-', '_x', 'x.y', '!', '0'].find((c) => c.length <= (attr.maxLength ?? Infinity) && !re.test(c));
}

/**
 * Cases are built by construction from schema.yaml's examples, never by running the key builders, so the
 * TypeScript implementation is tested against them like any other language.
 */
export function generateVectors(design: TableDesign): ConformanceVectors {
  const v: ConformanceVectors = {
    description:
      'Conformance vectors for schema.yaml key patterns and the payload write contract. Build every case and compare; every *_errors case must fail with the given code; store or refuse every payload_writes case as its outcome says; put a payload with each payload_shards id in the shard given. Generated by `npm run codegen`; do not edit.',
    schema_yaml_version: design.version,
    schema_yaml_hash: design.hash,
    separator: design.separator,
    check_order: ['missing_attribute', 'not_an_integer', 'out_of_range', 'empty_value', 'invalid_character', 'too_long', 'pattern_mismatch'],
    build: [],
    build_errors: [],
    parse: [],
    parse_errors: [],
    sort_key_prefixes: [],
    payload_writes: PAYLOAD_WRITE_CASES,
    payload_shards: PAYLOAD_SHARD_CASES,
  };
  for (const rt of Object.values(design.recordTypes)) {
    for (const ex of rt.examples) {
      for (const [index, k] of Object.entries(rt.keys)) {
        const ix = indexDef(design, index)!;
        const used = [...k.pk.attributes, ...k.sk.attributes];
        const attributes = Object.fromEntries(used.map((a) => [a, ex.attributes[a]]));
        v.build.push({ record_type: rt.name, index, attributes, expected: { [ix.partitionKey]: ex.keys[ix.partitionKey]!, [ix.sortKey]: ex.keys[ix.sortKey]! } });
        for (const [which, pattern, keyAttr] of [['pk', k.pk, ix.partitionKey], ['sk', k.sk, ix.sortKey]] as const) {
          const own = Object.fromEntries(pattern.attributes.map((a) => [a, ex.attributes[a]]));
          const input = ex.keys[keyAttr]!;
          v.parse.push({ record_type: rt.name, index, key: which, input, expected: own });
          const base = { record_type: rt.name, index, key: which };
          for (const a of pattern.attributes) {
            const attr = rt.attributes[a]!;
            const without = { ...own };
            delete without[a];
            v.build_errors.push({ ...base, attributes: without, error: 'missing_attribute', why: `"${a}" is absent` });
            if (attr.type === 'integer') {
              v.build_errors.push({ ...base, attributes: { ...own, [a]: 1.5 }, error: 'not_an_integer', why: 'a fraction' });
              v.build_errors.push({ ...base, attributes: { ...own, [a]: String(own[a]) }, error: 'not_an_integer', why: 'a string of digits is not an integer' });
              v.build_errors.push({ ...base, attributes: { ...own, [a]: (attr.minimum ?? 0) - 1 }, error: 'out_of_range', why: 'below the minimum' });
              if (attr.padWidth) {
                v.build_errors.push({ ...base, attributes: { ...own, [a]: 10 ** attr.padWidth }, error: 'out_of_range', why: `more than ${attr.padWidth} digits` });
                const good = String(own[a]).padStart(attr.padWidth, '0');
                v.parse_errors.push({ ...base, input: input.replace(good, String(own[a])), error: 'no_match', why: 'integer not zero-padded' });
              }
              continue;
            }
            v.build_errors.push({ ...base, attributes: { ...own, [a]: '' }, error: 'empty_value', why: 'empty string' });
            v.build_errors.push({ ...base, attributes: { ...own, [a]: `x#y` }, error: 'invalid_character', why: 'contains the separator' });
            v.build_errors.push({ ...base, attributes: { ...own, [a]: 'caf\u00e9' }, error: 'invalid_character', why: 'non-ASCII character' });
            v.build_errors.push({ ...base, attributes: { ...own, [a]: 'a b' }, error: 'invalid_character', why: 'space' });
            if (attr.maxLength) v.build_errors.push({ ...base, attributes: { ...own, [a]: 'a'.repeat(attr.maxLength + 1) }, error: 'too_long', why: `${attr.maxLength + 1} characters` });
            const breaker = patternBreaker(attr);
            if (breaker !== undefined) v.build_errors.push({ ...base, attributes: { ...own, [a]: breaker }, error: 'pattern_mismatch', why: `does not match ${attr.pattern}` });
          }
          const first = pattern.segments.find((s) => 'literal' in s) as { literal: string } | undefined;
          if (first) v.parse_errors.push({ ...base, input: input.replace(first.literal, first.literal.toLowerCase()), error: 'no_match', why: 'literal segment changed case' });
          v.parse_errors.push({ ...base, input: `${input}#EXTRA`, error: 'no_match', why: 'one segment too many' });
        }
      }
    }
  }
  for (const ap of Object.values(design.accessPatterns)) {
    if (ap.sortKey !== 'begins_with') continue;
    const sk = design.recordTypes[ap.recordType]!.keys[ap.index]!.sk;
    const lead: string[] = [];
    for (const s of sk.segments) {
      if (!('literal' in s)) break;
      lead.push(s.literal);
    }
    v.sort_key_prefixes.push({ access_pattern: ap.name, record_type: ap.recordType, index: ap.index, expected: lead.map((l) => l + design.separator).join('') });
  }
  return v;
}
