/**
 * fast-check generators for the compare soundness property: small JSON Schemas drawn from tiny value
 * domains (so random pairs are often comparable), mutations of a schema (so "compatible" verdicts are
 * common), and documents shaped by a schema (so many of them are valid under it).
 */
import fc from 'fast-check';
import type { Json } from '../../lib/engines/types.js';

type Schema = boolean | { [key: string]: Json };

const NAMES = ['a', 'b', 'c'] as const;

const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined, freq: 2 });

/** Drops undefined members, which fc.record produces for absent optional keys. */
function compact(record: Record<string, unknown>): Schema {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Schema;
}

const stringSchema = fc
  .record({
    type: fc.constantFrom<Json>('string', ['string', 'null']),
    minLength: optional(fc.integer({ min: 0, max: 2 })),
    maxLength: optional(fc.integer({ min: 1, max: 3 })),
    enum: optional(fc.subarray(['', 'a', 'bb', 'ccc'], { minLength: 1 })),
  })
  .map(compact);

const numberSchema = fc
  .record({
    type: fc.constantFrom<Json>('integer', 'number', ['integer', 'null']),
    minimum: optional(fc.integer({ min: -1, max: 1 })),
    maximum: optional(fc.integer({ min: 0, max: 2 })),
    exclusiveMinimum: optional(fc.constantFrom(-1, 0)),
    multipleOf: optional(fc.constantFrom(0.5, 1, 2)),
    enum: optional(fc.subarray([0, 1, 2, 1.5], { minLength: 1 })),
  })
  .map(compact);

const otherLeaf = fc.constantFrom<Schema>(true, false, {}, { type: 'boolean' }, { type: 'null' }, { const: 1 }, { enum: ['a', 1] }, { type: ['string', 'integer'] });

const arraySchema = fc
  .record({
    type: fc.constant('array'),
    items: optional(fc.oneof(stringSchema, numberSchema)),
    minItems: optional(fc.integer({ min: 0, max: 2 })),
    maxItems: optional(fc.integer({ min: 1, max: 3 })),
    uniqueItems: optional(fc.boolean()),
  })
  .map(compact);

export const leafSchema: fc.Arbitrary<Schema> = fc.oneof(stringSchema, numberSchema, otherLeaf, arraySchema);

/** An object schema nesting object schemas up to `depth` levels. */
export function objectSchema(depth: number): fc.Arbitrary<Schema> {
  const member = depth > 0 ? fc.oneof({ weight: 3, arbitrary: leafSchema }, { weight: 1, arbitrary: objectSchema(depth - 1) }) : leafSchema;
  return fc
    .record({
      type: optional(fc.constant('object')),
      properties: fc.dictionary(fc.constantFrom(...NAMES), member, { maxKeys: 3 }),
      required: optional(fc.subarray([...NAMES], { minLength: 1 })),
      additionalProperties: optional(fc.oneof(fc.boolean(), stringSchema, numberSchema)),
      maxProperties: optional(fc.integer({ min: 1, max: 3 })),
    })
    .map(compact);
}

/** Every sub-schema slot of a schema, as setters, so a mutation can replace one. */
function slots(schema: Schema, set: (value: Schema) => void, found: Array<{ schema: Schema; set: (value: Schema) => void }>): void {
  found.push({ schema, set });
  if (typeof schema !== 'object') return;
  const properties = schema.properties as Record<string, Schema> | undefined;
  for (const name of Object.keys(properties ?? {})) {
    slots((properties as Record<string, Schema>)[name] as Schema, (value) => ((properties as Record<string, Schema>)[name] = value), found);
  }
  if (typeof schema.additionalProperties === 'object') {
    slots(schema.additionalProperties as Schema, (value) => (schema.additionalProperties = value as Json), found);
  }
  if (typeof schema.items === 'object') slots(schema.items as Schema, (value) => (schema.items = value as Json), found);
}

type Edit = { slot: number; kind: 'replace'; value: Schema } | { slot: number; kind: 'set'; keyword: string; value: Json | undefined };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ slot: fc.nat(), kind: fc.constant('replace' as const), value: leafSchema }),
  fc.record({
    slot: fc.nat(),
    kind: fc.constant('set' as const),
    keyword: fc.constantFrom('minimum', 'maximum', 'minLength', 'maxLength', 'required', 'additionalProperties', 'type', 'enum', 'multipleOf', 'maxProperties'),
    value: fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: -1, max: 3 }),
      fc.boolean(),
      fc.subarray([...NAMES], { minLength: 1 }),
      fc.constantFrom<Json>('string', 'integer', 'number', ['string', 'null'], ['a', 'bb'], [0, 1]),
    ),
  }),
);

