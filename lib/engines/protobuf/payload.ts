/**
 * Validates a document in Protobuf's canonical JSON mapping (proto3 JSON): fields by their JSON name
 * (lowerCamelCase) or proto name, 64-bit integers as numbers or decimal strings, bytes as base64, enums
 * by name or number, at most one member of a oneof, null for "not set", unknown fields refused (the
 * parsers' default), and the well-known types in their special forms (Timestamp as RFC 3339, Duration as
 * "1.5s", wrappers as their value, Struct/Value/ListValue as any JSON).
 */
import protobuf from 'protobufjs';
import type { ErrorDetail } from '../../errors.js';
import { MAX_DOCUMENT_DEPTH } from '../limits.js';
import { isObject } from '../../util/json.js';
import { escapePointerToken as token } from '../../util/json-pointer.js';

const MAX_ERRORS = 100;
type Fail = (path: string, keyword: string, message: string) => void;

const RANGES: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n], sint32: [-(2n ** 31n), 2n ** 31n - 1n], sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n], fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n], sint64: [-(2n ** 63n), 2n ** 63n - 1n], sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n], fixed64: [0n, 2n ** 64n - 1n],
};
const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DURATION = /^-?\d+(\.\d{1,9})?s$/;
const WRAPPERS: Record<string, string> = {
  DoubleValue: 'double', FloatValue: 'float', Int64Value: 'int64', UInt64Value: 'uint64', Int32Value: 'int32', UInt32Value: 'uint32', BoolValue: 'bool', StringValue: 'string', BytesValue: 'bytes',
};

function scalarProblem(type: string, value: unknown): string | undefined {
  const range = RANGES[type];
  if (range) {
    const text = typeof value === 'number' ? (Number.isInteger(value) ? BigInt(value).toString() : undefined) : typeof value === 'string' && /^-?\d+$/.test(value) ? value : undefined;
    if (text === undefined || BigInt(text) < range[0] || BigInt(text) > range[1]) return `must be a ${type} integer (a number or a decimal string) from ${range[0]} to ${range[1]}`;
    return undefined;
  }
  switch (type) {
    case 'double':
    case 'float':
      return typeof value === 'number' || (typeof value === 'string' && (['NaN', 'Infinity', '-Infinity'].includes(value) || (value.trim() !== '' && Number.isFinite(Number(value))))) ? undefined : `must be a number (or "NaN", "Infinity", "-Infinity")`;
    case 'bool':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'bytes':
      return typeof value === 'string' && BASE64.test(value) ? undefined : 'must be base64 (bytes in the JSON mapping)';
  }
  return `has unsupported scalar type ${type}`;
}

