/**
 * How each dialect spells identifiers, column types and defaults. Everything here re-validates what it
 * writes (identifiers against the pattern, types through the type parser, numbers against the number
 * syntax) so that a definition which skipped `parseTableDefinition` still cannot inject SQL.
 */
import { numberLiteral, type ColumnDefault } from './defaults.js';
import { IDENTIFIER_PATTERN, MAX_IDENTIFIER_LENGTH, show } from './identifiers.js';
import type { ColumnDefinition } from './table.js';
import { formatSqlType, isSerial, sqlType, type SqlType } from './types.js';

export const DIALECTS = ['postgres', 'sqlite', 'mysql'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** MySQL's VARCHAR tops out at 65,535 bytes per row: 16,383 four-byte utf8mb4 characters. */
const MYSQL_VARCHAR_MAX = 16_383;
/** MySQL index key parts over long text are cut to a prefix to stay under the 3,072-byte key limit. */
const MYSQL_KEY_PREFIX = 255;

/**
 * A random version 4 UUID from SQLite built-ins (SQLite has no UUID function): 8-4-4-4-12 hex digits,
 * version nibble 4, variant nibble one of 8, 9, a, b.
 */
const SQLITE_UUID =
  "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))";

/** Quotes a validated identifier; throws on anything else. */
export function quoteIdent(name: string, dialect: Dialect): string {
  if (typeof name !== 'string' || name.length > MAX_IDENTIFIER_LENGTH || !IDENTIFIER_PATTERN.test(name)) {
    throw new TypeError(`refusing to render the unvalidated identifier ${show(name)}`);
  }
  return quoteRaw(name, dialect);
}

/** Quotes a name the renderer built itself from a validated one (the SQLite rebuild table). */
export function quoteRaw(name: string, dialect: Dialect): string {
  return dialect === 'mysql' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;
}

/** The column's type as the dialect spells it. */
export function columnType(column: ColumnDefinition, dialect: Dialect): string {
  const type = sqlType(column.type);
  switch (dialect) {
    case 'postgres':
      return formatSqlType(type).toUpperCase();
    case 'sqlite':
      return sqliteType(type);
    case 'mysql':
      return mysqlType(type);
  }
}

/** SQLite's storage classes: JSON, timestamps and UUIDs are text, booleans are 0/1 integers. */
function sqliteType(type: SqlType): string {
  switch (type.name) {
    case 'integer':
    case 'bigint':
    case 'serial':
    case 'bigserial':
    case 'boolean':
      return 'INTEGER';
    case 'real':
    case 'double precision':
      return 'REAL';
    case 'numeric':
      return 'NUMERIC';
    default:
      return 'TEXT';
  }
}

function mysqlType(type: SqlType): string {
  switch (type.name) {
    case 'text':
      return 'LONGTEXT';
    case 'varchar':
      return (type.length ?? 0) > MYSQL_VARCHAR_MAX ? 'LONGTEXT' : `VARCHAR(${type.length})`;
    case 'integer':
    case 'serial':
      return 'INT';
    case 'bigint':
    case 'bigserial':
      return 'BIGINT';
    case 'boolean':
      return 'BOOLEAN';
    case 'jsonb':
      return 'JSON';
    case 'timestamptz':
      return 'TIMESTAMP(6)';
    case 'timestamp':
      return 'DATETIME(6)';
    case 'date':
      return 'DATE';
    case 'uuid':
      return 'CHAR(36)';
    case 'real':
      return 'FLOAT';
    case 'double precision':
      return 'DOUBLE';
    case 'numeric':
      return `DECIMAL(${type.precision},${type.scale})`;
  }
}

/** The DEFAULT expression, written from the structured default (never from user text). */
export function defaultExpression(value: ColumnDefault, column: ColumnDefinition, dialect: Dialect): string {
  const type = sqlType(column.type);
  switch (value.kind) {
    case 'gen_random_uuid':
      return dialect === 'postgres' ? 'gen_random_uuid()' : dialect === 'sqlite' ? SQLITE_UUID : '(UUID())';
    case 'current_timestamp':
      if (type.name === 'date') return dialect === 'mysql' ? '(CURRENT_DATE)' : 'CURRENT_DATE';
      return dialect === 'mysql' ? 'CURRENT_TIMESTAMP(6)' : 'CURRENT_TIMESTAMP';
    case 'number':
      return numberLiteral(value.value);
    case 'boolean':
      return dialect === 'sqlite' ? (value.value ? '1' : '0') : value.value ? 'TRUE' : 'FALSE';
    case 'string': {
      if (dialect !== 'mysql') return `'${value.value.replaceAll("'", "''")}'`;
      // MySQL also treats a backslash as an escape inside quotes, and only accepts a default on TEXT
      // and JSON columns as an expression in parentheses.
      const literal = `'${value.value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
      return ['LONGTEXT', 'JSON'].includes(mysqlType(type)) ? `(${literal})` : literal;
    }
    default:
      throw new TypeError(`refusing to render the unvalidated default ${show(value)}`);
  }
}

/** One column as it appears in CREATE TABLE and ADD/MODIFY COLUMN. */
export function columnDefinition(column: ColumnDefinition, dialect: Dialect): string {
  const parts = [quoteIdent(column.name, dialect), columnType(column, dialect)];
  if (!column.nullable) parts.push('NOT NULL');
  else if (dialect === 'mysql') parts.push('NULL');
  if (column.default !== undefined) parts.push('DEFAULT', defaultExpression(column.default, column, dialect));
  if (dialect === 'mysql' && isSerial(sqlType(column.type))) parts.push('AUTO_INCREMENT');
  return parts.join(' ');
}

/** A column inside an index or primary key; MySQL needs a prefix length on long text. */
export function keyPart(column: ColumnDefinition, dialect: Dialect): string {
  const quoted = quoteIdent(column.name, dialect);
  if (dialect !== 'mysql') return quoted;
  const type = sqlType(column.type);
  const long = type.name === 'text' || (type.name === 'varchar' && (type.length ?? 0) > MYSQL_KEY_PREFIX);
  return long ? `${quoted}(${MYSQL_KEY_PREFIX})` : quoted;
}
