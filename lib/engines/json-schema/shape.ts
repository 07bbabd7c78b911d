/**
 * A definition reduced to the shape of the documents it accepts: which types, which properties (and
 * which are required), which items, with their annotations. Internal `$ref`s are followed, `allOf`
 * branches merged, `anyOf`/`oneOf` branches unioned. describeFields and defaultValue read this.
 * Conditional keywords (`if`/`then`/`else`, `not`, `dependentSchemas`) and `patternProperties` do not
 * name fields and are left out.
 */
import { ValidationError } from '../../errors.js';
import type { FieldType, Json } from '../types.js';
import { SQL_HINTS_KEYWORD } from './names.js';
import { jsonBytes, type OutputBudget } from './output-budget.js';
import type { SchemaIndex } from './refs.js';
import { type JsonObject } from './walk.js';
import { isObject } from '../../util/json.js';

/** A concrete JSON type, `null` included. */
export type JsonType = Exclude<FieldType, 'any'>;

export interface Shape {
  /** Accepted types, `null` included; undefined when unconstrained. */
  types?: Set<JsonType>;
  properties: Map<string, Shape>;
  required: Set<string>;
  items?: Shape;
  description?: string;
  default?: Json;
  /** Allowed values, from `enum` or `const`. */
  enum?: Json[];
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  annotations?: Record<string, Json>;
}

/** Most schemas a definition may expand to when its `$ref`s are followed (shared `$defs` multiply). */
export const MAX_EXPANDED_SCHEMAS = 20_000;
/** Fields nested deeper than this (only possible through `$ref`s) are described without children. */
export const MAX_FIELD_DEPTH = 32;

const JSON_TYPES: ReadonlySet<string> = new Set(['string', 'integer', 'number', 'boolean', 'object', 'array', 'null']);

function emptyShape(): Shape {
  return { properties: new Map(), required: new Set() };
}

function jsonTypeOf(value: Json): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as 'string' | 'boolean' | 'object';
}

/** Whether a shape can hold a value of `type` (an integer shape holds numbers that are integers). */
function admits(shape: Shape, type: JsonType): boolean {
  if (shape.types === undefined) return true;
  if (type === 'number') return shape.types.has('number') || shape.types.has('integer');
  return shape.types.has(type);
}

function intersectTypes(a: Set<JsonType> | undefined, b: Set<JsonType> | undefined): Set<JsonType> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const out = new Set<JsonType>();
  for (const t of a) {
    if (b.has(t)) out.add(t);
    else if ((t === 'integer' && b.has('number')) || (t === 'number' && b.has('integer'))) out.add('integer');
  }
  return out;
}

/** Cost, in budget bytes, of merging one property map entry. */
const PROPERTY_MERGE_BYTES = 16;

/** Charges a merge of two shapes: its enums are compared by their JSON, its property maps copied. */
function chargeMerge(a: Shape, b: Shape, budget: OutputBudget): void {
  budget.spend((a.properties.size + b.properties.size) * PROPERTY_MERGE_BYTES);
  if (a.enum && b.enum) budget.spend(jsonBytes(a.enum) + jsonBytes(b.enum));
}

/** The values of `a` that `b` also allows (equal JSON text), in linear time. */
function commonValues(a: Json[], b: Json[]): Json[] {
  const inB = new Set(b.map((v) => JSON.stringify(v)));
  return a.filter((v) => inB.has(JSON.stringify(v)));
}

/** The values of `a`, then those of `b` that `a` lacks, in linear time. */
function eitherValues(a: Json[], b: Json[]): Json[] {
  const inA = new Set(a.map((v) => JSON.stringify(v)));
  return [...a, ...b.filter((v) => !inA.has(JSON.stringify(v)))];
}

function tighter(a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number): number | undefined {
  return a === undefined ? b : b === undefined ? a : pick(a, b);
}

