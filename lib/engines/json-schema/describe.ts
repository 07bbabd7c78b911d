import type { FieldDescription, FieldType, Json } from '../types.js';
import { jsonBytes, type OutputBudget } from './output-budget.js';
import type { Shape } from './shape.js';
import { escapePointerToken } from '../../util/json-pointer.js';

function fieldTypes(shape: Shape): FieldType[] {
  if (shape.types === undefined) return ['any'];
  const types = [...shape.types].filter((t) => t !== 'null' && !(t === 'integer' && shape.types?.has('number')));
  return types.length > 0 || !shape.types.has('null') ? types : ['null'];
}

function describeField(shape: Shape, path: string, name: string, required: boolean): FieldDescription {
  const field: FieldDescription = {
    path,
    name,
    types: fieldTypes(shape),
    required,
    nullable: shape.types === undefined || shape.types.has('null'),
  };
  if (shape.description !== undefined) field.description = shape.description;
  if (shape.default !== undefined) field.default = shape.default;
  if (shape.enum !== undefined) field.enum = shape.enum;
  if (shape.format !== undefined) field.format = shape.format;
  if (shape.maxLength !== undefined) field.maxLength = shape.maxLength;
  if (shape.annotations !== undefined) field.annotations = shape.annotations;
  return field;
}

/** Bytes of JSON a field takes besides its path, name and the values it repeats from the definition. */
const FIELD_OVERHEAD_BYTES = 80;

/** Counts the JSON size of `field` against `budget` (enums and defaults repeated through `$ref`s included). */
function charge(field: FieldDescription, budget: OutputBudget): FieldDescription {
  budget.spend(FIELD_OVERHEAD_BYTES + field.path.length + field.name.length + jsonBytes(field.enum) + jsonBytes(field.default));
  budget.spend(jsonBytes(field.description) + (field.annotations ? jsonBytes(field.annotations as Json) : 0));
  return field;
}

/**
 * Every field under `shape`, depth-first in definition order: properties, then array items as `/-`.
 * Throws ValidationError once the description outgrows `budget`.
 */
export function flattenFields(shape: Shape, budget: OutputBudget, path = '', fields: FieldDescription[] = []): FieldDescription[] {
  for (const [name, child] of shape.properties) {
    const childPath = `${path}/${escapePointerToken(name)}`;
    fields.push(charge(describeField(child, childPath, name, shape.required.has(name)), budget));
    flattenFields(child, budget, childPath, fields);
  }
  if (shape.items) {
    fields.push(charge(describeField(shape.items, `${path}/-`, '-', false), budget));
    flattenFields(shape.items, budget, `${path}/-`, fields);
  }
  return fields;
}
