/**
 * Canonical JSON (RFC 8785, JCS) for hashing and structural equality: no whitespace, object keys sorted
 * by UTF-16 code units (what Array.prototype.sort compares), numbers and strings as ECMAScript's
 * JSON.stringify writes them (which is what JCS specifies). Members whose value is undefined are left
 * out, as JSON.stringify leaves them out.
 */
import { createHash } from 'node:crypto';

/**
 * The canonical text of `value`. `cache` memoizes the text per object, for callers that compare the same
 * (never mutated) objects many times; without it every call serializes afresh.
 */
export function canonicalJson(value: unknown, cache?: WeakMap<object, string>): string {
  if (value === null || typeof value !== 'object') {
    // JCS is defined on I-JSON: NaN and the infinities have no JSON form, and JSON.stringify would write null.
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`cannot canonicalize the number ${value}`);
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`cannot canonicalize ${typeof value}`);
    return text;
  }
  const cached = cache?.get(value);
  if (cached !== undefined) return cached;
  const serialize = (item: unknown) => canonicalJson(item, cache);
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map(serialize).join(',')}]`;
  } else {
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${serialize(object[key])}`);
    text = `{${members.join(',')}}`;
  }
  cache?.set(value, text);
  return text;
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
