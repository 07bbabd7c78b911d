/**
 * Column defaults. Only an allowlist is accepted (gen_random_uuid(), now(), CURRENT_TIMESTAMP and
 * literals), parsed into a structured form; the renderer writes SQL from that form, so no user text is
 * ever pasted into a statement. A null default is stored as no default: the two mean the same in SQL.
 */
import type { Json } from '../engines/types.js';
import { show } from './identifiers.js';
import { formatSqlType, type SqlType } from './types.js';

export type ColumnDefault =
  | { kind: 'gen_random_uuid' }
  /** `now()` and `CURRENT_TIMESTAMP` are the same function in PostgreSQL; the portable spelling is kept. */
  | { kind: 'current_timestamp' }
  | { kind: 'string'; value: string }
  /** Decimal text, kept as text so numeric(p,s) defaults never pass through a float. */
  | { kind: 'number'; value: string }
  | { kind: 'boolean'; value: boolean };

const NUMBER = /^([+-]?)(\d{1,65})(?:\.(\d{1,30}))?$/;
const STRING_LITERAL = /^'((?:[^']|'')*)'$/s;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?$/;
const TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2})?)$/;
const INT32 = [-(2n ** 31n), 2n ** 31n - 1n] as const;
const INT64 = [-(2n ** 63n), 2n ** 63n - 1n] as const;

const ALLOWED =
  "use gen_random_uuid(), now(), CURRENT_TIMESTAMP, a number, true, false, null or a single-quoted string such as \"'pending'\"";

type Parsed = { default: ColumnDefault | null } | { problem: string };

/**
 * Reads a default as a user wrote it, SQL text (`"'pending'"`, `"now()"`, `"0"`) or a JSON scalar, and
 * checks that it suits the column type. `default: null` means the column has no default.
 */
export function parseDefault(input: unknown, type: SqlType): Parsed {
  const parsed = readDefault(input);
  if ('problem' in parsed || parsed.default === null) return parsed;
  const problem = typeProblem(parsed.default, type);
  return problem === undefined ? parsed : { problem };
}

function readDefault(input: unknown): Parsed {
  if (input === null) return { default: null };
  if (typeof input === 'boolean') return { default: { kind: 'boolean', value: input } };
  if (typeof input === 'number') {
    const text = String(input);
    return Number.isFinite(input) && NUMBER.test(text)
      ? { default: { kind: 'number', value: text } }
      : { problem: `default ${text} cannot be written exactly; write it as a decimal string, e.g. "0.000001"` };
  }
  if (typeof input !== 'string') return { problem: `default must be a string, number or boolean; ${ALLOWED}` };
  const text = input.trim();
  if (/^gen_random_uuid\(\s*\)$/i.test(text)) return { default: { kind: 'gen_random_uuid' } };
  if (/^(?:now\(\s*\)|current_timestamp)$/i.test(text)) return { default: { kind: 'current_timestamp' } };
  if (/^(?:true|false)$/i.test(text)) return { default: { kind: 'boolean', value: text.toLowerCase() === 'true' } };
  if (/^null$/i.test(text)) return { default: null };
  const number = NUMBER.exec(text);
  if (number) return { default: { kind: 'number', value: canonicalNumber(number) } };
  const literal = STRING_LITERAL.exec(text);
  if (literal?.[1] !== undefined) {
    const value = literal[1].replaceAll("''", "'");
    if (value.includes('\u0000')) return { problem: 'default string contains a NUL character, which no dialect can store; remove it' };
    return { default: { kind: 'string', value } };
  }
  return { problem: `default ${show(input)} is not allowed; ${ALLOWED}` };
}

/** Drops a leading `+` and leading zeros, so `+007.50` and `7.50` are one default. */
function canonicalNumber([, sign, whole, fraction]: RegExpExecArray): string {
  const digits = (whole ?? '0').replace(/^0+(?=\d)/, '');
  const negative = sign === '-' && !/^0*$/.test(digits + (fraction ?? ''));
  return `${negative ? '-' : ''}${digits}${fraction === undefined ? '' : `.${fraction}`}`;
}

function typeProblem(value: ColumnDefault, type: SqlType): string | undefined {
  const typeText = `a ${formatSqlType(type)} column`;
  switch (value.kind) {
    case 'gen_random_uuid':
      return type.name === 'uuid' ? undefined : `default gen_random_uuid() needs a uuid column, not ${typeText}`;
    case 'current_timestamp':
      return ['timestamptz', 'timestamp', 'date'].includes(type.name)
        ? undefined
        : `default CURRENT_TIMESTAMP needs a timestamptz, timestamp or date column, not ${typeText}`;
    case 'boolean':
      return type.name === 'boolean' ? undefined : `default ${value.value} needs a boolean column, not ${typeText}`;
    case 'number':
      return numberProblem(value.value, type);
    case 'string':
      return stringProblem(value.value, type);
  }
}