/** Applies edits to a deep copy; edits that do not fit the slot are dropped rather than produce nonsense. */
function applyEdits(schema: Schema, edits: Edit[]): Schema {
  let root = structuredClone(schema);
  for (const change of edits) {
    const found: Array<{ schema: Schema; set: (value: Schema) => void }> = [];
    slots(root, (value) => (root = value), found);
    const target = found[change.slot % found.length] as { schema: Schema; set: (value: Schema) => void };
    if (change.kind === 'replace') {
      target.set(structuredClone(change.value));
      continue;
    }
    if (typeof target.schema !== 'object') continue;
    const valid = isValidKeywordValue(change.keyword, change.value);
    if (change.value === undefined) delete target.schema[change.keyword];
    else if (valid) target.schema[change.keyword] = change.value;
  }
  return root;
}

function isValidKeywordValue(keyword: string, value: Json | undefined): boolean {
  switch (keyword) {
    case 'minimum':
    case 'maximum':
      return typeof value === 'number';
    case 'minLength':
    case 'maxLength':
    case 'maxProperties':
      return typeof value === 'number' && value >= 0;
    case 'multipleOf':
      return typeof value === 'number' && value > 0;
    case 'required':
      return Array.isArray(value) && value.every((name) => typeof name === 'string' && (NAMES as readonly string[]).includes(name));
    case 'additionalProperties':
      return typeof value === 'boolean';
    case 'type':
      return typeof value === 'string' || (Array.isArray(value) && value.every((name) => name === 'string' || name === 'null'));
    case 'enum':
      return Array.isArray(value) && value.length > 0;
    default:
      return false;
  }
}

/** A schema and a second version: mostly one or a few edits of the first, sometimes drawn independently. */
export const schemaPair: fc.Arbitrary<[Schema, Schema]> = objectSchema(2).chain((previous) =>
  fc.oneof(
    { weight: 4, arbitrary: edit.map((one): [Schema, Schema] => [previous, applyEdits(previous, [one])]) },
    { weight: 2, arbitrary: fc.array(edit, { minLength: 2, maxLength: 3 }).map((edits): [Schema, Schema] => [previous, applyEdits(previous, edits)]) },
    { weight: 1, arbitrary: objectSchema(2).map((next): [Schema, Schema] => [previous, next]) },
  ),
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, 1, 2, -1, 1.5, 0.5, '', 'a', 'bb', 'ccc', 'dddd', [], {}),
  fc.array(fc.constantFrom(0, 1, 'a'), { maxLength: 3 }),
);

/** Values shaped by `schema`: right kinds, values near its bounds and enum members, plus stray values. */
export function documentFor(schema: Json, depth = 3): fc.Arbitrary<unknown> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema) || depth === 0) return anyValue;
  const options: Array<fc.Arbitrary<unknown>> = [anyValue];
  if (Array.isArray(schema.enum)) options.push(fc.constantFrom(...schema.enum));
  if (schema.const !== undefined) options.push(fc.constant(schema.const));
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  for (const type of types) {
    if (type === 'string') options.push(fc.constantFrom('', 'a', 'bb', 'ccc', 'dddd'));
    if (type === 'integer' || type === 'number') options.push(fc.integer({ min: -2, max: 4 }));
    if (type === 'number') options.push(fc.constantFrom(0.5, 1.5, -0.5));
    if (type === 'null') options.push(fc.constant(null));
    if (type === 'array') options.push(fc.array(documentFor(schema.items ?? true, depth - 1), { maxLength: 4 }));
  }
  if (schema.type === 'object' || schema.properties !== undefined) {
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const declared = Object.fromEntries(Object.entries(properties).map(([name, member]) => [name, optional(documentFor(member, depth - 1))]));
    const extra = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), documentFor(schema.additionalProperties ?? true, depth - 1), { maxKeys: 2 });
    options.push(
      fc.tuple(fc.record(declared), extra).map(([known, more]) => ({ ...more, ...compact(known) as object })),
    );
  }
  return fc.oneof(...options);
}

