import type { Json } from '../types.js';
import { jsonBytes, type OutputBudget } from './output-budget.js';
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
 * nullable values below the root start as null. Throws ValidationError once the document outgrows `budget`.
 */
export function startingValue(shape: Shape, budget: OutputBudget, root = true): Json {
  // Every value costs at least a separator; a copied default or enum value costs its JSON, before it is copied.
  budget.spend(1);
  if (shape.default !== undefined) {
    budget.spend(jsonBytes(shape.default));
    return structuredClone(shape.default);
  }
  if (shape.enum && shape.enum.length > 0) {
    budget.spend(jsonBytes(shape.enum[0]));
    return structuredClone(shape.enum[0] as Json);
  }
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
    case 'array': {
      // Charged before allocating: `minItems: 2 ** 32` is an array JavaScript cannot even create.
      const length = shape.minItems ?? 0;
      budget.spend(length);
      return Array.from({ length }, () => (shape.items ? startingValue(shape.items, budget, false) : null));
    }
    case 'object': {
      // Object.fromEntries defines own properties, so a property named "__proto__" stays data.
      const entries: [string, Json][] = [];
      for (const [name, property] of shape.properties) {
        if (shape.required.has(name) || property.default !== undefined) entries.push([name, startingValue(property, budget, false)]);
      }
      for (const name of shape.required) if (!shape.properties.has(name)) entries.push([name, null]);
      budget.spend(entries.reduce((bytes, [name]) => bytes + name.length + 3, 0));
      return Object.fromEntries(entries);
    }
    case 'null':
      return null;
  }
}