/** Both shapes hold: the value must satisfy each. */
function intersect(a: Shape, b: Shape, budget: OutputBudget): Shape {
  chargeMerge(a, b, budget);
  const properties = new Map(a.properties);
  for (const [name, shape] of b.properties) {
    const mine = properties.get(name);
    properties.set(name, mine ? intersect(mine, shape, budget) : shape);
  }
  return {
    types: intersectTypes(a.types, b.types),
    properties,
    required: new Set([...a.required, ...b.required]),
    items: a.items && b.items ? intersect(a.items, b.items, budget) : (a.items ?? b.items),
    description: a.description ?? b.description,
    default: a.default ?? b.default,
    enum: a.enum && b.enum ? commonValues(a.enum, b.enum) : (a.enum ?? b.enum),
    format: a.format ?? b.format,
    maxLength: tighter(a.maxLength, b.maxLength, Math.min),
    minimum: tighter(a.minimum, b.minimum, Math.max),
    maximum: tighter(a.maximum, b.maximum, Math.min),
    exclusiveMinimum: tighter(a.exclusiveMinimum, b.exclusiveMinimum, Math.max),
    exclusiveMaximum: tighter(a.exclusiveMaximum, b.exclusiveMaximum, Math.min),
    minItems: tighter(a.minItems, b.minItems, Math.max),
    annotations: a.annotations || b.annotations ? { ...b.annotations, ...a.annotations } : undefined,
  };
}

/**
 * One of the shapes holds. A constraint survives when every branch that admits its type has it
 * (combined loosely); branches of other types (e.g. the `null` of a nullable union) do not weaken it.
 */
function unite(a: Shape, b: Shape, budget: OutputBudget): Shape {
  chargeMerge(a, b, budget);
  /** The constraint of the branches that admit `type`: one branch's as is, both branches' combined. */
  const pick = <T>(type: JsonType, x: T | undefined, y: T | undefined, combine: (x: T, y: T) => T | undefined): T | undefined => {
    const [inA, inB] = [admits(a, type), admits(b, type)];
    if (inA && !inB) return x;
    if (inB && !inA) return y;
    return inA && x !== undefined && y !== undefined ? combine(x, y) : undefined;
  };
  const onlyNull = (s: Shape) => s.types !== undefined && [...s.types].every((t) => t === 'null');

  const [objA, objB] = [admits(a, 'object'), admits(b, 'object')];
  const properties = new Map<string, Shape>(objA ? a.properties : []);
  if (objB) {
    for (const [name, shape] of b.properties) {
      const mine = properties.get(name);
      properties.set(name, mine ? unite(mine, shape, budget) : shape);
    }
  }
  const required = pick('object', a.required, b.required, (x, y) => new Set([...x].filter((n) => y.has(n)))) ?? new Set<string>();
  // Items and properties describe fields even when only one branch declares them.
  const [arrA, arrB] = [admits(a, 'array'), admits(b, 'array')];
  const items = arrA && arrB && a.items && b.items ? unite(a.items, b.items, budget) : ((arrA ? a.items : undefined) ?? (arrB ? b.items : undefined));

  let enumValues: Json[] | undefined;
  if (a.enum && b.enum) enumValues = eitherValues(a.enum, b.enum);
  else if (a.enum && onlyNull(b)) enumValues = a.enum;
  else if (b.enum && onlyNull(a)) enumValues = b.enum;

  return {
    types: a.types && b.types ? new Set([...a.types, ...b.types]) : undefined,
    properties,
    required,
    items,
    description: a.description ?? b.description,
    default: a.default ?? b.default,
    enum: enumValues,
    format: pick('string', a.format, b.format, (x, y) => (x === y ? x : undefined)),
    maxLength: pick('string', a.maxLength, b.maxLength, Math.max),
    minimum: pick('number', a.minimum, b.minimum, Math.min),
    maximum: pick('number', a.maximum, b.maximum, Math.max),
    exclusiveMinimum: pick('number', a.exclusiveMinimum, b.exclusiveMinimum, Math.min),
    exclusiveMaximum: pick('number', a.exclusiveMaximum, b.exclusiveMaximum, Math.max),
    minItems: pick('array', a.minItems, b.minItems, Math.min),
    annotations: a.annotations || b.annotations ? { ...b.annotations, ...a.annotations } : undefined,
  };
}

interface Expansion {
  index: SchemaIndex;
  /** `$ref` targets being expanded on the current field path: meeting one again is recursion. */
  expanding: Set<JsonObject>;
  /** Schemas still allowed to be expanded. */
  budget: number;
  /** Work spent merging shapes, counted against the output budget of the caller. */
  output: OutputBudget;
}

/** The shape of the documents `definition` accepts; `index` is the definition's reference index. */
export function shapeOf(definition: Json, index: SchemaIndex, output: OutputBudget): Shape {
  const root = isObject<Json>(definition) ? definition : undefined;
  const expansion: Expansion = { index, expanding: new Set(root ? [root] : []), budget: MAX_EXPANDED_SCHEMAS, output };
  return shapeOfSchema(definition, expansion, 0);
}

