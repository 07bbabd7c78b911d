/**
 * Validates a document in Avro's JSON encoding: a union's non-null value is an object with one member
 * named after the branch (`{"string": "x"}`, `{"com.acme.Address": {...}}`), bytes and fixed are strings
 * of code points 0-255, a record has exactly its fields (one with a default may be left out).
 */
import type { ErrorDetail } from '../../errors.js';
import { MAX_DOCUMENT_DEPTH } from '../limits.js';
import { isObject } from '../../util/json.js';
import { branchName, token, type AvroNode, type RecordNode } from './model.js';

/** Most problems reported for one document; the rest are counted out. */
const MAX_ERRORS = 100;
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

export function avroProblems(node: AvroNode, data: unknown): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const fail = (path: string, keyword: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ path, keyword, message });
  };
  const check = (n: AvroNode, value: unknown, path: string, depth: number): void => {
    if (errors.length >= MAX_ERRORS) return;
    if (depth > MAX_DOCUMENT_DEPTH) return fail(path, 'maxDepth', `document nests deeper than ${MAX_DOCUMENT_DEPTH} levels`);
    switch (n.kind) {
      case 'primitive':
        return checkPrimitive(n.type, value, path, fail);
      case 'enum':
        if (typeof value !== 'string' || !n.symbols.includes(value)) fail(path, 'enum', `must be one of the symbols of ${n.fullname}: ${n.symbols.join(', ')}`);
        return;
      case 'fixed':
        if (!isByteString(value) || value.length !== n.size) fail(path, 'fixed', `must be a string of exactly ${n.size} code points 0-255 (fixed ${n.fullname})`);
        return;
      case 'array':
        if (!Array.isArray(value)) return fail(path, 'type', 'must be an array');
        value.forEach((item, i) => check(n.items, item, `${path}/${i}`, depth + 1));
        return;
      case 'map':
        if (!isObject(value)) return fail(path, 'type', 'must be an object (an Avro map)');
        for (const [k, v] of Object.entries(value)) check(n.values, v, `${path}/${token(k)}`, depth + 1);
        return;
      case 'record': {
        if (!isObject(value)) return fail(path, 'type', `must be an object (record ${n.fullname})`);
        for (const field of n.fields) {
          if (Object.hasOwn(value, field.name)) check(field.type, value[field.name], `${path}/${token(field.name)}`, depth + 1);
          else if (!field.hasDefault) fail(`${path}/${token(field.name)}`, 'required', `must have field "${field.name}" (it has no default)`);
        }
        const names = fieldNames(n);
        for (const key of Object.keys(value)) {
          if (!names.has(key)) fail(`${path}/${token(key)}`, 'additionalProperties', `record ${n.fullname} has no field "${key}"`);
        }
        return;
      }
      case 'union': {
        if (value === null) {
          if (!n.branches.some((b) => b.kind === 'primitive' && b.type === 'null')) fail(path, 'union', 'must not be null (the union has no null branch)');
          return;
        }
        const names = n.branches.map(branchName).filter((b) => b !== 'null');
        const keys = isObject(value) ? Object.keys(value) : [];
        const branch = keys.length === 1 ? n.branches.find((b) => branchName(b) === keys[0]) : undefined;
        if (!branch || branchName(branch) === 'null') {
          return fail(path, 'union', `must be null or an object with one member naming the branch (Avro's JSON encoding of a union), one of: ${names.map((b) => `{"${b}": ...}`).join(', ')}`);
        }
        check(branch, (value as Record<string, unknown>)[keys[0]!], `${path}/${token(keys[0]!)}`, depth + 1);
      }
    }
  };
  check(node, data, '', 0);
  return errors;
}

/** A record's field names, built once per record node (nodes are immutable once read). */
const NAMES = new WeakMap<RecordNode, Set<string>>();
function fieldNames(record: RecordNode): Set<string> {
  let names = NAMES.get(record);
  if (!names) NAMES.set(record, (names = new Set(record.fields.map((f) => f.name))));
  return names;
}

function isByteString(value: unknown): value is string {
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' && /^[\u0000-\u00ff]*$/.test(value);
}

function checkPrimitive(type: string, value: unknown, path: string, fail: (path: string, keyword: string, message: string) => void): void {
  const ok = {
    null: value === null,
    boolean: typeof value === 'boolean',
    int: Number.isInteger(value) && (value as number) >= INT_MIN && (value as number) <= INT_MAX,
    long: Number.isSafeInteger(value),
    float: typeof value === 'number',
    double: typeof value === 'number',
    bytes: isByteString(value),
    string: typeof value === 'string',
  }[type];
  if (ok) return;
  const expected = {
    null: 'null',
    boolean: 'a boolean',
    int: `an integer from ${INT_MIN} to ${INT_MAX} (Avro int)`,
    long: 'an integer within ±9007199254740991 (Avro long, as JSON carries it exactly)',
    float: 'a number',
    double: 'a number',
    bytes: 'a string of code points 0-255 (Avro bytes in JSON)',
    string: 'a string',
  }[type];
  fail(path, 'type', `must be ${expected}`);
}
