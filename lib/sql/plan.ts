/**
 * Migration plans: the dialect-free list of steps that turns one table definition into the next, each
 * with the step that undoes it. Rendering to SQL is `render.ts`'s job.
 *
 * Reversibility: every step has a reverse that restores the previous *shape* of the table (the reverse
 * of dropping a column re-adds it as it was), so a down migration always brings the catalog back. What a
 * reverse cannot bring back is data: steps that destroy values (dropping a column, a type change that is
 * not a known widening) carry `data_loss: true`, and a plan with any of them is `reversible: false`.
 * Columns and indexes are matched by name, so a rename plans as a drop plus an add, and loses data.
 */
import { ValidationError } from '../errors.js';
import { sameDefault } from './defaults.js';
import { identifierProblem } from './identifiers.js';
import { primaryKeyOf, sameIndex, type ColumnDefinition, type IndexDefinition, type TableDefinition } from './table.js';
import { isSerial, sqlType, type SqlType } from './types.js';

/** One change. `column` is always the column's full definition once the step has run (for drops: as it was). */
export type MigrationStep =
  | { op: 'create_table'; columns: ColumnDefinition[] }
  | { op: 'drop_table'; columns: ColumnDefinition[] }
  | { op: 'create_index'; index: IndexDefinition }
  | { op: 'drop_index'; index: IndexDefinition }
  | { op: 'add_column'; column: ColumnDefinition }
  | { op: 'drop_column'; column: ColumnDefinition }
  | { op: 'alter_column_type'; column: ColumnDefinition; from: string }
  | { op: 'set_not_null' | 'drop_not_null' | 'set_default' | 'drop_default'; column: ColumnDefinition };

export interface PlannedStep {
  step: MigrationStep;
  /** The step that undoes `step`'s change to the table's shape. */
  reverse: MigrationStep;
  /** Running `step` destroys values that `reverse` cannot restore. */
  data_loss: boolean;
}

export interface MigrationPlan {
  table: string;
  kind: 'create' | 'alter';
  previous: TableDefinition | null;
  next: TableDefinition;
  steps: PlannedStep[];
  /** Down restores the data as well as the shape: no step loses data. */
  reversible: boolean;
}

/**
 * Plans the migration from `previous` (null: the table does not exist yet) to `next`. Both must come
 * from `parseTableDefinition`. Throws ValidationError for changes no preview can express safely: a
 * different primary key, or a type change to or from serial/bigserial.
 */
export function planMigration(tableName: string, previous: TableDefinition | null, next: TableDefinition): MigrationPlan {
  const nameProblem = identifierProblem('table name', tableName, 'user_preferences');
  if (nameProblem) throw new ValidationError(nameProblem, { errors: [{ path: '', keyword: 'identifier', message: nameProblem }] });
  const steps = previous === null ? createSteps(next) : alterSteps(previous, next);
  return {
    table: tableName,
    kind: previous === null ? 'create' : 'alter',
    previous,
    next,
    steps,
    reversible: steps.every((s) => !s.data_loss),
  };
}

function createSteps(next: TableDefinition): PlannedStep[] {
  return [
    planned({ op: 'create_table', columns: next.columns }, { op: 'drop_table', columns: next.columns }),
    ...next.indexes.map((index) => createIndex(index)),
  ];
}

/** Order matters: indexes go before the columns they cover change, new indexes come after. */
function alterSteps(previous: TableDefinition, next: TableDefinition): PlannedStep[] {
  checkPrimaryKey(previous, next);
  const before = new Map(previous.columns.map((c) => [c.name, c]));
  const after = new Map(next.columns.map((c) => [c.name, c]));
  const kept = (index: IndexDefinition, other: TableDefinition) => other.indexes.some((o) => sameIndex(o, index));
  return [
    ...previous.indexes.filter((i) => !kept(i, next)).map((index) => planned({ op: 'drop_index', index }, { op: 'create_index', index })),
    ...previous.columns.filter((c) => !after.has(c.name)).map((column) => planned({ op: 'drop_column', column }, { op: 'add_column', column }, true)),
    ...next.columns.filter((c) => !before.has(c.name)).map((column) => planned({ op: 'add_column', column }, { op: 'drop_column', column })),
    ...next.columns.flatMap((column, i) => {
      const old = before.get(column.name);
      return old ? columnSteps(old, column, i) : [];
    }),
    ...next.indexes.filter((i) => !kept(i, previous)).map((index) => createIndex(index)),
  ];
}