function numberProblem(value: string, type: SqlType): string | undefined {
  const [whole = '', fraction = ''] = value.replace('-', '').split('.');
  switch (type.name) {
    case 'integer':
    case 'bigint': {
      const [min, max] = type.name === 'integer' ? INT32 : INT64;
      if (fraction !== '') return `default ${value} is not a whole number, which ${type.name} needs, e.g. "${value.split('.')[0]}"`;
      const n = BigInt(value);
      return n < min || n > max ? `default ${value} is out of range for ${type.name} (${min} to ${max})` : undefined;
    }
    case 'real':
    case 'double precision':
      return undefined;
    case 'numeric': {
      const integerDigits = (type.precision ?? 0) - (type.scale ?? 0);
      if (whole.replace(/^0+/, '').length > integerDigits || fraction.length > (type.scale ?? 0)) {
        return `default ${value} does not fit numeric(${type.precision},${type.scale}) (at most ${integerDigits} digits before and ${type.scale} after the point)`;
      }
      return undefined;
    }
    default:
      return type.name === 'serial' || type.name === 'bigserial'
        ? `a ${type.name} column takes its values from a sequence; remove the default`
        : `default ${value} is a number but the column is ${type.name}; use a number only on integer, bigint, real, double precision or numeric columns`;
  }
}

function stringProblem(value: string, type: SqlType): string | undefined {
  const shown = show(value);
  switch (type.name) {
    case 'text':
      return undefined;
    case 'varchar':
      return [...value].length > (type.length ?? 0) ? `default ${shown} is longer than varchar(${type.length}) allows; shorten it or widen the column` : undefined;
    case 'uuid':
      return UUID.test(value) ? undefined : `default ${shown} is not a UUID, e.g. "'00000000-0000-4000-8000-000000000000'" or gen_random_uuid()`;
    case 'jsonb':
      return isJson(value) ? undefined : `default ${shown} is not valid JSON, e.g. "'{}'"`;
    case 'date':
      return DATE.test(value) ? undefined : `default ${shown} is not a date, e.g. "'2024-01-31'"`;
    case 'timestamp':
      return TIMESTAMP.test(value) ? undefined : `default ${shown} is not a timestamp, e.g. "'2024-01-31 12:00:00'"`;
    case 'timestamptz':
      return TIMESTAMPTZ.test(value) ? undefined : `default ${shown} is not a timestamp with offset, e.g. "'2024-01-31T12:00:00Z'"`;
    default:
      return type.name === 'serial' || type.name === 'bigserial'
        ? `a ${type.name} column takes its values from a sequence; remove the default`
        : `default ${shown} is a string but the column is ${type.name}; write an unquoted ${type.name === 'boolean' ? 'true or false' : 'number'}`;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The canonical SQL text of a default (as stored in `x-sql`); `parseDefault` reads it back unchanged. */
export function formatDefault(value: ColumnDefault): string {
  switch (value.kind) {
    case 'gen_random_uuid':
      return 'gen_random_uuid()';
    case 'current_timestamp':
      return 'CURRENT_TIMESTAMP';
    case 'string':
      return `'${value.value.replaceAll("'", "''")}'`;
    case 'number':
      return value.value;
    case 'boolean':
      return String(value.value);
  }
}

/** The default as a JSON value, for the JSON Schema `default` keyword; undefined when JSON cannot say it. */
export function jsonDefault(value: ColumnDefault, type: SqlType): Json | undefined {
  switch (value.kind) {
    case 'string':
      return type.name === 'jsonb' ? (JSON.parse(value.value) as Json) : value.value;
    case 'number': {
      const n = Number(value.value);
      const withoutTrailingZeros = value.value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
      return String(n) === withoutTrailingZeros ? n : undefined;
    }
    case 'boolean':
      return value.value;
    default:
      return undefined;
  }
}

/** True when the two defaults are the same (both absent counts). */
export function sameDefault(a: ColumnDefault | undefined, b: ColumnDefault | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && formatDefault(a) === formatDefault(b));
}

/** A number default as SQL text, re-checked at render time so a forged definition cannot inject. */
export function numberLiteral(value: string): string {
  if (!NUMBER.test(value)) throw new TypeError(`not a validated number default: ${show(value)}`);
  return value;
}
