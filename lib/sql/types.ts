/**
 * The column types a table definition may use: a closed list of PostgreSQL spellings, each of which
 * the renderer can express in every dialect. Input is case- and space-insensitive; the normalised form
 * (`varchar(255)`, `numeric(12,2)`, `double precision`) is what definitions store.
 */
import { show } from './identifiers.js';

export const SQL_TYPE_NAMES = [
  'text',
  'varchar',
  'integer',
  'bigint',
  'serial',
  'bigserial',
  'boolean',
  'jsonb',
  'timestamptz',
  'timestamp',
  'date',
  'uuid',
  'real',
  'double precision',
  'numeric',
] as const;

export type SqlTypeName = (typeof SQL_TYPE_NAMES)[number];

export interface SqlType {
  name: SqlTypeName;
  /** varchar(n) */
  length?: number;
  /** numeric(p,s) */
  precision?: number;
  scale?: number;
}

/** PostgreSQL's varchar limit. */
const VARCHAR_MAX_LENGTH = 10_485_760;
/** MySQL's DECIMAL limits, the tighter of the dialects, so every definition renders everywhere. */
const NUMERIC_MAX_PRECISION = 65;
const NUMERIC_MAX_SCALE = 30;

const ALLOWED = 'text, varchar(n), integer, bigint, serial, bigserial, boolean, jsonb, timestamptz, timestamp, date, uuid, real, double precision, numeric(p,s)';

/** Common spellings from other engines, to suggest the allowed equivalent. */
const ALIASES: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  smallint: 'integer',
  bool: 'boolean',
  float: 'double precision',
  float8: 'double precision',
  float4: 'real',
  double: 'double precision',
  json: 'jsonb',
  decimal: 'numeric(12,2)',
  string: 'text',
  char: 'varchar(255)',
  'character varying': 'varchar(255)',
  datetime: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
};

const TYPE_SYNTAX = /^([a-z]+(?: [a-z]+)*) ?(?:\((.*)\))?$/;
const TYPE_ARGUMENT = /^\d{1,9}$/;

/** Reads a type as a user wrote it: the parsed type, or a message saying what is wrong and what to write. */
export function parseSqlType(input: unknown): { type: SqlType } | { problem: string } {
  if (typeof input !== 'string') return { problem: 'type must be a string, e.g. "text"' };
  const compact = input.trim().toLowerCase().replace(/\s+/g, ' ').replace(/ ?([(),]) ?/g, '$1');
  const match = TYPE_SYNTAX.exec(compact);
  const name = match?.[1];
  if (!match || name === undefined || !(SQL_TYPE_NAMES as readonly string[]).includes(name)) {
    const hint = ALIASES[name ?? ''] ?? 'text';
    return { problem: `unknown type ${show(input)}; use one of ${ALLOWED}, e.g. "${hint}"` };
  }
  const rawArgs = match[2] === undefined ? [] : match[2].split(',');
  if (!rawArgs.every((a) => TYPE_ARGUMENT.test(a))) {
    return { problem: `type ${show(input)} has invalid arguments; write whole numbers, e.g. "varchar(255)" or "numeric(12,2)"` };
  }
  return checkArguments(name as SqlTypeName, rawArgs.map(Number));
}

function checkArguments(name: SqlTypeName, args: number[]): { type: SqlType } | { problem: string } {
  if (name === 'varchar') {
    const [length] = args;
    if (args.length !== 1 || length === undefined) return { problem: 'varchar needs a length, e.g. "varchar(255)", or use "text"' };
    if (length < 1 || length > VARCHAR_MAX_LENGTH) {
      return { problem: `varchar length ${length} is out of range; use 1 to ${VARCHAR_MAX_LENGTH}, e.g. "varchar(255)", or use "text"` };
    }
    return { type: { name, length } };
  }
  if (name === 'numeric') {
    const [precision, scale = 0] = args;
    if (precision === undefined || args.length > 2) {
      return { problem: 'numeric needs a precision and optional scale, e.g. "numeric(12,2)"; a bare numeric means different things in each dialect' };
    }
    if (precision < 1 || precision > NUMERIC_MAX_PRECISION) {
      return { problem: `numeric precision ${precision} is out of range; use 1 to ${NUMERIC_MAX_PRECISION}, e.g. "numeric(12,2)"` };
    }
    if (scale > precision || scale > NUMERIC_MAX_SCALE) {
      return { problem: `numeric scale ${scale} is out of range; use 0 to ${Math.min(precision, NUMERIC_MAX_SCALE)}, e.g. "numeric(${precision},${Math.min(2, precision)})"` };
    }
    return { type: { name, precision, scale } };
  }
  if (args.length > 0) return { problem: `type "${name}" takes no arguments, e.g. "${name}"` };
  return { type: { name } };
}

/** The normalised spelling of a type, as stored in definitions and in `x-sql`. */
export function formatSqlType(type: SqlType): string {
  if (type.name === 'varchar') return `varchar(${type.length})`;
  if (type.name === 'numeric') return `numeric(${type.precision},${type.scale})`;
  return type.name;
}

/**
 * The parsed form of a stored (already validated) type. Throws when the string is not a valid type, so
 * a definition that skipped the parser cannot smuggle text into generated SQL.
 */
export function sqlType(normalised: string): SqlType {
  const parsed = parseSqlType(normalised);
  if ('problem' in parsed) throw new TypeError(`not a validated column type: ${parsed.problem}`);
  return parsed.type;
}

/** Types whose values come from a sequence. */
export function isSerial(type: SqlType): boolean {
  return type.name === 'serial' || type.name === 'bigserial';
}
