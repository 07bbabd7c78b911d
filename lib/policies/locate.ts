/**
 * Where a violation points: JSON pointers into the request as the user sent it. A table request lists
 * columns (`/table/columns/2/type`); a definition nests properties (`/definition/properties/a/properties/b`)
 * and keeps SQL details under `x-sql`. Rules ask for a field or column and get the right pointer for the form.
 */
import type { FieldDescription } from '../engines/types.js';
import { X_SQL } from '../sql/index.js';
import { isObject } from '../util/json.js';
import { topLevelPath } from './fields.js';
import type { PolicyInput } from './types.js';

/** The part of a field a violation is about; absent: the field as a whole. */
export type FieldPart = 'name' | 'type' | 'default';

export interface Locator {
  readonly schemaName: string;
  /** The field at document path `path` (a FieldDescription path), or one of its parts. */
  field(path: string, part?: FieldPart): string;
  /** Where the fields under document path `parent` ('' for the top level) are listed. */
  fieldList(parent: string): string;
  /** Where the primary key is declared. */
  readonly primaryKey: string;
  /** Where indexes are declared. */
  readonly indexes: string;
  /** A `Change.path` (a pointer into the definition) as a pointer into the request. */
  change(path: string): string;
}

/** A document path (`/a/-/b`) as a pointer into a JSON Schema (`/properties/a/items/properties/b`). */
function schemaPointer(path: string): string {
  if (path === '') return '';
  return path
    .slice(1)
    .split('/')
    .map((token) => (token === '-' ? '/items' : `/properties/${token}`))
    .join('');
}

export function locatorFor(input: PolicyInput): Locator {
  return input.form === 'table' ? tableLocator(input.table.columns.map((c) => c.name)) : definitionLocator(input.fields);
}

function tableLocator(columnNames: string[]): Locator {
  const positions = new Map(columnNames.map((name, i) => [topLevelPath(name), i]));
  const column = (path: string) => {
    const i = positions.get(path);
    return i === undefined ? '/table/columns' : `/table/columns/${i}`;
  };
  return {
    schemaName: '/schema_name',
    field: (path, part) => (part === undefined || !positions.has(path) ? column(path) : `${column(path)}/${part}`),
    fieldList: () => '/table/columns',
    primaryKey: '/table/columns',
    indexes: '/table/indexes',
    change(path) {
      const match = /^\/properties\/([^/]+)/.exec(path);
      return match?.[1] === undefined ? '/table' : column(`/${match[1]}`);
    },
  };
}

function definitionLocator(fields: FieldDescription[]): Locator {
  const hints = new Map(fields.map((f) => [f.path, f.annotations?.[X_SQL]]));
  return {
    schemaName: '/schema_name',
    field(path, part) {
      const property = `/definition${schemaPointer(path)}`;
      if (part === undefined || part === 'name') return property;
      const xSql = hints.get(path);
      return isObject(xSql) && part in xSql ? `${property}/${X_SQL}/${part}` : `${property}/${part}`;
    },
    fieldList: (parent) => `/definition${schemaPointer(parent)}/properties`,
    primaryKey: `/definition/${X_SQL}/primary_key`,
    indexes: `/definition/${X_SQL}/indexes`,
    change: (path) => `/definition${path}`,
  };
}
