/**
 * Table definitions: the relational alternative to a JSON Schema in a schema request. The parser is the
 * only way in: it refuses anything it cannot render safely in every dialect and returns a normalised
 * definition (lower-case types, structured defaults, explicit flags, named indexes).
 */
import { ValidationError, type ErrorDetail } from '../errors.js';
import { parseDefault, type ColumnDefault } from './defaults.js';
import { identifierProblem, MAX_IDENTIFIER_LENGTH, show } from './identifiers.js';
import { formatSqlType, isSerial, parseSqlType, sqlType, type SqlType } from './types.js';
import { isObject } from '../util/json.js';
import { escapePointerToken } from '../util/json-pointer.js';

export interface ColumnDefinition {
  name: string;
  /** Normalised type, e.g. `varchar(255)`. */
  type: string;
  primary_key: boolean;
  nullable: boolean;
  /** Absent when the column has no default (a `null` default is the same thing). */
  default?: ColumnDefault;
  description?: string;
}

export type IndexType = 'btree' | 'gin' | 'unique';

export interface IndexDefinition {
  /** Given, or generated as `idx_<table>_<columns>`. */
  name: string;
  columns: string[];
  type: IndexType;
}

export interface TableDefinition {
  columns: ColumnDefinition[];
  indexes: IndexDefinition[];
}

/** Limits every dialect accepts (PostgreSQL: 1600 columns; MySQL: 64 indexes of 16 columns). */
const MAX_COLUMNS = 1600;
const MAX_INDEXES = 64;
const MAX_INDEX_COLUMNS = 16;
const MAX_DESCRIPTION_LENGTH = 1000;

const TABLE_KEYS = ['columns', 'indexes'];
const COLUMN_KEYS = ['name', 'type', 'primary_key', 'nullable', 'default', 'description'];
const INDEX_KEYS = ['name', 'columns', 'type'];
const INDEX_TYPES: readonly string[] = ['btree', 'gin', 'unique'];
/** Spellings from other formats (the seed requests use camelCase), mapped to ours for the hint. */
const KEY_HINTS: Record<string, string> = {
  primaryKey: 'primary_key',
  defaultValue: 'default',
  isNullable: 'nullable',
  fields: 'columns',
  unique: 'type: "unique"',
};

/** The columns of the primary key, in column order. */
export function primaryKeyOf(table: TableDefinition): string[] {
  return table.columns.filter((c) => c.primary_key).map((c) => c.name);
}

/** True when two indexes are the same: name, type and columns in order. */
export function sameIndex(a: IndexDefinition, b: IndexDefinition): boolean {
  return a.name === b.name && a.type === b.type && a.columns.join(',') === b.columns.join(',');
}

/**
 * Validates and normalises an untrusted table definition. Throws ValidationError (422) listing every
 * problem with a JSON pointer into `input` (the table name itself is reported at "").
 */
export function parseTableDefinition(input: unknown, tableName: string): TableDefinition {
  const errors: ErrorDetail[] = [];
  const report = (path: string, keyword: string, message: string) => errors.push({ path, keyword, message });

  const nameProblem = identifierProblem('table name', tableName, 'user_preferences');
  if (nameProblem) report('', 'identifier', nameProblem);

  if (!isObject(input)) {
    report('', 'type', 'a table definition must be an object with "columns" and optional "indexes", e.g. {"columns": [{"name": "id", "type": "uuid", "primary_key": true}]}');
    throw invalid(tableName, errors);
  }
  checkKeys(input, TABLE_KEYS, '', report);
  const columns = parseColumns(input.columns, report);
  const indexes = parseIndexes(input.indexes, tableName, declaredColumnNames(input.columns), columns, report);
  if (errors.length > 0) throw invalid(tableName, errors);
  return { columns, indexes };
}

type Report = (path: string, keyword: string, message: string) => void;

function parseColumns(input: unknown, report: Report): ColumnDefinition[] {
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_COLUMNS) {
    report('/columns', 'columns', `"columns" must be an array of 1 to ${MAX_COLUMNS} columns, e.g. [{"name": "id", "type": "uuid", "primary_key": true}]`);
    return [];
  }
  const columns: ColumnDefinition[] = [];
  const firstIndexByName = new Map<string, number>();
  input.forEach((raw, i) => {
    const path = `/columns/${i}`;
    const column = parseColumn(raw, path, report);
    if (!column) return;
    const earlier = firstIndexByName.get(column.name);
    if (earlier !== undefined) {
      report(`${path}/name`, 'duplicate', `column name "${column.name}" is already used by column ${earlier}; give each column its own name, e.g. "${column.name}_2"`);
      return;
    }
    firstIndexByName.set(column.name, i);
    columns.push(column);
  });
  checkSerialColumns(columns, input, report);
  return columns;
}