export function protoProblems(message: protobuf.Type, data: unknown): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const fail: Fail = (path, keyword, msg) => {
    if (errors.length < MAX_ERRORS) errors.push({ path, keyword, message: msg });
  };

  const value = (resolved: protobuf.Type | protobuf.Enum | null, type: string, v: unknown, path: string, depth: number) => {
    if (resolved instanceof protobuf.Enum) {
      const ok = typeof v === 'string' ? Object.hasOwn(resolved.values, v) : Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 31;
      if (!ok) fail(path, 'enum', `must be one of ${Object.keys(resolved.values).join(', ')} (or a number) for enum ${resolved.fullName.slice(1)}`);
    } else if (resolved instanceof protobuf.Type) {
      check(resolved, v, path, depth + 1);
    } else {
      const problem = scalarProblem(type, v);
      if (problem) fail(path, 'type', problem);
    }
  };

  const wellKnown = (type: protobuf.Type, v: unknown, path: string): boolean => {
    const name = type.fullName;
    if (!name.startsWith('.google.protobuf.')) return false;
    const short = name.slice('.google.protobuf.'.length);
    if (short === 'Timestamp') {
      if (typeof v !== 'string' || !TIMESTAMP.test(v) || Number.isNaN(Date.parse(v))) fail(path, 'format', 'must be an RFC 3339 timestamp, e.g. "2026-12-02T23:00:00Z" (google.protobuf.Timestamp)');
    } else if (short === 'Duration') {
      if (typeof v !== 'string' || !DURATION.test(v)) fail(path, 'format', 'must be a duration in seconds with an "s" suffix, e.g. "1.5s" (google.protobuf.Duration)');
    } else if (short === 'FieldMask') {
      if (typeof v !== 'string') fail(path, 'type', 'must be a comma-separated string of field paths (google.protobuf.FieldMask)');
    } else if (short === 'Struct') {
      if (!isObject(v)) fail(path, 'type', 'must be an object (google.protobuf.Struct)');
    } else if (short === 'ListValue') {
      if (!Array.isArray(v)) fail(path, 'type', 'must be an array (google.protobuf.ListValue)');
    } else if (short === 'Any') {
      if (!isObject(v) || typeof v['@type'] !== 'string') fail(path, 'type', 'must be an object with an "@type" URL (google.protobuf.Any)');
    } else if (WRAPPERS[short]) {
      const problem = scalarProblem(WRAPPERS[short], v);
      if (problem) fail(path, 'type', problem);
    } else if (short !== 'Value' && short !== 'Empty') {
      return false;
    }
    return true;
  };

  const check = (type: protobuf.Type, v: unknown, path: string, depth: number): void => {
    if (errors.length >= MAX_ERRORS) return;
    if (depth > MAX_DOCUMENT_DEPTH) return fail(path, 'maxDepth', `document nests deeper than ${MAX_DOCUMENT_DEPTH} levels`);
    if (wellKnown(type, v, path)) return;
    if (!isObject(v)) return fail(path, 'type', `must be an object (message ${type.fullName.slice(1)})`);
    const byName = fieldsByName(type);
    const setOneofs = new Map<string, string>();
    for (const [key, item] of Object.entries(v)) {
      const field = byName.get(key);
      const at = `${path}/${token(key)}`;
      if (!field) {
        // A reserved name is a removed field's: old documents carrying it stay valid (and it is ignored).
        if (reservedNames(type).has(key)) continue;
        fail(at, 'additionalProperties', `message ${type.fullName.slice(1)} has no field "${key}"`);
        continue;
      }
      if (item === null && field.resolvedType?.fullName !== '.google.protobuf.Value') continue; // null: not set
      const oneof = field.partOf;
      if (oneof && oneof.oneof.length > 1) {
        const other = setOneofs.get(oneof.name);
        if (other !== undefined) fail(at, 'oneOf', `"${key}" and "${other}" are both members of oneof ${oneof.name}; set at most one`);
        setOneofs.set(oneof.name, key);
      }
      if (field.map) {
        if (!isObject(item)) {
          fail(at, 'type', 'must be an object (a map)');
          continue;
        }
        const keyType = (field as unknown as protobuf.MapField).keyType;
        for (const [k, mv] of Object.entries(item)) {
          const keyProblem = keyType === 'string' ? undefined : keyType === 'bool' ? (k === 'true' || k === 'false' ? undefined : 'must be "true" or "false"') : scalarProblem(keyType, k);
          if (keyProblem) fail(`${at}/${token(k)}`, 'propertyNames', `map key ${JSON.stringify(k)} ${keyProblem}`);
          value(field.resolvedType, field.type, mv, `${at}/${token(k)}`, depth);
        }
      } else if (field.repeated) {
        if (!Array.isArray(item)) {
          fail(at, 'type', 'must be an array (a repeated field)');
          continue;
        }
        item.forEach((e, i) => value(field.resolvedType, field.type, e, `${at}/${i}`, depth));
      } else {
        value(field.resolvedType, field.type, item, at, depth);
      }
    }
    for (const field of type.fieldsArray) {
      if (field.required && !(Object.hasOwn(v, field.name) || Object.hasOwn(v, jsonName(field)))) fail(`${path}/${token(jsonName(field))}`, 'required', `must have required field "${field.name}"`);
    }
  };
  check(message, data, '', 0);
  return errors;
}

/** Fields by proto and JSON name, built once per message type (types are immutable once resolved). */
const FIELDS = new WeakMap<protobuf.Type, Map<string, protobuf.Field>>();
function fieldsByName(type: protobuf.Type): Map<string, protobuf.Field> {
  let byName = FIELDS.get(type);
  if (!byName) {
    byName = new Map();
    for (const field of type.fieldsArray) byName.set(field.name, field).set(jsonName(field), field);
    FIELDS.set(type, byName);
  }
  return byName;
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The field's name in the JSON mapping: its `json_name`, else lowerCamelCase of the proto name. */
export function jsonName(field: protobuf.Field): string {
  return (field.options?.json_name as string | undefined) ?? camel(field.name);
}

/** A message's reserved names, as written and in their JSON (lowerCamelCase) spelling. */
function reservedNames(type: protobuf.Type): Set<string> {
  const names = (type.reserved ?? []).filter((r): r is string => typeof r === 'string');
  return new Set([...names, ...names.map(camel)]);
}
