/**
 * What every rule sees: the input plus the views derived from it once per evaluation (top-level fields,
 * SQL columns, pointers, the field diff), so rules stay small and agree on wording.
 */
import type { FieldDescription } from '../engines/types.js';
import { formatDefault, X_SQL } from '../sql/index.js';
import { show } from '../sql/identifiers.js';
import { isObject } from '../util/json.js';
import { diffFields, type FieldDiff } from './diff.js';
import { isTopLevel, topLevelPath } from './fields.js';
import { locatorFor, type Locator } from './locate.js';
import type { PolicyInput } from './types.js';

/** A column as SQL rules read it. */
export interface SqlColumn {
  name: string;
  /** The document path of its field. */
  path: string;
  /** The SQL type as written: normalised when it comes from a table, raw from an `x-sql` annotation. */
  type: unknown;
  /** The default as SQL text; absent when the column has none. */
  default?: unknown;
}

export interface PolicyContext {
  readonly input: PolicyInput;
  readonly at: Locator;
  readonly maxFields: number;
  /** Fields that become columns: the top-level properties. */
  readonly topLevel: FieldDescription[];
  /** Columns with a SQL type: the table's, or top-level fields annotated with an `x-sql` type. */
  readonly columns: SqlColumn[];
  /** Top-level field names in use, so a suggested name never collides with another field. */
  readonly takenNames: ReadonlySet<string>;
  /** `column "x"`, `field "x"`, or `field "x" at /a/x` for a nested one. */
  label(field: Pick<FieldDescription, 'name' | 'path'>): string;
  /** How to change a column's SQL type, in the request's own terms. */
  retype(type: string): string;
  /** The previous version's fields against the proposal's; undefined for a new schema. */
  diff(): FieldDiff | undefined;
}

export function buildContext(input: PolicyInput, maxFields: number): PolicyContext {
  const topLevel = input.fields.filter(isTopLevel);
  const columns = input.table
    ? input.table.columns.map((c) => ({ name: c.name, path: topLevelPath(c.name), type: c.type, ...(c.default && { default: formatDefault(c.default) }) }))
    : topLevel.flatMap((field) => annotatedColumn(field) ?? []);
  const noun = input.table ? 'column' : 'field';
  let diff: FieldDiff | undefined | null = null;
  return {
    input,
    at: locatorFor(input),
    maxFields,
    topLevel,
    columns,
    takenNames: new Set(topLevel.map((f) => f.name)),
    label: (field) => (field.path === topLevelPath(field.name) ? `${noun} ${show(field.name)}` : `field ${show(field.name)} at ${show(field.path)}`),
    retype: (type) => (input.form === 'table' ? `change its "type" to "${type}"` : `set its "${X_SQL}" "type" to "${type}"`),
    diff() {
      if (diff === null) diff = input.previous && diffFields(input.previous, input);
      return diff;
    },
  };
}

/** A field's column as its `x-sql` annotation describes it, when the annotation gives a type. */
function annotatedColumn(field: FieldDescription): SqlColumn | undefined {
  const hints = field.annotations?.[X_SQL];
  if (!isObject(hints) || hints.type === undefined) return undefined;
  return { name: field.name, path: field.path, type: hints.type, ...(hints.default !== undefined && { default: hints.default }) };
}
