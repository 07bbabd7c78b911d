/**
 * Renders a migration plan as up and down SQL for one dialect. Down is the plan's reverse steps in
 * reverse order. Statements are idempotent where the dialect allows it (IF [NOT] EXISTS); MySQL has no
 * IF NOT EXISTS for indexes or columns, so its ALTERs and CREATE INDEX run once.
 *
 * Dialect decisions:
 * - SQLite cannot alter a column's type, nullability or default, and its ADD COLUMN has no IF NOT EXISTS,
 *   so every column change is one table rebuild (create the target table under a name no user table can
 *   have, copy the shared columns, drop, rename, recreate the indexes both versions share). Running it
 *   again gives the same table, so it is idempotent too. Runners should wrap each file in a transaction,
 *   as for any multi-statement migration, so a failed copy leaves the old table in place.
 * - GIN indexes exist only in PostgreSQL. SQLite and MySQL get a comment instead: a B-tree over JSON
 *   text serves no containment query, and MySQL cannot index a JSON column at all (so any MySQL index
 *   with a jsonb column becomes a comment).
 */
import { columnDefinition, columnType, defaultExpression, keyPart, quoteIdent, quoteRaw, type Dialect } from './dialects.js';
import type { MigrationPlan, MigrationStep } from './plan.js';
import { sameIndex, type ColumnDefinition, type IndexDefinition, type TableDefinition } from './table.js';
import { sqlType } from './types.js';

export interface MigrationPreview {
  /** e.g. `20231205_120000_create_caricatures` (UTC). */
  file_name: string;
  dialect: Dialect;
  up_sql: string;
  down_sql: string;
  reversible: boolean;
}

/** Renders `plan` for `dialect`; `now` (injected) names the file. */
export function renderMigration(plan: MigrationPlan, dialect: Dialect, now: Date): MigrationPreview {
  const { up, down } = renderStatements(plan, dialect);
  return {
    file_name: `${timestamp(now)}_${plan.kind}_${plan.table}`,
    dialect,
    up_sql: toFile(up),
    down_sql: toFile(down),
    reversible: plan.reversible,
  };
}

/** The statements (without trailing semicolons) and `-- ` comments of both directions, in order. */
export function renderStatements(plan: MigrationPlan, dialect: Dialect): { up: string[]; down: string[] } {
  quoteIdent(plan.table, dialect);
  return {
    up: renderSteps(plan.steps.map((s) => s.step), { table: plan.table, dialect, from: plan.previous, to: plan.next }),
    down: renderSteps(plan.steps.map((s) => s.reverse).reverse(), { table: plan.table, dialect, from: plan.next, to: plan.previous }),
  };
}

interface Context {
  table: string;
  dialect: Dialect;
  /** The table before and after this direction runs (null: it does not exist). */
  from: TableDefinition | null;
  to: TableDefinition | null;
}

const COLUMN_OPS = new Set<MigrationStep['op']>(['add_column', 'drop_column', 'alter_column_type', 'set_not_null', 'drop_not_null', 'set_default', 'drop_default']);

function renderSteps(steps: MigrationStep[], context: Context): string[] {
  const statements: string[] = [];
  let rebuilt = false;
  for (const step of steps) {
    if (context.dialect === 'sqlite' && COLUMN_OPS.has(step.op)) {
      if (!rebuilt) statements.push(...sqliteRebuild(context));
      rebuilt = true;
    } else {
      statements.push(renderStep(step, context));
    }
  }
  return statements;
}

function renderStep(step: MigrationStep, { table, dialect, from, to }: Context): string {
  const t = quoteIdent(table, dialect);
  switch (step.op) {
    case 'create_table':
      return createTable(t, step.columns, dialect);
    case 'drop_table':
      return `DROP TABLE IF EXISTS ${t}`;
    case 'create_index':
      return createIndex(table, step.index, findColumns(step.index, to), dialect);
    case 'drop_index':
      return dropIndex(table, step.index, findColumns(step.index, from), dialect);
    case 'add_column':
      return `ALTER TABLE ${t} ADD COLUMN ${dialect === 'postgres' ? 'IF NOT EXISTS ' : ''}${columnDefinition(step.column, dialect)}`;
    case 'drop_column':
      return `ALTER TABLE ${t} DROP COLUMN ${dialect === 'postgres' ? 'IF EXISTS ' : ''}${quoteIdent(step.column.name, dialect)}`;
    default:
      return alterColumn(t, step, dialect);
  }
}

