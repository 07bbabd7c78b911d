/**
 * Traversal of the schema positions of a definition. Only subschemas are visited: values of `const`,
 * `enum`, `default`, `examples` and `x-sql` are data, so a `$ref` or `pattern` inside them means nothing.
 * The keyword tables are the union of draft-07, 2019-09 and 2020-12; a keyword that is wrong for the
 * definition's draft is refused by ajv's strict mode anyway.
 */
import type { Json } from '../types.js';
import { isObject } from '../../util/json.js';
import { escapePointerToken } from '../../util/json-pointer.js';

export type JsonObject = { [key: string]: Json };

/** Keywords whose value is one subschema. `items` may also be an array (draft-07 / 2019-09 tuples). */
const SINGLE = [
  'not', 'if', 'then', 'else', 'items', 'additionalItems', 'additionalProperties', 'unevaluatedItems',
  'unevaluatedProperties', 'contains', 'propertyNames', 'contentSchema',
];
/** Keywords whose value is an array of subschemas. */
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** Keywords whose value maps names to subschemas (`dependencies` also holds arrays of names). */
export const SUBSCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies']);
/** Keywords that apply their subschemas to the same value rather than to a part of it. */
const IN_PLACE = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas', 'dependencies']);

export interface Subschema {
  schema: JsonObject | boolean;
  pointer: string;
  /** Applied to the same value as its parent (a combinator), not to a property or an item. */
  inPlace: boolean;
}

function isSchema(value: Json | undefined): value is JsonObject | boolean {
  return typeof value === 'boolean' || isObject<Json>(value);
}

/** The direct subschemas of `schema`, with their JSON pointers (children of `pointer`). */
export function subschemas(schema: JsonObject, pointer: string): Subschema[] {
  const found: Subschema[] = [];
  const add = (value: Json | undefined, at: string, keyword: string) => {
    if (isSchema(value)) found.push({ schema: value, pointer: at, inPlace: IN_PLACE.has(keyword) });
  };
  for (const keyword of SINGLE) add(schema[keyword], `${pointer}/${keyword}`, keyword);
  for (const keyword of LIST) {
    const list = schema[keyword];
    if (Array.isArray(list)) list.forEach((item, i) => add(item, `${pointer}/${keyword}/${i}`, keyword));
  }
  for (const keyword of SUBSCHEMA_MAPS) {
    const map = schema[keyword];
    if (!isObject<Json>(map)) continue;
    for (const [name, value] of Object.entries(map)) add(value, `${pointer}/${keyword}/${escapePointerToken(name)}`, keyword);
  }
  return found;
}

/**
 * Visits every schema object of a definition depth-first. `visit` returns the state its subschemas
 * see (e.g. the base URI after an `$id`).
 */
export function walkSchemas<S>(root: Json, initial: S, visit: (schema: JsonObject, pointer: string, state: S) => S): void {
  const walk = (schema: Json, pointer: string, state: S): void => {
    if (!isObject<Json>(schema)) return;
    const inner = visit(schema, pointer, state);
    for (const child of subschemas(schema, pointer)) walk(child.schema, child.pointer, inner);
  };
  walk(root, '', initial);
}
