import type { Json } from '../types.js';
import type { JsonType, Shape } from './shape.js';

function numberWithin(shape: Shape, integer: boolean): number {
  let value = 0;
  if (shape.minimum !== undefined && value < shape.minimum) value = shape.minimum;
  if (shape.exclusiveMinimum !== undefined && value <= shape.exclusiveMinimum) value = shape.exclusiveMinimum + 1;
  if (shape.maximum !== undefined && value > shape.maximum) value = shape.maximum;
  if (shape.exclusiveMaximum !== undefined && value >= shape.exclusiveMaximum) value = shape.exclusiveMaximum - 1;
  return integer ? Math.ceil(value) : value;
}

/** The type a starting value takes: the first declared non-null one, inferred when none is declared. */
function startingType(shape: Shape): JsonType {
  const declared = [...(shape.types ?? [])].find((t) => t !== 'null');
  if (declared) return declared;
  if (shape.types?.has('null')) return 'null';
  if (shape.properties.size > 0 || shape.required.size > 0) return 'object';
  return shape.items ? 'array' : 'null';
}

/**
 * A starting document for `shape`: its `default`, else its `const` or first `enum` value, else an empty
 * value of its type. Objects get their required properties (and optional ones that have a default);
 * nullable values below the root start as null.
 */
export function startingValue(shape: Shape, root = true): Json {
  if (shape.default !== undefined) return structuredClone(shape.default);
  if (shape.enum && shape.enum.length > 0) return structuredClone(shape.enum[0] as Json);
  if (!root && shape.types?.has('null')) return null;
  switch (startingType(shape)) {
    case 'string':
      return '';
    case 'integer':
      return numberWithin(shape, true);
    case 'number':
      return numberWithin(shape, false);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: shape.minItems ?? 0 }, () => (shape.items ? startingValue(shape.items, false) : null));
    case 'object': {
      // Object.fromEntries defines own properties, so a property named "__proto__" stays data.
      const entries: [string, Json][] = [];
      for (const [name, property] of shape.properties) {
        if (shape.required.has(name) || property.default !== undefined) entries.push([name, startingValue(property, false)]);
      }
      for (const name of shape.required) if (!shape.properties.has(name)) entries.push([name, null]);
      return Object.fromEntries(entries);
    }
    case 'null':
      return null;
  }
}