/** Keywords whose value is one sub-schema, or a list or map of them: the places a mutation may replace. */
const SCHEMA_VALUED = new Set(['not', 'if', 'then', 'else', 'additionalProperties', 'items', 'contains', 'propertyNames']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

function allSlots(schema: Schema, set: (value: Schema) => void, found: Array<(value: Schema) => void>): void {
  found.push(set);
  if (typeof schema !== 'object') return;
  for (const [keyword, value] of Object.entries(schema)) {
    if (SCHEMA_VALUED.has(keyword)) allSlots(value as Schema, (next) => (schema[keyword] = next), found);
    if (SCHEMA_LISTS.has(keyword) && Array.isArray(value)) value.forEach((item, index) => allSlots(item as Schema, (next) => (value[index] = next), found));
    if (SCHEMA_MAPS.has(keyword) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const name of Object.keys(value)) allSlots(value[name] as Schema, (next) => (value[name] = next), found);
    }
  }
}

/** Schemas with combiners, conditionals, patternProperties and a recursive $ref. */
const combined: fc.Arbitrary<Schema> = fc.letrec<{ node: Schema }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: leafSchema },
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((branches) => ({ allOf: branches })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((branches) => ({ anyOf: branches })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((branches) => ({ oneOf: branches })),
    tie('node').map((inner) => ({ not: inner })),
    fc.tuple(tie('node'), tie('node'), tie('node')).map(([condition, then, otherwise]) => ({ if: condition, then, else: otherwise })),
    fc
      .record({
        type: optional(fc.constant('object')),
        properties: fc.dictionary(fc.constantFrom('a', 'x_1'), tie('node'), { maxKeys: 2 }),
        patternProperties: optional(fc.dictionary(fc.constantFrom('^x_', '^y_'), tie('node'), { maxKeys: 2 })),
        additionalProperties: optional(fc.oneof(fc.boolean(), stringSchema)),
        required: optional(fc.subarray(['a', 'x_1'], { minLength: 1 })),
        dependentRequired: optional(fc.constant({ a: ['x_1'] })),
      })
      .map(compact),
    fc
      .record({
        type: optional(fc.constant('array')),
        prefixItems: optional(fc.array(tie('node'), { maxLength: 2 })),
        items: optional(fc.oneof(fc.boolean(), tie('node'))),
        contains: optional(tie('node')),
        minContains: optional(fc.integer({ min: 0, max: 2 })),
        uniqueItems: optional(fc.boolean()),
      })
      .map(compact),
    fc
      .record({
        propertyNames: optional(fc.constantFrom<Json>({ maxLength: 1 }, { pattern: '^x' }, { enum: ['a', 'x_1'] })),
        minProperties: optional(fc.integer({ min: 0, max: 2 })),
        dependentSchemas: optional(fc.record({ a: tie('node') })),
      })
      .map(compact),
    fc.constant({ $ref: '#/$defs/tree' }),
  ),
})).node;

/** A tree definition referenced recursively, so `$ref` cycles are exercised. */
const tree: fc.Arbitrary<Schema> = fc
  .record({ type: fc.constant('object'), properties: fc.record({ value: leafSchema, children: fc.constant({ type: 'array', items: { $ref: '#/$defs/tree' } }) }) })
  .map((schema) => schema as Schema);

const withDefinitions = fc.tuple(combined, tree).map(([root, definition]): Schema => {
  const schema: Record<string, Json> = typeof root === 'object' ? { ...root } : { allOf: [root] };
  return { ...schema, $defs: { tree: definition } };
});

/** Two versions of a combiner-heavy schema: one sub-schema replaced, anywhere, including inside $defs. */
export const combinedPair: fc.Arbitrary<[Schema, Schema]> = withDefinitions.chain((previous) =>
  fc.tuple(fc.nat(), fc.oneof(leafSchema, combined)).map(([slot, replacement]): [Schema, Schema] => {
    let next = structuredClone(previous);
    const found: Array<(value: Schema) => void> = [];
    allSlots(next, (value) => (next = value), found);
    (found[slot % found.length] as (value: Schema) => void)(structuredClone(replacement));
    if (typeof next !== 'object' || next.$defs === undefined) next = { allOf: [next], $defs: (previous as Record<string, Json>).$defs as Json };
    return [previous, next];
  }),
);