/** PostgreSQL alters one attribute; MySQL restates the whole column (MODIFY resets what it omits). */
function alterColumn(t: string, step: Extract<MigrationStep, { column: ColumnDefinition }>, dialect: Dialect): string {
  if (dialect === 'mysql') return `ALTER TABLE ${t} MODIFY COLUMN ${columnDefinition(step.column, dialect)}`;
  const c = `ALTER TABLE ${t} ALTER COLUMN ${quoteIdent(step.column.name, dialect)}`;
  switch (step.op) {
    case 'alter_column_type': {
      const type = columnType(step.column, dialect);
      return `${c} TYPE ${type} USING ${quoteIdent(step.column.name, dialect)}::${type}`;
    }
    case 'set_not_null':
      return `${c} SET NOT NULL`;
    case 'drop_not_null':
      return `${c} DROP NOT NULL`;
    case 'set_default':
      if (!step.column.default) throw new TypeError(`set_default on ${step.column.name} carries no default`);
      return `${c} SET DEFAULT ${defaultExpression(step.column.default, step.column, dialect)}`;
    default:
      return `${c} DROP DEFAULT`;
  }
}

function createTable(quotedName: string, columns: ColumnDefinition[], dialect: Dialect, ifNotExists = true): string {
  const lines = columns.map((column) => columnDefinition(column, dialect));
  const primaryKey = columns.filter((c) => c.primary_key);
  if (primaryKey.length > 0) lines.push(`PRIMARY KEY (${primaryKey.map((c) => keyPart(c, dialect)).join(', ')})`);
  return `CREATE TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}${quotedName} (\n  ${lines.join(',\n  ')}\n)`;
}

/** Why a dialect skips an index, or undefined when it can build it. */
export function skipReason(index: IndexDefinition, columns: ColumnDefinition[], dialect: Dialect): string | undefined {
  if (dialect === 'postgres') return undefined;
  if (index.type === 'gin') return `${dialect === 'sqlite' ? 'SQLite' : 'MySQL'} has no GIN indexes`;
  if (dialect === 'mysql' && columns.some((c) => sqlType(c.type).name === 'jsonb')) return 'MySQL cannot index a JSON column';
  return undefined;
}

function createIndex(table: string, index: IndexDefinition, columns: ColumnDefinition[], dialect: Dialect): string {
  const name = quoteIdent(index.name, dialect);
  const skip = skipReason(index, columns, dialect);
  if (skip) return `-- index ${name} not created: ${skip}`;
  const unique = index.type === 'unique' ? 'UNIQUE ' : '';
  const ifNotExists = dialect === 'mysql' ? '' : 'IF NOT EXISTS ';
  const using = index.type === 'gin' ? ' USING gin' : '';
  return `CREATE ${unique}INDEX ${ifNotExists}${name} ON ${quoteIdent(table, dialect)}${using} (${columns.map((c) => keyPart(c, dialect)).join(', ')})`;
}

function dropIndex(table: string, index: IndexDefinition, columns: ColumnDefinition[], dialect: Dialect): string {
  const name = quoteIdent(index.name, dialect);
  const skip = skipReason(index, columns, dialect);
  if (skip) return `-- index ${name} not dropped: ${skip}`;
  return dialect === 'mysql' ? `DROP INDEX ${name} ON ${quoteIdent(table, dialect)}` : `DROP INDEX IF EXISTS ${name}`;
}

/**
 * SQLite's way to change columns: build the target table beside the old one, copy the columns both
 * have, swap. The temporary name contains `$`, which no validated identifier can, so it never
 * collides with (and the leading DROP never destroys) a user table.
 */
function sqliteRebuild({ table, dialect, from, to }: Context): string[] {
  if (!from || !to) throw new TypeError('a column change needs the table before and after');
  const t = quoteIdent(table, dialect);
  const temporary = quoteRaw(`${table}$rebuild`, dialect);
  const shared = to.columns.filter((c) => from.columns.some((o) => o.name === c.name)).map((c) => quoteIdent(c.name, dialect)).join(', ');
  const keptIndexes = to.indexes.filter((i) => from.indexes.some((o) => sameIndex(o, i)));
  return [
    `DROP TABLE IF EXISTS ${temporary}`,
    createTable(temporary, to.columns, dialect, false),
    ...(shared === '' ? [] : [`INSERT INTO ${temporary} (${shared}) SELECT ${shared} FROM ${t}`]),
    `DROP TABLE ${t}`,
    `ALTER TABLE ${temporary} RENAME TO ${t}`,
    ...keptIndexes.map((index) => createIndex(table, index, findColumns(index, to), dialect)),
  ];
}

/** The index's columns in `table`: the table the index is created in, or dropped from. */
function findColumns(index: IndexDefinition, table: TableDefinition | null): ColumnDefinition[] {
  return index.columns.map((name) => {
    const column = table?.columns.find((c) => c.name === name);
    if (!column) throw new TypeError(`index ${index.name} names the unknown column ${name}`);
    return column;
  });
}

function timestamp(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`;
}

function toFile(statements: string[]): string {
  if (statements.length === 0) return '-- no changes\n';
  return `${statements.map((s) => (s.startsWith('-- ') ? s : `${s};`)).join('\n\n')}\n`;
}
