/**
 * Drift: how a live table differs from the table the registry's migrations say should be there. Each
 * difference is a structured change with an explanation. The expected side is rendered with the
 * dialect's own renderer rules (its type names, its default expressions, the indexes it can build), so
 * a table the registry made itself shows no drift, and anything changed by hand does.
 */
import { columnType, defaultExpression, type Dialect } from '../sql/dialects.js';
import { parseDefault, sameDefault, type ColumnDefault } from '../sql/defaults.js';
import { skipReason } from '../sql/render.js';
import type { ColumnDefinition, IndexDefinition, TableDefinition } from '../sql/table.js';
import { formatSqlType, isSerial, sqlType, type SqlType } from '../sql/types.js';
import type { LiveColumn, LiveIndex, LiveTable } from './catalog/index.js';

export type DriftKind =
  | 'table_missing'
  | 'table_unexpected'
  | 'column_missing'
  | 'column_extra'
  | 'type_changed'
  | 'nullability_changed'
  | 'default_changed'
  | 'index_missing'
  | 'index_extra'
  | 'index_changed';

export interface DriftChange {
  kind: DriftKind;
  table: string;
  column?: string;
  index?: string;
  /** What the applied migrations say (absent: nothing should be there). */
  expected?: unknown;
  /** What the live database has (absent: nothing is there). */
  actual?: unknown;
  explanation: string;
}

/**
 * Every difference between `live` (undefined: no such table) and `expected` (null: the table should
 * not exist) on `dialect`.
 */
export function compareTable(table: string, expected: TableDefinition | null, live: LiveTable | undefined, dialect: Dialect): DriftChange[] {
  if (!expected && !live) return [];
  if (!expected) return [{ kind: 'table_unexpected', table, actual: live!.columns.map((c) => c.name), explanation: `table "${table}" exists, but its migrations were rolled back, so it should not; it was created or restored outside the registry` }];
  if (!live) return [{ kind: 'table_missing', table, expected: expected.columns.map((c) => c.name), explanation: `table "${table}" is missing: its migration is applied, but the table was dropped or renamed outside the registry` }];
  return [...compareColumns(table, expected.columns, live.columns, dialect), ...compareIndexes(table, expected, live.indexes, dialect)];
}

function compareColumns(table: string, expected: ColumnDefinition[], live: LiveColumn[], dialect: Dialect): DriftChange[] {
  const changes: DriftChange[] = [];
  const at = `column "${table}.`;
  for (const column of expected) {
    const found = live.find((c) => c.name === column.name);
    if (!found) {
      changes.push({ kind: 'column_missing', table, column: column.name, expected: column.type, explanation: `${at}${column.name}" (${column.type}) is missing: it was dropped or renamed outside the registry` });
      continue;
    }
    const type = expectedType(column, dialect);
    if (!sameType(type, found.type, dialect)) {
      changes.push({ kind: 'type_changed', table, column: column.name, expected: type, actual: found.type, explanation: `${at}${column.name}" is ${found.type}, but its migrations made it ${type}; its type was changed outside the registry` });
    }
    if (found.nullable !== column.nullable) {
      const [want, has] = column.nullable ? ['nullable', 'NOT NULL'] : ['NOT NULL', 'nullable'];
      changes.push({ kind: 'nullability_changed', table, column: column.name, expected: column.nullable, actual: found.nullable, explanation: `${at}${column.name}" is ${has}, but its migrations made it ${want}` });
    }
    if (!sameLiveDefault(found.default, column, dialect)) {
      const want = column.default === undefined ? null : defaultExpression(column.default, column, dialect);
      changes.push({
        kind: 'default_changed',
        table,
        column: column.name,
        expected: want,
        actual: found.default,
        explanation: `${at}${column.name}" has ${found.default === null ? 'no default' : `default ${found.default}`}, but its migrations gave it ${want === null ? 'none' : `default ${want}`}`,
      });
    }
  }
  for (const extra of live.filter((c) => !expected.some((e) => e.name === c.name))) {
    changes.push({ kind: 'column_extra', table, column: extra.name, actual: extra.type, explanation: `${at}${extra.name}" (${extra.type}) is not in any applied migration: it was added outside the registry` });
  }
  return changes;
}