/** Values for combiner schemas: drawn from every branch so that each alternative gets exercised. */
export function combinedDocument(schema: Json, root: Json, depth = 3): fc.Arbitrary<unknown> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema) || depth === 0) return anyValue;
  if (schema.$ref === '#/$defs/tree') {
    const definition = ((root as Record<string, Json>).$defs as Record<string, Json>).tree as Json;
    return combinedDocument(definition, root, depth - 1);
  }
  const options: Array<fc.Arbitrary<unknown>> = [documentFor(schema, depth)];
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) options.push(...branches.map((branch) => combinedDocument(branch, root, depth - 1)));
  }
  for (const keyword of ['then', 'else', 'if']) {
    if (schema[keyword] !== undefined) options.push(combinedDocument(schema[keyword] as Json, root, depth - 1));
  }
  const patterns = schema.patternProperties as Record<string, Json> | undefined;
  if (patterns) {
    const value = fc.oneof(...Object.values(patterns).map((member) => combinedDocument(member, root, depth - 1)), anyValue);
    options.push(fc.dictionary(fc.constantFrom('x_1', 'y_2', 'a', 'z'), value, { maxKeys: 3 }));
  }
  const properties = schema.properties as Record<string, Json> | undefined;
  if (properties) {
    const declared = Object.fromEntries(Object.entries(properties).map(([name, member]) => [name, optional(combinedDocument(member, root, depth - 1))]));
    options.push(fc.record(declared).map((known) => compact(known)));
  }
  if (schema.type === 'object' && (schema.properties as Record<string, Json> | undefined)?.children) {
    options.push(fc.record({ value: anyValue, children: fc.array(combinedDocument(schema, root, depth - 1), { maxLength: 2 }) }));
  }
  return fc.oneof(...options);
}

const TYPED_NAMES = ['foo', 'bar'] as const;
const rarely = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
const typedMember = fc.constantFrom<Schema>({ type: 'string' }, { type: 'number' }, { type: 'integer' }, { type: 'boolean' }, { type: ['string', 'null'] }, {});
const typedObject: fc.Arbitrary<Schema> = fc
  .record({
    properties: fc.dictionary(fc.constantFrom(...TYPED_NAMES), typedMember, { minKeys: 1, maxKeys: 2 }),
    required: rarely(fc.subarray([...TYPED_NAMES], { minLength: 1 })),
    additionalProperties: rarely(fc.constantFrom<Json>(false, true, { type: 'string' })),
  })
  .map(compact);

/** Combiners around objects with typed properties: where the lenient rule must see every conjunct at once. */
const typedCombined: fc.Arbitrary<Schema> = fc.letrec<{ node: Schema }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: typedObject },
    fc.array(tie('node'), { minLength: 1, maxLength: 2 }).map((branches) => ({ allOf: branches })),
    fc.array(tie('node'), { minLength: 1, maxLength: 2 }).map((branches) => ({ anyOf: branches })),
    fc.array(tie('node'), { minLength: 1, maxLength: 2 }).map((branches) => ({ oneOf: branches })),
    fc.tuple(typedObject, tie('node'), tie('node')).map(([condition, then, otherwise]) => ({ if: condition, then, else: otherwise })),
    fc.tuple(typedObject, tie('node')).map(([body, inner]) => ({ ...(body as object), allOf: [inner] })),
    fc.constant({ $ref: '#/$defs/base' }),
    tie('node').map((inner) => ({ properties: { nested: inner } })),
  ),
})).node;

/** Every schema under a `properties` map, as setters: the places a property's type can change. */
function propertySlots(schema: Json, found: Array<(value: Schema) => void>): void {
  if (typeof schema !== 'object' || schema === null) return;
  if (Array.isArray(schema)) return schema.forEach((member) => propertySlots(member, found));
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'properties' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const name of Object.keys(value)) found.push((next) => (value[name] = next));
    }
    propertySlots(value, found);
  }
}

/**
 * Two versions of a schema with combiners around typed properties: one property's type changed (the
 * edit the lenient rule got wrong), or one sub-schema (the shared $defs/base included) replaced.
 */
