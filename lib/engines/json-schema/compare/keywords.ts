/** How the comparator classifies JSON Schema keywords (draft-04 to 2020-12; shared keywords mean the same). */
import { isObject } from '../../../util/json.js';

/** Keywords that never change which documents validate. `x-` extensions are annotations too. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  '$id',
  'id',
  '$schema',
  '$anchor',
  '$dynamicAnchor',
  '$recursiveAnchor',
  '$vocabulary',
  'contentSchema',
  // Definitions only matter through a $ref, and the comparator follows every $ref.
  'definitions',
  '$defs',
]);

/** Keywords that combine whole sub-schemas applied to the same instance. */
export const COMBINERS = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', '$ref']);

/** Assertions the comparator understands, grouped by the instance type they constrain (`any` = every type). */
export const ASSERTIONS = {
  any: ['type', 'enum', 'const', 'format'],
  number: ['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum'],
  string: ['maxLength', 'minLength', 'pattern', 'contentEncoding', 'contentMediaType'],
  array: ['items', 'prefixItems', 'additionalItems', 'contains', 'minContains', 'maxContains', 'maxItems', 'minItems', 'uniqueItems', 'unevaluatedItems'],
  object: [
    'properties',
    'patternProperties',
    'additionalProperties',
    'required',
    'dependencies',
    'dependentRequired',
    'dependentSchemas',
    'propertyNames',
    'maxProperties',
    'minProperties',
    'unevaluatedProperties',
  ],
} as const;

const KNOWN_ASSERTIONS = new Set<string>([...Object.values(ASSERTIONS).flat(), ...COMBINERS]);

export function isAnnotation(keyword: string): boolean {
  return ANNOTATIONS.has(keyword) || keyword.startsWith('x-');
}

/** Neither an annotation nor an assertion the comparator understands (e.g. `$dynamicRef`, a vendor keyword). */
export function isUnknownKeyword(keyword: string): boolean {
  return !isAnnotation(keyword) && !KNOWN_ASSERTIONS.has(keyword);
}

const TYPE_NAMES = new Set(['null', 'boolean', 'integer', 'number', 'string', 'array', 'object']);
const isSchema = (value: unknown): boolean => typeof value === 'boolean' || isObject(value);
const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value >= 0;

const SHAPES: Record<string, (value: unknown) => boolean> = {
  type: (value) =>
    (typeof value === 'string' && TYPE_NAMES.has(value)) ||
    (Array.isArray(value) && value.every((name) => typeof name === 'string' && TYPE_NAMES.has(name))),
  enum: Array.isArray,
  const: () => true,
  multipleOf: (value) => typeof value === 'number' && value > 0,
  maximum: (value) => typeof value === 'number',
  minimum: (value) => typeof value === 'number',
  exclusiveMaximum: (value) => typeof value === 'number' || typeof value === 'boolean',
  exclusiveMinimum: (value) => typeof value === 'number' || typeof value === 'boolean',
  maxLength: isCount,
  minLength: isCount,
  maxItems: isCount,
  minItems: isCount,
  maxProperties: isCount,
  minProperties: isCount,
  maxContains: isCount,
  minContains: isCount,
  pattern: (value) => typeof value === 'string',
  format: (value) => typeof value === 'string',
  contentEncoding: (value) => typeof value === 'string',
  contentMediaType: (value) => typeof value === 'string',
  uniqueItems: (value) => typeof value === 'boolean',
  required: (value) => Array.isArray(value) && value.every((name) => typeof name === 'string'),
  items: (value) => isSchema(value) || Array.isArray(value),
  prefixItems: Array.isArray,
  allOf: (value) => Array.isArray(value) && value.length > 0,
  anyOf: (value) => Array.isArray(value) && value.length > 0,
  oneOf: (value) => Array.isArray(value) && value.length > 0,
  properties: isObject,
  patternProperties: isObject,
  dependencies: isObject,
  dependentRequired: isObject,
  dependentSchemas: isObject,
  $ref: (value) => typeof value === 'string',
};

/** Whether an assertion keyword's value has the shape the specification requires (absent counts as fine). */
export function wellFormed(keyword: string, value: unknown): boolean {
  if (value === undefined) return true;
  if (Object.hasOwn(SHAPES, keyword)) return (SHAPES[keyword] as (value: unknown) => boolean)(value);
  // Every other assertion this module knows takes a sub-schema.
  return !KNOWN_ASSERTIONS.has(keyword) || isSchema(value);
}

/** Keywords that read each other: two schemas splitting one of these groups cannot simply be merged. */
const INTERACTING = [
  ['properties', 'patternProperties', 'additionalProperties'],
  ['items', 'prefixItems', 'additionalItems'],
  ['if', 'then', 'else'],
  ['contains', 'minContains', 'maxContains'],
  ['minimum', 'exclusiveMinimum'],
  ['maximum', 'exclusiveMaximum'],
];
/** Keywords that depend on everything evaluated beside them. */
const GLOBAL = new Set(['unevaluatedProperties', 'unevaluatedItems', '$dynamicRef', '$recursiveRef']);

/**
 * Whether `{...a, ...b}` accepts exactly the documents both accept: no assertion appears in both, no
 * interacting group is split between them, and nothing depends on its neighbours.
 */
export function independentKeywords(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const assertions = (schema: Record<string, unknown>): string[] => Object.keys(schema).filter((key) => !isAnnotation(key));
  const keysA = new Set(assertions(a));
  const keysB = assertions(b);
  if ([...keysA, ...keysB].some((key) => GLOBAL.has(key))) return false;
  return keysB.every((key) => {
    const group = INTERACTING.find((members) => members.includes(key)) ?? [key];
    return group.every((member) => !keysA.has(member));
  });
}