function compareIndexes(table: string, expected: TableDefinition, live: LiveIndex[], dialect: Dialect): DriftChange[] {
  const changes: DriftChange[] = [];
  const built = expected.indexes.filter((i) => skipReason(i, i.columns.map((c) => expected.columns.find((x) => x.name === c)!), dialect) === undefined);
  for (const index of built) {
    const found = live.find((l) => l.name === index.name);
    const shape = describeIndex(index, dialect);
    if (!found) changes.push({ kind: 'index_missing', table, index: index.name, expected: shape, explanation: `index "${index.name}" on ${table} (${index.columns.join(', ')}) is missing: it was dropped outside the registry` });
    else if (!sameIndexShape(shape, found)) {
      changes.push({ kind: 'index_changed', table, index: index.name, expected: shape, actual: found, explanation: `index "${index.name}" on ${table} is ${show(found)}, but its migrations made it ${show(shape)}` });
    }
  }
  for (const extra of live.filter((l) => !built.some((i) => i.name === l.name))) {
    changes.push({ kind: 'index_extra', table, index: extra.name, actual: extra, explanation: `index "${extra.name}" on ${table} (${extra.columns.join(', ')}) is not in any applied migration: it was created outside the registry` });
  }
  return changes;
}

/** The type as the dialect's catalog reader spells what the renderer wrote. */
export function expectedType(column: ColumnDefinition, dialect: Dialect): string {
  const type = sqlType(column.type);
  if (dialect !== 'postgres') return columnType(column, dialect).toLowerCase();
  // SERIAL is an integer column with a sequence default; the catalog only knows the integer.
  if (isSerial(type)) return type.name === 'serial' ? 'integer' : 'bigint';
  return formatSqlType(type);
}

function sameType(expected: string, live: string, dialect: Dialect): boolean {
  return expected === live || (dialect === 'mysql' && expected === 'json' && live === 'longtext');
}

function describeIndex(index: IndexDefinition, dialect: Dialect): LiveIndex {
  const method = dialect === 'postgres' ? (index.type === 'gin' ? 'gin' : 'btree') : undefined;
  return { name: index.name, columns: index.columns, unique: index.type === 'unique', ...(method ? { method } : {}) };
}

function sameIndexShape(a: LiveIndex, b: LiveIndex): boolean {
  return a.unique === b.unique && a.columns.join(',') === b.columns.join(',') && (a.method === undefined || b.method === undefined || a.method === b.method);
}

const show = (i: LiveIndex) => `${i.unique ? 'unique ' : ''}${i.method && i.method !== 'btree' ? `${i.method} ` : ''}on (${i.columns.join(', ')})`;

/**
 * Whether the catalog's default text is the column's default. First as text (PostgreSQL's casts and
 * any wrapping parentheses aside), then by meaning: the catalog's text read back as a default
 * (`'-1'::integer` is the number -1, SQLite's 1 on a boolean is true).
 */
function sameLiveDefault(live: string | null, column: ColumnDefinition, dialect: Dialect): boolean {
  const type = sqlType(column.type);
  if (dialect === 'postgres' && isSerial(type)) return live !== null && /^nextval\(/i.test(live);
  if (column.default === undefined) return live === null || /^null$/i.test(live.trim());
  if (live === null) return false;
  if (normalise(live) === normalise(defaultExpression(column.default, column, dialect))) return true;
  const read = readLive(normalise(live, false), type);
  return read !== undefined && sameDefault(read, column.default);
}

function normalise(text: string, lower = true): string {
  let t = text.trim().replace(/::[a-z ]+(\(\d+(,\d+)?\))?/gi, '');
  while (/^\(.*\)$/s.test(t) && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  return lower ? t.replace(/\s+/g, '').toLowerCase() : t;
}

function balanced(t: string): boolean {
  let depth = 0;
  for (const ch of t) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function readLive(text: string, type: SqlType): ColumnDefault | undefined {
  const typeName = type.name;
  const quotedNumber = /^'([+-]?\d+(?:\.\d+)?)'$/.exec(text);
  const numeric = ['integer', 'bigint', 'real', 'double precision', 'numeric'].includes(typeName);
  let candidate: string = quotedNumber && numeric ? quotedNumber[1]! : text;
  if (typeName === 'boolean' && /^[01]$/.test(candidate)) candidate = candidate === '1' ? 'true' : 'false';
  // MySQL 8 shows a string default unquoted.
  if (!/^'.*'$/s.test(candidate) && !numeric && typeName !== 'boolean' && !/\(/.test(candidate) && !/^current_timestamp$/i.test(candidate)) candidate = `'${candidate.replaceAll("'", "''")}'`;
  const parsed = parseDefault(candidate, type);
  return 'problem' in parsed || parsed.default === null ? undefined : parsed.default;
}