function parseColumn(raw: unknown, path: string, report: Report): ColumnDefinition | undefined {
  if (!isObject(raw)) {
    report(path, 'type', 'a column must be an object, e.g. {"name": "user_id", "type": "text"}');
    return undefined;
  }
  let ok = checkKeys(raw, COLUMN_KEYS, path, report);
  const nameProblem = identifierProblem('column name', raw.name, 'user_id');
  if (nameProblem) report(`${path}/name`, 'identifier', nameProblem);
  const type = parseSqlType(raw.type);
  if ('problem' in type) report(`${path}/type`, 'type', type.problem);
  const primaryKey = readFlag(raw, 'primary_key', false, path, report);
  const nullable = readFlag(raw, 'nullable', !primaryKey, path, report);
  if (primaryKey && nullable) {
    report(`${path}/nullable`, 'primary_key', `column ${show(raw.name)} is in the primary key, which cannot be nullable; remove "nullable": true`);
    ok = false;
  }
  if (primaryKey && 'type' in type && type.type.name === 'jsonb') {
    report(`${path}/primary_key`, 'primary_key', `jsonb column ${show(raw.name)} cannot be in the primary key (MySQL cannot index JSON); key on a text or uuid column`);
    ok = false;
  }
  let columnDefault: ColumnDefault | null = null;
  if ('type' in type && raw.default !== undefined) {
    const parsed = parseDefault(raw.default, type.type);
    if ('problem' in parsed) {
      report(`${path}/default`, 'default', parsed.problem);
      ok = false;
    } else columnDefault = parsed.default;
  }
  const description = raw.description;
  if (description !== undefined && (typeof description !== 'string' || description.length > MAX_DESCRIPTION_LENGTH)) {
    report(`${path}/description`, 'description', `description must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters`);
    ok = false;
  }
  if (!ok || nameProblem || !('type' in type) || primaryKey === undefined || nullable === undefined) return undefined;
  const column: ColumnDefinition = { name: raw.name as string, type: formatSqlType(type.type), primary_key: primaryKey, nullable };
  if (columnDefault) column.default = columnDefault;
  if (typeof description === 'string') column.description = description;
  return column;
}

function readFlag(raw: Record<string, unknown>, key: string, fallback: boolean, path: string, report: Report): boolean | undefined {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  report(`${path}/${key}`, 'type', `"${key}" must be true or false, not ${show(value)}`);
  return undefined;
}

/**
 * A serial column must be the whole primary key: only then does every dialect generate its values
 * (SQLite's rowid alias, MySQL's AUTO_INCREMENT key).
 */
function checkSerialColumns(columns: ColumnDefinition[], input: unknown[], report: Report): void {
  const primaryKey = columns.filter((c) => c.primary_key);
  for (const column of columns) {
    if (!isSerial(sqlType(column.type))) continue;
    if (column.primary_key && primaryKey.length === 1) continue;
    report(`/columns/${input.findIndex((raw) => isObject(raw) && raw.name === column.name)}/type`, 'serial',
      `${column.type} column "${column.name}" must be the table's only primary key column; make it the primary key or use ${column.type === 'serial' ? 'integer' : 'bigint'}`);
  }
}

/** Every well-named column, valid or not, so a bad type is not reported again as a missing index column. */
function declaredColumnNames(input: unknown): string[] {
  if (!Array.isArray(input)) return [];
  return input.flatMap((raw) => (isObject(raw) && identifierProblem('column name', raw.name, 'x') === undefined ? [raw.name as string] : []));
}

