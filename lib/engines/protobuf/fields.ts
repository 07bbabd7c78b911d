/**
 * describeFields and defaultValue for Protobuf, in the JSON mapping: fields by JSON name, repeated
 * fields' items at `/-`, messages recursed into once along a path, well-known types as their JSON forms.
 */
import protobuf from 'protobufjs';
import type { FieldDescription, FieldType, Json } from '../types.js';
import { WalkBudget } from '../limits.js';
import { escapePointerToken as token } from '../../util/json-pointer.js';
import { jsonName } from './payload.js';

const SCALARS: Record<string, { types: FieldType[]; format?: string; start: Json }> = {
  double: { types: ['number'], start: 0 }, float: { types: ['number'], start: 0 },
  int32: { types: ['integer'], format: 'int32', start: 0 }, sint32: { types: ['integer'], format: 'int32', start: 0 }, sfixed32: { types: ['integer'], format: 'int32', start: 0 },
  uint32: { types: ['integer'], format: 'uint32', start: 0 }, fixed32: { types: ['integer'], format: 'uint32', start: 0 },
  int64: { types: ['integer', 'string'], format: 'int64', start: '0' }, sint64: { types: ['integer', 'string'], format: 'int64', start: '0' }, sfixed64: { types: ['integer', 'string'], format: 'int64', start: '0' },
  uint64: { types: ['integer', 'string'], format: 'uint64', start: '0' }, fixed64: { types: ['integer', 'string'], format: 'uint64', start: '0' },
  bool: { types: ['boolean'], start: false }, string: { types: ['string'], start: '' }, bytes: { types: ['string'], format: 'byte', start: '' },
};
const WELL_KNOWN: Record<string, { types: FieldType[]; format?: string; start: Json }> = {
  '.google.protobuf.Timestamp': { types: ['string'], format: 'date-time', start: '1970-01-01T00:00:00Z' },
  '.google.protobuf.Duration': { types: ['string'], format: 'duration', start: '0s' },
  '.google.protobuf.FieldMask': { types: ['string'], start: '' },
  '.google.protobuf.Struct': { types: ['object'], start: {} },
  '.google.protobuf.Value': { types: ['any'], start: null },
  '.google.protobuf.ListValue': { types: ['array'], start: [] },
  '.google.protobuf.Empty': { types: ['object'], start: {} },
  '.google.protobuf.Any': { types: ['object'], start: { '@type': '' } },
};

function shapeOf(field: protobuf.Field): { types: FieldType[]; format?: string; enum?: string[] } {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) return { types: ['string', 'integer'], enum: Object.keys(resolved.values) };
  if (resolved instanceof protobuf.Type) {
    const known = WELL_KNOWN[resolved.fullName];
    if (known) return { types: known.types, ...(known.format && { format: known.format }) };
    const wrapped = /^\.google\.protobuf\.(\w+)Value$/.exec(resolved.fullName)?.[1]?.toLowerCase();
    if (wrapped && SCALARS[wrapped]) return { types: SCALARS[wrapped].types };
    return { types: ['object'] };
  }
  const scalar: { types: FieldType[]; format?: string } = SCALARS[field.type] ?? { types: ['any'] };
  return { types: scalar.types, ...(scalar.format && { format: scalar.format }) };
}

const isMessage = (field: protobuf.Field): field is protobuf.Field & { resolvedType: protobuf.Type } =>
  field.resolvedType instanceof protobuf.Type && !(field.resolvedType.fullName in WELL_KNOWN) && !field.resolvedType.fullName.startsWith('.google.protobuf.');

export function describeProto(message: protobuf.Type): FieldDescription[] {
  const budget = new WalkBudget('describing the fields');
  const out: FieldDescription[] = [];
  const visit = (type: protobuf.Type, path: string, onPath: Set<string>) => {
    if (onPath.has(type.fullName)) return;
    const inner = new Set(onPath).add(type.fullName);
    for (const field of type.fieldsArray) {
      budget.step();
      const name = jsonName(field);
      const at = `${path}/${token(name)}`;
      const shape = shapeOf(field);
      const comment = field.comment ?? undefined;
      const common = { ...(comment && { description: comment }), ...(field.partOf && field.partOf.oneof.length > 1 && { annotations: { oneof: field.partOf.name } }) };
      if (field.map) {
        out.push({ path: at, name, types: ['object'], required: false, nullable: true, ...common });
      } else if (field.repeated) {
        out.push({ path: at, name, types: ['array'], required: false, nullable: true, ...common });
        out.push({ path: `${at}/-`, name: '-', ...shape, required: false, nullable: false });
        if (isMessage(field)) visit(field.resolvedType, `${at}/-`, inner);
      } else {
        out.push({ path: at, name, ...shape, required: field.required, nullable: !field.required, ...common });
        if (isMessage(field)) visit(field.resolvedType, at, inner);
      }
    }
  };
  visit(message, '', new Set());
  return out;
}

/** Every field at its default, oneof members left unset, recursive messages once along a path. */
export function startingProto(message: protobuf.Type): Json {
  const budget = new WalkBudget('building the starting document');
  const start = (type: protobuf.Type, onPath: Set<string>): Json => {
    const inner = new Set(onPath).add(type.fullName);
    const doc: Record<string, Json> = {};
    for (const field of type.fieldsArray) {
      budget.step();
      if (field.partOf && field.partOf.oneof.length > 1) continue;
      const resolved = field.resolvedType;
      if (field.map) doc[jsonName(field)] = {};
      else if (field.repeated) doc[jsonName(field)] = [];
      else if (resolved instanceof protobuf.Enum) doc[jsonName(field)] = Object.keys(resolved.values)[0]!;
      else if (resolved instanceof protobuf.Type) {
        const known = WELL_KNOWN[resolved.fullName];
        if (known) doc[jsonName(field)] = known.start;
        else if (!onPath.has(resolved.fullName) && !resolved.fullName.startsWith('.google.protobuf.')) doc[jsonName(field)] = start(resolved, inner);
      } else doc[jsonName(field)] = SCALARS[field.type]?.start ?? null;
    }
    return doc;
  };
  return start(message, new Set());
}
