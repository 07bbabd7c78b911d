/**
 * Rules on column SQL types and defaults. They read `context.columns`: a table's columns, or the
 * `x-sql` annotations of top-level fields. A plain JSON Schema has neither, and these rules do not apply.
 */
import { parseDefault } from '../../sql/defaults.js';
import { show } from '../../sql/identifiers.js';
import { parseSqlType, type SqlType, type SqlTypeName } from '../../sql/types.js';
import type { PolicyContext, SqlColumn } from '../context.js';
import type { Finding, RuleSpec } from './rule.js';

const LARGEST_SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

/** Columns whose type is on the allowed list, parsed. */
function typedColumns(context: PolicyContext): { column: SqlColumn; type: SqlType }[] {
  return context.columns.flatMap((column) => {
    const parsed = parseSqlType(column.type);
    return 'type' in parsed ? [{ column, type: parsed.type }] : [];
  });
}

/** A rule that flags every column of one type. */
function typeRule(name: SqlTypeName, finding: (column: SqlColumn, context: PolicyContext) => Omit<Finding, 'path'>) {
  return (context: PolicyContext): Finding[] =>
    typedColumns(context)
      .filter(({ type }) => type.name === name)
      .map(({ column }) => ({ ...finding(column, context), path: context.at.field(column.path, 'type') }));
}

const label = (column: SqlColumn) => `column ${show(column.name)}`;

export const sqlTypeRules = {
  'type-not-allowed': {
    severity: 'error',
    needs: 'sql_types',
    description: 'Column types come from the safe list (text, varchar(n), integer, bigint, serial, bigserial, boolean, jsonb, timestamptz, timestamp, date, uuid, real, double precision, numeric(p,s)).',
    check: (context) =>
      context.columns.flatMap((column) => {
        const parsed = parseSqlType(column.type);
        if ('type' in parsed) return [];
        return [{ message: `${label(column)} has type ${show(column.type)}, which is not allowed`, suggestion: parsed.problem, path: context.at.field(column.path, 'type') }];
      }),
  },
  'default-not-allowed': {
    severity: 'error',
    needs: 'sql_types',
    description: "Column defaults are gen_random_uuid(), now(), CURRENT_TIMESTAMP or a literal that suits the column's type; nothing else reaches generated SQL.",
    check: (context) =>
      typedColumns(context).flatMap(({ column, type }) => {
        if (column.default === undefined) return [];
        const parsed = parseDefault(column.default, type);
        if (!('problem' in parsed)) return [];
        return [{ message: `${label(column)} has default ${show(column.default)}, which is not allowed`, suggestion: parsed.problem, path: context.at.field(column.path, 'default') }];
      }),
  },
  'text-over-varchar': {
    severity: 'warning',
    needs: 'sql_types',
    description: 'Prefer text to varchar(n): PostgreSQL stores them alike, and a length limit is cheaper to keep in payload validation than in the column type.',
    check: typeRule('varchar', (column, context) => ({
      message: `${label(column)} is ${show(column.type)}; prefer text`,
      suggestion: `${context.retype('text')}${context.input.form === 'definition' ? ' and keep "maxLength" if the limit matters' : ''}`,
    })),
  },
  'timestamptz-over-timestamp': {
    severity: 'warning',
    needs: 'sql_types',
    description: 'Prefer timestamptz to timestamp: timestamp drops the time zone, so the same instant reads differently on each server.',
    check: typeRule('timestamp', (column, context) => ({
      message: `${label(column)} is timestamp, which stores no time zone`,
      suggestion: context.retype('timestamptz'),
    })),
  },
  'bigint-precision': {
    severity: 'warning',
    needs: 'sql_types',
    description: `bigint values above ${LARGEST_SAFE_INTEGER} lose precision as JavaScript numbers; external ids belong in text.`,
    check: typeRule('bigint', (column, context) => ({
      message: `${label(column)} is bigint; JavaScript numbers lose precision above ${LARGEST_SAFE_INTEGER}`,
      suggestion: `${context.retype('integer')} if values fit in 32 bits, or to "text" for external ids; otherwise read it as a string or BigInt`,
    })),
  },
} satisfies Record<string, RuleSpec>;