function parseIndexes(input: unknown, table: string, declared: string[], columns: ColumnDefinition[], report: Report): IndexDefinition[] {
  if (input === undefined) return [];
  if (!Array.isArray(input) || input.length > MAX_INDEXES) {
    report('/indexes', 'indexes', `"indexes" must be an array of at most ${MAX_INDEXES} indexes, e.g. [{"columns": ["user_id"]}]`);
    return [];
  }
  const types = new Map(columns.map((c) => [c.name, sqlType(c.type)]));
  const indexes: IndexDefinition[] = [];
  const names = new Map<string, number>();
  input.forEach((raw, i) => {
    const path = `/indexes/${i}`;
    const index = parseIndex(raw, path, table, declared, types, report);
    if (!index) return;
    const earlier = names.get(index.name);
    if (earlier !== undefined) {
      report(`${path}/name`, 'duplicate', `index name "${index.name}" is already used by index ${earlier}; give each index its own name, e.g. "${index.name}_2"`);
      return;
    }
    if (index.name === table || index.name === `${table}_pkey`) {
      report(`${path}/name`, 'identifier', `index name "${index.name}" clashes with the table or its primary key; use e.g. "idx_${table}_${index.columns[0]}"`);
      return;
    }
    names.set(index.name, i);
    indexes.push(index);
  });
  return indexes;
}

function parseIndex(raw: unknown, path: string, table: string, declared: string[], types: Map<string, SqlType>, report: Report): IndexDefinition | undefined {
  if (!isObject(raw)) {
    report(path, 'type', 'an index must be an object, e.g. {"columns": ["user_id"]}');
    return undefined;
  }
  let ok = checkKeys(raw, INDEX_KEYS, path, report);
  const columns = parseIndexColumns(raw.columns, `${path}/columns`, declared, report);
  const type = raw.type === undefined ? 'btree' : typeof raw.type === 'string' ? raw.type.toLowerCase() : undefined;
  if (type === undefined || !INDEX_TYPES.includes(type)) {
    report(`${path}/type`, 'index_type', `index type ${show(raw.type)} is not supported; use "btree", "unique" or "gin"`);
    ok = false;
  } else if (type === 'gin' && columns) {
    const notJson = columns.find((c) => types.has(c) && types.get(c)?.name !== 'jsonb');
    if (notJson !== undefined) {
      report(`${path}/type`, 'index_type', `a gin index needs jsonb columns, and "${notJson}" is ${types.get(notJson)?.name}; use a "btree" index`);
      ok = false;
    }
  }
  const fallbackName = columns ? generatedIndexName(table, columns) : `idx_${table}`;
  const nameProblem = raw.name === undefined ? undefined : identifierProblem('index name', raw.name, fallbackName);
  if (nameProblem) report(`${path}/name`, 'identifier', nameProblem);
  if (!ok || nameProblem || !columns) return undefined;
  return { name: typeof raw.name === 'string' ? raw.name : fallbackName, columns, type: type as IndexType };
}

function parseIndexColumns(input: unknown, path: string, declared: string[], report: Report): string[] | undefined {
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_INDEX_COLUMNS) {
    report(path, 'index_columns', `index "columns" must be an array of 1 to ${MAX_INDEX_COLUMNS} column names, e.g. ["user_id"]`);
    return undefined;
  }
  let ok = true;
  input.forEach((name, j) => {
    if (typeof name !== 'string' || !declared.includes(name)) {
      report(`${path}/${j}`, 'index_columns', `index column ${show(name)} is not a column of the table; use one of ${declared.slice(0, 10).join(', ')}`);
      ok = false;
    } else if (input.indexOf(name) !== j) {
      report(`${path}/${j}`, 'duplicate', `index column "${name}" is listed twice; list each column once`);
      ok = false;
    }
  });
  return ok ? (input as string[]) : undefined;
}

/** `idx_<table>_<columns>`; too long a name is cut and given a hash suffix so it stays unique. */
function generatedIndexName(table: string, columns: string[]): string {
  const full = `idx_${table}_${columns.join('_')}`;
  if (full.length <= MAX_IDENTIFIER_LENGTH) return full;
  return `${full.slice(0, MAX_IDENTIFIER_LENGTH - 9)}_${fnv1a(full)}`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function checkKeys(raw: Record<string, unknown>, allowed: string[], path: string, report: Report): boolean {
  const unknown = Object.keys(raw).filter((key) => !allowed.includes(key));
  for (const key of unknown) {
    const hint = Object.hasOwn(KEY_HINTS, key) ? `use ${KEY_HINTS[key]}` : `use only ${allowed.join(', ')}`;
    report(`${path}/${escapePointerToken(key)}`, 'unknown_property', `unknown property ${show(key)}; ${hint}`);
  }
  return unknown.length === 0;
}

function invalid(tableName: string, errors: ErrorDetail[]): ValidationError {
  const first = errors[0]?.message ?? '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  return new ValidationError(`table definition ${show(tableName)} is invalid: ${first}${more}`, { errors });
}