/**
 * The shape of one schema. `depth` counts fields from the root; `shallow` shapes (a recursive `$ref`
 * met again, or a field deeper than MAX_FIELD_DEPTH) keep types and annotations but no children.
 * Termination of shallow expansion relies on check.ts having refused reference cycles that never
 * descend into a property or item.
 */
function shapeOfSchema(schema: Json, expansion: Expansion, depth: number, shallow = false): Shape {
  if (schema === false) return { ...emptyShape(), types: new Set() };
  if (!isObject<Json>(schema)) return emptyShape();
  if (--expansion.budget < 0) {
    throw new ValidationError(`definition expands to more than ${MAX_EXPANDED_SCHEMAS} schemas when its $refs are followed; share fewer $defs between properties`, {
      errors: [{ path: '', keyword: '$ref', message: `definition expands to more than ${MAX_EXPANDED_SCHEMAS} schemas` }],
    });
  }
  let shape = ownShape(schema, expansion, depth, shallow || depth >= MAX_FIELD_DEPTH);

  for (const keyword of ['$ref', '$dynamicRef', '$recursiveRef']) {
    const ref = schema[keyword];
    if (typeof ref !== 'string') continue;
    const resolution = expansion.index.resolve(ref, expansion.index.bases.get(schema) ?? '');
    if (resolution.kind !== 'found') continue;
    const target = resolution.target;
    if (isObject<Json>(target) && !shallow && !expansion.expanding.has(target)) {
      expansion.expanding.add(target);
      shape = intersect(shape, shapeOfSchema(target, expansion, depth), expansion.output);
      expansion.expanding.delete(target);
    } else {
      shape = intersect(shape, shapeOfSchema(target, expansion, depth, true), expansion.output);
    }
  }
  for (const branch of asList(schema.allOf)) shape = intersect(shape, shapeOfSchema(branch, expansion, depth, shallow), expansion.output);
  for (const keyword of ['anyOf', 'oneOf']) {
    const branches = asList(schema[keyword]).map((branch) => shapeOfSchema(branch, expansion, depth, shallow));
    if (branches.length > 0) shape = intersect(shape, branches.reduce((a, b) => unite(a, b, expansion.output)), expansion.output);
  }
  return shape;
}

function asList(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function numberOrUndefined(value: Json | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** What the schema says itself, before references and combinators. */
function ownShape(schema: JsonObject, expansion: Expansion, depth: number, shallow: boolean): Shape {
  const shape = emptyShape();
  const declared = typeof schema.type === 'string' ? [schema.type] : asList(schema.type);
  const types = declared.filter((t): t is JsonType => typeof t === 'string' && JSON_TYPES.has(t));
  const values = schema.const !== undefined ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
  if (types.length > 0) shape.types = new Set(types);
  else if (values) shape.types = new Set(values.map(jsonTypeOf));
  if (values) shape.enum = values;
  if (typeof schema.description === 'string') shape.description = schema.description;
  if (schema.default !== undefined) shape.default = schema.default;
  if (typeof schema.format === 'string') shape.format = schema.format;
  shape.maxLength = numberOrUndefined(schema.maxLength);
  shape.minimum = numberOrUndefined(schema.minimum);
  shape.maximum = numberOrUndefined(schema.maximum);
  shape.exclusiveMinimum = numberOrUndefined(schema.exclusiveMinimum);
  shape.exclusiveMaximum = numberOrUndefined(schema.exclusiveMaximum);
  shape.minItems = numberOrUndefined(schema.minItems);
  const hints = schema[SQL_HINTS_KEYWORD];
  if (isObject<Json>(hints)) shape.annotations = { [SQL_HINTS_KEYWORD]: hints };
  for (const name of asList(schema.required)) if (typeof name === 'string') shape.required.add(name);
  if (shallow) return shape;

  if (isObject<Json>(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      shape.properties.set(name, shapeOfSchema(property, expansion, depth + 1));
    }
  }
  // Tuples (draft-07/2019-09 `items: [...]`, 2020-12 `prefixItems`) describe their items as one union.
  const tuple = Array.isArray(schema.items) ? [...schema.items, schema.additionalItems] : Array.isArray(schema.prefixItems) ? [...schema.prefixItems, schema.items] : [schema.items];
  const itemShapes = tuple.filter((s) => s !== undefined).map((s) => shapeOfSchema(s as Json, expansion, depth + 1));
  if (itemShapes.length > 0) shape.items = itemShapes.reduce((a, b) => unite(a, b, expansion.output));
  return shape;
}
