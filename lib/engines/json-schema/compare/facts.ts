/**
 * Pure readings of one schema object: which instance kinds it can accept, its allowed values, numeric
 * bounds, tuple shape and dependencies, with every dialect's spelling folded into one form.
 */
import type { Json } from '../../types.js';
import { isObject } from '../../../util/json.js';
import { type JsonObject, jsonEqual, own } from './json.js';

/** Instance kinds; `number` is split so that `integer` is a proper subset of it. */
export type Kind = 'null' | 'boolean' | 'integer' | 'fraction' | 'string' | 'array' | 'object';

const ALL_KINDS: ReadonlySet<Kind> = new Set<Kind>(['null', 'boolean', 'integer', 'fraction', 'string', 'array', 'object']);

const KINDS_OF_TYPE: Record<string, Kind[]> = {
  null: ['null'],
  boolean: ['boolean'],
  integer: ['integer'],
  number: ['integer', 'fraction'],
  string: ['string'],
  array: ['array'],
  object: ['object'],
};

function kindOf(value: Json): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'fraction';
  return typeof value as 'boolean' | 'string' | 'object';
}

/** Kinds the `type` keyword lets through; every kind when it is absent or malformed. */
export function declaredKinds(schema: JsonObject): Set<Kind> {
  const type = own(schema, 'type');
  const names = typeof type === 'string' ? [type] : Array.isArray(type) ? type : undefined;
  if (!names || !names.every((name) => typeof name === 'string' && Object.hasOwn(KINDS_OF_TYPE, name))) return new Set(ALL_KINDS);
  return new Set(names.flatMap((name) => KINDS_OF_TYPE[name as string] ?? []));
}

export interface AllowedValues {
  values: Json[];
  keyword: 'const' | 'enum';
}

/** The finite set `const`/`enum` allow (`const` is a one-value enum), or undefined when unrestricted. */
export function allowedValues(schema: JsonObject): AllowedValues | undefined {
  const constant = own(schema, 'const');
  const list = own(schema, 'enum');
  const enumValues = Array.isArray(list) ? list : undefined;
  if (constant !== undefined) {
    const values = !enumValues || enumValues.some((value) => jsonEqual(value, constant)) ? [constant] : [];
    return { values, keyword: 'const' };
  }
  return enumValues ? { values: enumValues, keyword: 'enum' } : undefined;
}

/**
 * A superset of the kinds of instances the schema's own keywords accept (`type` narrowed by `enum`/`const`),
 * ignoring combiners, so it is safe to use for "this keyword can never apply" reasoning.
 */
export function possibleKinds(schema: Json): ReadonlySet<Kind> {
  if (schema === false) return NO_KINDS;
  if (!isObject(schema)) return ALL_KINDS;
  let kinds = possibleCache.get(schema);
  if (!kinds) {
    const declared = declaredKinds(schema);
    const allowed = allowedValues(schema);
    const valueKinds = allowed ? new Set(allowed.values.map(kindOf)) : undefined;
    kinds = valueKinds ? new Set([...declared].filter((kind) => valueKinds.has(kind))) : declared;
    possibleCache.set(schema, kinds);
  }
  return kinds;
}

const NO_KINDS: ReadonlySet<Kind> = new Set();
/** Hot in every comparison step; schemas are immutable JSON, so caching per object is safe. */
const possibleCache = new WeakMap<object, ReadonlySet<Kind>>();

export function overlaps<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return [...a].some((item) => b.has(item));
}

export interface Bound {
  value: number;
  exclusive: boolean;
  keyword: string;
}

/**
 * The effective lower (`side = 'minimum'`) or upper bound: the tighter of `minimum` and a numeric
 * `exclusiveMinimum`, with the draft-04 form (`exclusiveMinimum: true` beside `minimum`) folded in.
 */
export function bound(schema: JsonObject, side: 'minimum' | 'maximum'): Bound | undefined {
  const exclusiveKeyword = side === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
  const inclusive = own(schema, side);
  const exclusive = own(schema, exclusiveKeyword);
  const candidates: Bound[] = [];
  if (typeof inclusive === 'number') {
    candidates.push({ value: inclusive, exclusive: exclusive === true, keyword: side });
  }
  if (typeof exclusive === 'number') candidates.push({ value: exclusive, exclusive: true, keyword: exclusiveKeyword });
  const sign = side === 'minimum' ? 1 : -1;
  return candidates.reduce<Bound | undefined>((tightest, candidate) => {
    if (!tightest) return candidate;
    const delta = sign * (candidate.value - tightest.value);
    return delta > 0 || (delta === 0 && candidate.exclusive) ? candidate : tightest;
  }, undefined);
}

