/**
 * Key patterns: segments joined by "#", each a literal or one `{attribute}` placeholder. One small,
 * language-neutral grammar, so that any reader can build and parse keys by splitting on the separator.
 *
 * Placeholder values: 1+ characters of printable ASCII (0x21-0x7E) other than the separator; integers are
 * zero-padded to the attribute's pad width. Violations raise KeyError with a stable `code`, the same codes
 * the conformance vectors use.
 */
import { BadRequestError } from '../errors.js';

export const SEPARATOR = '#';
/** Printable ASCII without "#" (0x23): the only characters a placeholder value may hold. */
export const KEY_VALUE_CHARSET = /^[\x21\x22\x24-\x7e]+$/;

export type KeyErrorCode =
  | 'missing_attribute'
  | 'empty_value'
  | 'invalid_character'
  | 'too_long'
  | 'pattern_mismatch'
  | 'not_an_integer'
  | 'out_of_range'
  | 'no_match';

/** A value cannot go into (or a string cannot be read out of) a key. */
export class KeyError extends BadRequestError {
  readonly code: KeyErrorCode;
  constructor(code: KeyErrorCode, message: string) {
    super(message, { extensions: { code } });
    this.code = code;
  }
}

export type Segment = { literal: string } | { attribute: string };

/** What a placeholder needs to know about its attribute. */
export interface PlaceholderSpec {
  type: 'string' | 'integer';
  maxLength?: number;
  padWidth?: number;
  pattern?: string;
  minimum?: number;
}

export interface KeyPattern {
  source: string;
  segments: Segment[];
  /** Placeholder attributes in order. */
  attributes: string[];
  specs: Record<string, PlaceholderSpec>;
}

/** Splits a pattern string into segments; the grammar itself is enforced by schema-yaml.schema.json. */
export function parsePatternSource(source: string): Segment[] {
  return source.split(SEPARATOR).map((part) => {
    const m = /^\{([a-z][a-z0-9_]*)\}$/.exec(part);
    return m ? { attribute: m[1]! } : { literal: part };
  });
}

export function compilePattern(source: string, specs: Record<string, PlaceholderSpec>): KeyPattern {
  const segments = parsePatternSource(source);
  const attributes = segments.flatMap((s) => ('attribute' in s ? [s.attribute] : []));
  const own: Record<string, PlaceholderSpec> = {};
  for (const a of attributes) {
    const spec = specs[a];
    if (!spec) throw new Error(`pattern "${source}" names attribute "${a}" with no spec`);
    own[a] = spec;
  }
  return { source, segments, attributes, specs: own };
}

const regexCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let r = regexCache.get(pattern);
  if (!r) regexCache.set(pattern, (r = new RegExp(pattern)));
  return r;
}

/** Encodes one placeholder value, or throws KeyError. */
export function encodeValue(attribute: string, spec: PlaceholderSpec, value: unknown): string {
  if (value === undefined || value === null) {
    throw new KeyError('missing_attribute', `key attribute "${attribute}" is missing`);
  }
  let text: string;
  if (spec.type === 'integer') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new KeyError('not_an_integer', `key attribute "${attribute}" must be an integer, got ${JSON.stringify(value)}`);
    }
    const min = spec.minimum ?? 0;
    if (value < min) throw new KeyError('out_of_range', `key attribute "${attribute}" must be at least ${min}, got ${value}`);
    text = String(value);
    if (spec.padWidth !== undefined) {
      if (text.length > spec.padWidth) {
        throw new KeyError('out_of_range', `key attribute "${attribute}" has more than ${spec.padWidth} digits: ${value}`);
      }
      text = text.padStart(spec.padWidth, '0');
    }
    return text;
  }
  if (typeof value !== 'string') {
    throw new KeyError('invalid_character', `key attribute "${attribute}" must be a string, got ${typeof value}`);
  }
  if (value.length === 0) throw new KeyError('empty_value', `key attribute "${attribute}" must not be empty`);
  if (!KEY_VALUE_CHARSET.test(value)) {
    throw new KeyError(
      'invalid_character',
      `key attribute "${attribute}" may hold only printable ASCII other than "#", got ${JSON.stringify(value)}`,
    );
  }
  if (spec.maxLength !== undefined && value.length > spec.maxLength) {
    throw new KeyError('too_long', `key attribute "${attribute}" is longer than ${spec.maxLength} characters`);
  }
  if (spec.pattern !== undefined && !regex(spec.pattern).test(value)) {
    throw new KeyError('pattern_mismatch', `key attribute "${attribute}" ${JSON.stringify(value)} does not match ${spec.pattern}`);
  }
  return value;
}

/** Builds a key string from attribute values. */
export function buildKey(pattern: KeyPattern, values: Record<string, unknown>): string {
  let out = '';
  for (let i = 0; i < pattern.segments.length; i++) {
    const s = pattern.segments[i]!;
    if (i > 0) out += SEPARATOR;
    out += 'literal' in s ? s.literal : encodeValue(s.attribute, pattern.specs[s.attribute]!, values[s.attribute]);
  }
  return out;
}

