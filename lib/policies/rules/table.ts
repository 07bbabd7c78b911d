/** Rules on the table as a whole: its key, its bookkeeping columns and its indexes. */
import { primaryKeyOf, X_SQL } from '../../sql/index.js';
import { show } from '../../sql/identifiers.js';
import type { PolicyContext } from '../context.js';
import { topLevelPath } from '../fields.js';
import type { Finding, RuleSpec } from './rule.js';

const TIMESTAMP_COLUMNS = ['created_at', 'updated_at'];
const TIMESTAMP_TYPES = ['timestamptz', 'timestamp'];

/** Rules that run only with a table view; `table` is then present. */
function tableOf(context: PolicyContext) {
  const { table } = context.input;
  if (!table) throw new TypeError('a table rule ran without a table');
  return table;
}

function primaryKeyFix(context: PolicyContext): string {
  const hasId = tableOf(context).columns.some((c) => c.name === 'id');
  if (context.input.form === 'table') {
    return hasId
      ? 'set "primary_key": true on column "id"'
      : 'add a key column, e.g. {"name": "id", "type": "uuid", "primary_key": true, "default": "gen_random_uuid()"}';
  }
  return hasId
    ? `declare it at the root: "${X_SQL}": {"primary_key": ["id"]}`
    : `add an "id" property with "${X_SQL}": {"type": "uuid", "default": "gen_random_uuid()"} and declare "${X_SQL}": {"primary_key": ["id"]} at the root`;
}

function timestampFix(context: PolicyContext, name: string): string {
  return context.input.form === 'table'
    ? `add {"name": "${name}", "type": "timestamptz", "nullable": false, "default": "CURRENT_TIMESTAMP"}`
    : `add a property "${name}": {"type": "string", "format": "date-time", "${X_SQL}": {"type": "timestamptz", "default": "CURRENT_TIMESTAMP"}}`;
}

export const tableRules = {
  'primary-key-required': {
    severity: 'error',
    needs: 'table',
    description: 'A table has a primary key: without one, rows cannot be updated or deleted one at a time, nor replicated.',
    check: (context) =>
      primaryKeyOf(tableOf(context)).length > 0
        ? []
        : [{ message: `table ${show(context.input.schema_name)} has no primary key`, suggestion: primaryKeyFix(context), path: context.at.primaryKey }],
  },
  'timestamps-recommended': {
    severity: 'warning',
    needs: 'table',
    description: 'A table has created_at and updated_at timestamp columns, so changes can be traced.',
    check: (context) =>
      TIMESTAMP_COLUMNS.flatMap((name): Finding[] => {
        const column = tableOf(context).columns.find((c) => c.name === name);
        if (column === undefined) {
          return [{
            message: `table ${show(context.input.schema_name)} has no "${name}" column`,
            suggestion: `${timestampFix(context, name)} to track changes`,
            path: context.at.fieldList(''),
          }];
        }
        if (TIMESTAMP_TYPES.includes(column.type)) return [];
        return [{ message: `column "${name}" is ${column.type}, not a timestamp`, suggestion: context.retype('timestamptz'), path: context.at.field(topLevelPath(name), 'type') }];
      }),
  },
  'jsonb-needs-gin-index': {
    severity: 'info',
    needs: 'table',
    description: 'A jsonb column has a GIN index, or queries inside it scan the whole table.',
    check: (context) => {
      const table = tableOf(context);
      const indexed = new Set(table.indexes.filter((i) => i.type === 'gin').flatMap((i) => i.columns));
      return table.columns
        .filter((c) => c.type === 'jsonb' && !indexed.has(c.name))
        .map((c) => ({
          message: `jsonb column ${show(c.name)} has no GIN index`,
          suggestion: `if you query inside it, add {"columns": [${show(c.name)}], "type": "gin"} to ${context.input.form === 'table' ? '"indexes"' : `"${X_SQL}" "indexes"`}`,
          path: context.at.field(topLevelPath(c.name)),
        }));
    },
  },
} satisfies Record<string, RuleSpec>;