export const typedCombinerPair: fc.Arbitrary<[Schema, Schema]> = fc
  .tuple(fc.oneof(typedCombined.filter((root) => typeof root === 'object' && !('properties' in root && !('allOf' in root))), typedCombined), typedObject)
  .chain(([root, base]) => {
    const previous: Record<string, Json> = { ...(typeof root === 'object' ? root : { allOf: [root] }), $defs: { base } };
    const retype = fc.tuple(fc.nat(), typedMember).map(([slot, member]): [Schema, Schema] => {
      const next = structuredClone(previous);
      const found: Array<(value: Schema) => void> = [];
      propertySlots(next, found);
      (found[slot % found.length] as (value: Schema) => void)(structuredClone(member));
      return [previous, next];
    });
    const replace = fc.tuple(fc.nat(), fc.oneof(typedMember, typedObject, typedCombined)).map(([slot, replacement]): [Schema, Schema] => {
      let next: Schema = structuredClone(previous);
      const found: Array<(value: Schema) => void> = [];
      allSlots(next, (value) => (next = value), found);
      (found[slot % found.length] as (value: Schema) => void)(structuredClone(replacement));
      if (typeof next !== 'object' || next.$defs === undefined) next = { allOf: [next], $defs: structuredClone(previous.$defs as Json) };
      return [previous, next];
    });
    return fc.oneof({ weight: 3, arbitrary: retype }, { weight: 1, arbitrary: replace });
  });

/** Objects carrying the typed names (and a nested one) with values of every type. */
export const typedDocument: fc.Arbitrary<unknown> = fc.letrec<{ doc: unknown }>((tie) => ({
  doc: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, 1, 'a', true, 1.5, [], {}),
    fc
      .record({
        foo: optional(fc.constantFrom<Json>('', 'a', 0, 1, 1.5, true, null, [])),
        bar: optional(fc.constantFrom<Json>('', 0, 2.5, false, null, {})),
        nested: optional(tie('doc')),
        other: optional(fc.constantFrom<Json>(1, 'x')),
      })
      .map((record) => compact(record)),
  ),
})).doc;

/**
 * The previous version with every name it never constrains forbidden: `unevaluatedProperties: false` at
 * every instance location. The lenient rule promises soundness for exactly the documents this accepts.
 * `not` and `if` stay verbatim (closing inside them would loosen, not tighten), and `if` is wrapped in
 * a double negation so its annotations do not count as evaluating a name.
 */
export function closeOpenObjects(schema: Json, top = true): Json {
  if (schema === true || (typeof schema === 'object' && schema !== null && !Array.isArray(schema) && Object.keys(schema).length === 0)) {
    return top ? { unevaluatedProperties: false } : schema;
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const out: Record<string, Json> = {};
  const map = (value: Json, child: (member: Json) => Json): Json =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([key, member]) => [key, child(member)])) : value;
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'not') out[keyword] = value;
    else if (keyword === 'if') out[keyword] = { not: { not: value } };
    else if (keyword === 'additionalProperties' && (value === true || (typeof value === 'object' && value !== null && Object.keys(value).length === 0))) continue;
    else if (['properties', 'patternProperties'].includes(keyword)) out[keyword] = map(value, (member) => closeOpenObjects(member, true));
    else if (['$defs', 'dependentSchemas'].includes(keyword)) out[keyword] = map(value, (member) => closeOpenObjects(member, false));
    else if (['allOf', 'anyOf', 'oneOf'].includes(keyword) && Array.isArray(value)) out[keyword] = value.map((member) => closeOpenObjects(member, false));
    else if (['then', 'else'].includes(keyword)) out[keyword] = closeOpenObjects(value, false);
    else if (['additionalProperties', 'items', 'contains', 'additionalItems'].includes(keyword)) out[keyword] = Array.isArray(value) ? value.map((m) => closeOpenObjects(m, true)) : closeOpenObjects(value, true);
    else if (keyword === 'prefixItems' && Array.isArray(value)) out[keyword] = value.map((member) => closeOpenObjects(member, true));
    else out[keyword] = value;
  }
  if (top && out.unevaluatedProperties === undefined) out.unevaluatedProperties = false;
  return out;
}