/**
 * The steps that change one kept column, walking it through its intermediate states. A type change
 * drops the default before and sets it again after, so no engine has to cast a default expression
 * (PostgreSQL would keep `CURRENT_TIMESTAMP::date` where a new date column gets `CURRENT_DATE`).
 */
function columnSteps(old: ColumnDefinition, target: ColumnDefinition, position: number): PlannedStep[] {
  const steps: PlannedStep[] = [];
  let current = old;
  const move = (op: 'alter_column_type' | 'set_not_null' | 'drop_not_null' | 'set_default' | 'drop_default', change: Partial<ColumnDefinition>) => {
    const next: ColumnDefinition = { ...current, ...change };
    if (change.default === undefined && 'default' in change) delete next.default;
    steps.push(transition(op, current, next));
    current = next;
  };
  if (old.type !== target.type) {
    checkTypeChange(old, target, position);
    if (old.default !== undefined) move('drop_default', { default: undefined });
    move('alter_column_type', { type: target.type });
  }
  if (target.default !== undefined && !sameDefault(current.default, target.default)) move('set_default', { default: target.default });
  else if (target.default === undefined && current.default !== undefined) move('drop_default', { default: undefined });
  if (old.nullable !== target.nullable) move(target.nullable ? 'drop_not_null' : 'set_not_null', { nullable: target.nullable });
  return steps;
}

/** The planned step from column state `from` to `to`, its reverse going back from `to` to `from`. */
function transition(op: 'alter_column_type' | 'set_not_null' | 'drop_not_null' | 'set_default' | 'drop_default', from: ColumnDefinition, to: ColumnDefinition): PlannedStep {
  switch (op) {
    case 'alter_column_type':
      return planned({ op, column: to, from: from.type }, { op, column: from, from: to.type }, !isLossless(sqlType(from.type), sqlType(to.type)));
    case 'set_not_null':
      return planned({ op, column: to }, { op: 'drop_not_null', column: from });
    case 'drop_not_null':
      return planned({ op, column: to }, { op: 'set_not_null', column: from });
    case 'set_default':
    case 'drop_default':
      return planned({ op, column: to }, { op: from.default === undefined ? 'drop_default' : 'set_default', column: from });
  }
}

function planned(step: MigrationStep, reverse: MigrationStep, dataLoss = false): PlannedStep {
  return { step, reverse, data_loss: dataLoss };
}

function createIndex(index: IndexDefinition): PlannedStep {
  return planned({ op: 'create_index', index }, { op: 'drop_index', index });
}

function checkPrimaryKey(previous: TableDefinition, next: TableDefinition): void {
  const before = primaryKeyOf(previous).join(', ');
  const after = primaryKeyOf(next).join(', ');
  if (before === after) return;
  const message = `the primary key changes from (${before}) to (${after}); migration previews do not rewrite primary keys, so keep (${before}) or create a new table`;
  throw new ValidationError(message, { errors: [{ path: '/columns', keyword: 'primary_key', message }] });
}

function checkTypeChange(old: ColumnDefinition, target: ColumnDefinition, position: number): void {
  if (!isSerial(sqlType(old.type)) && !isSerial(sqlType(target.type))) return;
  const message = `column "${target.name}" changes type from ${old.type} to ${target.type}; serial types own a sequence and cannot be altered to or from, so keep ${old.type}`;
  throw new ValidationError(message, { errors: [{ path: `/columns/${position}/type`, keyword: 'type', message }] });
}

const WIDER_INTEGER: Record<string, number> = { integer: 10, bigint: 19 };

/** A known widening: every value of `from` survives the trip to `to` and back. */
function isLossless(from: SqlType, to: SqlType): boolean {
  if (to.name === 'text') return true;
  if (to.name === 'varchar') return (from.name === 'varchar' && (from.length ?? 0) <= (to.length ?? 0)) || (from.name === 'uuid' && (to.length ?? 0) >= 36);
  if (to.name === 'bigint') return from.name === 'integer';
  if (to.name === 'double precision') return from.name === 'real' || from.name === 'integer';
  if (to.name === 'numeric') {
    const integerDigits = (to.precision ?? 0) - (to.scale ?? 0);
    if (from.name === 'numeric') return (from.scale ?? 0) <= (to.scale ?? 0) && (from.precision ?? 0) - (from.scale ?? 0) <= integerDigits;
    return (WIDER_INTEGER[from.name] ?? Infinity) <= integerDigits;
  }
  return false;
}