/** Every value within `inner` is within `outer` (undefined = unbounded). */
export function boundWithin(inner: Bound | undefined, outer: Bound | undefined, side: 'minimum' | 'maximum'): boolean {
  if (!outer) return true;
  if (!inner) return false;
  const sign = side === 'minimum' ? 1 : -1;
  const delta = sign * (inner.value - outer.value);
  return delta > 0 || (delta === 0 && (inner.exclusive || !outer.exclusive));
}

/** Exact decimal form of a finite number as mantissa * 10^exponent, so 0.3 / 0.1 does not round. */
function decimal(value: number): { mantissa: bigint; exponent: number } {
  const [digits = '0', exp = '0'] = value.toExponential().split('e');
  const [whole = '0', fraction = ''] = digits.split('.');
  return { mantissa: BigInt(whole + fraction), exponent: Number(exp) - fraction.length };
}

/** `value` is an integer multiple of `divisor` (both positive finite numbers), computed exactly. */
export function isMultiple(value: number, divisor: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(divisor) || divisor <= 0) return false;
  const a = decimal(value);
  const b = decimal(divisor);
  const exponent = Math.min(a.exponent, b.exponent);
  const scaledA = a.mantissa * 10n ** BigInt(a.exponent - exponent);
  const scaledB = b.mantissa * 10n ** BigInt(b.exponent - exponent);
  return scaledA % scaledB === 0n;
}

export interface Positioned {
  schema: Json;
  /** The keyword that holds it, e.g. `items` (draft-07 tuple) or `prefixItems` (2020-12). */
  keyword: string;
}

export interface TupleForm {
  prefix: Positioned[];
  /** Applies to every position past the prefix; `keyword` is undefined when absent (then `true`). */
  rest: { schema: Json; keyword: string | undefined };
}

/** Array items in one shape: draft-07 `items: [..]` + `additionalItems`, or 2020-12 `prefixItems` + `items`. */
export function tupleForm(schema: JsonObject): TupleForm {
  const items = own(schema, 'items');
  const prefixItems = own(schema, 'prefixItems');
  const additionalItems = own(schema, 'additionalItems');
  if (Array.isArray(items)) {
    return {
      prefix: items.map((item) => ({ schema: item, keyword: 'items' })),
      rest: additionalItems === undefined ? { schema: true, keyword: undefined } : { schema: additionalItems, keyword: 'additionalItems' },
    };
  }
  const prefix = Array.isArray(prefixItems) ? prefixItems.map((item) => ({ schema: item, keyword: 'prefixItems' })) : [];
  return { prefix, rest: items === undefined ? { schema: true, keyword: undefined } : { schema: items, keyword: 'items' } };
}

export interface Dependencies {
  /** `dependencies` (array form) and `dependentRequired`: key -> names required when key is present. */
  required: Map<string, { names: string[]; keyword: string }>;
  /** `dependencies` (schema form) and `dependentSchemas`: key -> schema applied when key is present. */
  schemas: Map<string, { schema: Json; keyword: string }>;
}

export function dependencies(schema: JsonObject): Dependencies {
  const result: Dependencies = { required: new Map(), schemas: new Map() };
  const add = (keyword: string, value: Json | undefined, form: 'any' | 'names' | 'schemas'): void => {
    if (!isObject(value)) return;
    for (const [key, dependency] of Object.entries(value)) {
      if (Array.isArray(dependency) && form !== 'schemas') {
        const previous = result.required.get(key)?.names ?? [];
        const names = dependency.filter((name): name is string => typeof name === 'string');
        result.required.set(key, { names: [...previous, ...names], keyword });
      } else if ((isObject(dependency) || typeof dependency === 'boolean') && form !== 'names') {
        const previous = result.schemas.get(key);
        // Both spellings on one key apply together.
        result.schemas.set(key, previous ? { schema: { allOf: [previous.schema, dependency] }, keyword } : { schema: dependency, keyword });
      }
    }
  };
  add('dependencies', own(schema, 'dependencies'), 'any');
  add('dependentRequired', own(schema, 'dependentRequired'), 'names');
  add('dependentSchemas', own(schema, 'dependentSchemas'), 'schemas');
  return result;
}

/** String array keyword (e.g. `required`) as a set; malformed entries are ignored. */
export function nameSet(value: Json | undefined): Set<string> {
  return new Set(Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : []);
}

/** A non-negative count keyword (minLength, maxItems, ...), or undefined when absent or malformed. */
export function count(schema: JsonObject, keyword: string): number | undefined {
  const value = own(schema, keyword);
  return typeof value === 'number' && value >= 0 ? value : undefined;
}