/** Property names a schema mentions (declared, required), plus names it does not. */
function mentionedNames(schema: Json, found = new Set<string>(['x', 'z'])): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => mentionedNames(item, found));
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && typeof value === 'object' && value !== null && !Array.isArray(value)) Object.keys(value).forEach((name) => found.add(name));
      if (key === 'required' && Array.isArray(value)) value.forEach((name) => typeof name === 'string' && found.add(name));
      mentionedNames(value, found);
    }
  }
  return found;
}

/**
 * Any small document: scalars from the tiny domains the generators use, and arrays and objects (with the
 * names `schemas` mention) nesting them; shape-blind, so it reaches what schema-shaped generators miss.
 */
export function anyDocument(schemas: Json[]): fc.Arbitrary<unknown> {
  const names = [...schemas.reduce((set, schema) => mentionedNames(schema, set), new Set<string>(['x', 'z']))];
  const scalar = fc.constantFrom<unknown>(null, true, false, 0, 1, 2, -1, 1.5, '', 'a', 'bb', 'ccc', 'dddd', 's');
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 3, arbitrary: scalar },
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...names), tie('value'), { maxKeys: 3 }),
    ),
  })).value;
}

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const member = fc.oneof(stringSchema, numberSchema, fc.constantFrom<Schema>(true, false, { type: 'boolean' }, { type: ['string', 'integer'] }));
const restOf = optional(fc.oneof(fc.boolean(), member));

/** Tuple arrays: 2020-12 `prefixItems` with `items` after them, and draft-07 `items` arrays with `additionalItems`. */
const tuple: fc.Arbitrary<Schema> = fc.oneof(
  fc.record({ type: optional(fc.constant('array')), prefixItems: fc.array(member, { maxLength: 3 }), items: restOf, minItems: optional(fc.integer({ min: 0, max: 2 })) }).map(compact),
  fc.record({ $schema: fc.constant(DRAFT_07), type: optional(fc.constant('array')), items: fc.oneof(fc.array(member, { maxLength: 3 }), member), additionalItems: restOf, maxItems: optional(fc.integer({ min: 1, max: 3 })) }).map(compact),
);

/** Two versions of a tuple: a position replaced, added or dropped, or the rest replaced or removed. */
export const tuplePair: fc.Arbitrary<[Schema, Schema]> = tuple.chain((previous) =>
  fc.tuple(fc.nat(), member, fc.constantFrom('replace', 'append', 'drop', 'rest', 'unrest')).map(([n, replacement, op]): [Schema, Schema] => {
    const next = structuredClone(previous) as Record<string, Json>;
    const [positionsKey, restKey] = next.$schema === DRAFT_07 ? ['items', 'additionalItems'] : ['prefixItems', 'items'];
    const positions = next[positionsKey];
    if (op === 'rest') next[restKey] = replacement;
    else if (op === 'unrest') delete next[restKey];
    else if (!Array.isArray(positions)) next[positionsKey] = op === 'drop' ? [] : replacement;
    else if (op === 'replace' && positions.length > 0) positions[n % positions.length] = replacement;
    else if (op === 'drop') positions.pop();
    else positions.push(replacement);
    return [previous, next];
  }),
);

const openObject: fc.Arbitrary<Schema> = fc
  .record({
    type: optional(fc.constant('object')),
    properties: fc.dictionary(fc.constantFrom('a', 'b'), member, { maxKeys: 2 }),
    patternProperties: optional(fc.dictionary(fc.constantFrom('^x'), member, { maxKeys: 1 })),
    additionalProperties: optional(fc.oneof(fc.boolean(), member)),
    required: optional(fc.subarray(['a', 'b'], { minLength: 1 })),
  })
  .map(compact);

/** Two versions of an object: additionalProperties narrowed, widened or removed, or a property added, removed or changed. */
export const additionalPropertiesPair: fc.Arbitrary<[Schema, Schema]> = openObject.chain((previous) =>
  fc.tuple(fc.constantFrom('a', 'b'), fc.oneof(fc.boolean(), member), fc.constantFrom('rest', 'unrest', 'property', 'unproperty')).map(([name, replacement, op]): [Schema, Schema] => {
    const next = structuredClone(previous) as Record<string, Json>;
    const properties = next.properties as Record<string, Json>;
    if (op === 'rest') next.additionalProperties = replacement;
    else if (op === 'unrest') delete next.additionalProperties;
    else if (op === 'property') properties[name] = replacement;
    else delete properties[name];
    return [previous, next];
  }),
);
