import type { FieldDescription, FieldType } from '../types.js';
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

/** Every field under `shape`, depth-first in definition order: properties, then array items as `/-`. */
export function flattenFields(shape: Shape, path = ''): FieldDescription[] {
  const fields: FieldDescription[] = [];
  for (const [name, child] of shape.properties) {
    const childPath = `${path}/${escapePointerToken(name)}`;
    fields.push(describeField(child, childPath, name, shape.required.has(name)), ...flattenFields(child, childPath));
  }
  if (shape.items) fields.push(describeField(shape.items, `${path}/-`, '-', false), ...flattenFields(shape.items, `${path}/-`));
  return fields;
}