/** Parses a key string back into the attribute values it was built from. */
export function parseKey(pattern: KeyPattern, key: string): Record<string, string | number> {
  const parts = key.split(SEPARATOR);
  if (parts.length !== pattern.segments.length) {
    throw new KeyError('no_match', `key ${JSON.stringify(key)} does not match pattern "${pattern.source}"`);
  }
  const values: Record<string, string | number> = {};
  pattern.segments.forEach((s, i) => {
    const part = parts[i]!;
    if ('literal' in s) {
      if (part !== s.literal) throw new KeyError('no_match', `key ${JSON.stringify(key)} does not match pattern "${pattern.source}"`);
      return;
    }
    const spec = pattern.specs[s.attribute]!;
    if (spec.type === 'integer') {
      if (!/^[0-9]+$/.test(part) || (spec.padWidth !== undefined && part.length !== spec.padWidth)) {
        throw new KeyError('no_match', `key ${JSON.stringify(key)}: "${part}" is not a ${spec.padWidth ?? ''}-digit integer for "${s.attribute}"`);
      }
      values[s.attribute] = Number(part);
    } else {
      values[s.attribute] = part;
    }
    // Re-encoding checks every other rule (charset, length, pattern) in one place.
    encodeValue(s.attribute, spec, values[s.attribute]);
  });
  return values;
}

/**
 * The `begins_with` prefix for a query: literal and placeholder segments in order while values are given,
 * ending with a separator so `VERSION#` never matches `VERSIONS#`. `partial` is appended raw (unpadded,
 * unterminated) in place of the first missing placeholder, for prefix searches such as schema names.
 */
export function buildPrefix(pattern: KeyPattern, values: Record<string, unknown> = {}, partial?: string): string {
  let out = '';
  for (const s of pattern.segments) {
    if ('literal' in s) {
      out += s.literal + SEPARATOR;
      continue;
    }
    if (values[s.attribute] === undefined) {
      if (partial !== undefined && partial !== '') {
        if (!/^[\x21\x22\x24-\x7e]*$/.test(partial)) {
          throw new KeyError('invalid_character', `prefix for "${s.attribute}" may hold only printable ASCII other than "#"`);
        }
        out += partial;
      }
      return out;
    }
    out += encodeValue(s.attribute, pattern.specs[s.attribute]!, values[s.attribute]) + SEPARATOR;
  }
  // Every segment given: the prefix is the whole key.
  return out.slice(0, -SEPARATOR.length);
}

/** A record type's key patterns on one index. */
export interface IndexPatterns {
  pk: KeyPattern;
  sk: KeyPattern;
}

/** Builds a key from attribute values; they may be left out when the pattern has no placeholders. */
export type KeyBuilder<V> = [V] extends [Record<string, never>] ? (v?: V) => string : (v: V) => string;

/** Key builders and parsers of one index of a record type: `parse(build(x))` gives `x` back. */
export interface IndexKeys<P, S> {
  pk: KeyBuilder<P>;
  sk: KeyBuilder<S>;
  parsePk: (key: string) => P;
  parseSk: (key: string) => S;
  /** `begins_with` prefix of the sort key: segments while values are given, then `partial`. */
  skPrefix: (v?: Partial<S>, partial?: string) => string;
}

/**
 * The key builders of one index, `P` and `S` being the values of its partition and sort key. The generated
 * table module makes one call per record type and index instead of writing five functions out each time.
 */
export function indexKeys<P, S>(patterns: IndexPatterns): IndexKeys<P, S> {
  const { pk, sk } = patterns;
  return {
    pk: ((v: Record<string, unknown>) => buildKey(pk, v)) as KeyBuilder<P>,
    sk: ((v: Record<string, unknown>) => buildKey(sk, v)) as KeyBuilder<S>,
    parsePk: (key) => parseKey(pk, key) as P,
    parseSk: (key) => parseKey(sk, key) as S,
    skPrefix: (v, partial) => buildPrefix(sk, v as Record<string, unknown> | undefined, partial),
  };
}

/**
 * Every key attribute (each index's partition and sort key, in the order of `patterns`) of an item with
 * attributes `I`; `indexes` names the key attributes of each index.
 */
export function allKeys<I>(
  patterns: Record<string, IndexPatterns>,
  indexes: Record<string, { partitionKey: string; sortKey: string }>,
): (item: I) => Record<string, string> {
  const keys = Object.entries(patterns).map(([index, p]) => ({ ...p, names: indexes[index]! }));
  return (item) => {
    const values = item as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const { pk, sk, names } of keys) {
      out[names.partitionKey] = buildKey(pk, values);
      out[names.sortKey] = buildKey(sk, values);
    }
    return out;
  };
}

/** Longest possible key in bytes (values are ASCII, so characters are bytes), or undefined if unbounded. */
export function maxKeyBytes(pattern: KeyPattern): number | undefined {
  let total = pattern.segments.length - 1;
  for (const s of pattern.segments) {
    if ('literal' in s) total += s.literal.length;
    else {
      const spec = pattern.specs[s.attribute]!;
      const len = spec.type === 'integer' ? spec.padWidth ?? 16 : spec.maxLength;
      if (len === undefined) return undefined;
      total += len;
    }
  }
  return total;
}

/** Name of one member of an attribute family, e.g. `b_{limit}_tk` with limit "hour" -> `b_hour_tk`. */
export function familyAttributeName(template: string, placeholderPattern: string, value: string): string {
  if (!regex(placeholderPattern).test(value)) {
    throw new KeyError('pattern_mismatch', `family value ${JSON.stringify(value)} for "${template}" does not match ${placeholderPattern}`);
  }
  return template.replace(/\{[a-z][a-z0-9_]*\}/, value);
}
