/**
 * Table definition <-> JSON Schema (draft 2020-12). The JSON Schema validates payloads meant for the
 * table; everything JSON Schema cannot say (SQL type, primary key, defaults, indexes) travels under the
 * `x-sql` annotation keyword, so `jsonSchemaToTable(tableToJsonSchema(name, t), name)` gives back `t`.
 *
 * Nullability, both ways: a column is NOT NULL exactly when its property refuses null and is either
 * required or has a default (a serial column counts as having one). A nullable column's property accepts
 * null (`type: [t, "null"]`; jsonb: `{}`), a NOT NULL jsonb column's property is `{"not": {"type": "null"}}`.
 */
import type { Json } from '../engines/types.js';
import { ValidationError, type ErrorDetail } from '../errors.js';
import { formatDefault, jsonDefault } from './defaults.js';
import { show } from './identifiers.js';
import { parseTableDefinition, primaryKeyOf, type ColumnDefinition, type TableDefinition } from './table.js';
import { isSerial, parseSqlType, sqlType, type SqlType } from './types.js';
import { isObject } from '../util/json.js';
import { escapePointerToken } from '../util/json-pointer.js';

const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
/** The annotation keyword carrying SQL details; the JSON Schema engine must register it. */
export const X_SQL = 'x-sql';

const INT32 = { minimum: -2147483648, maximum: 2147483647 };

/** The JSON Schema of payloads for table `name`. */
export function tableToJsonSchema(name: string, table: TableDefinition): { [key: string]: Json } {
  const properties: { [key: string]: Json } = {};
  for (const column of table.columns) properties[column.name] = columnToProperty(column);
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title: name,
    type: 'object',
    properties,
    required: table.columns.filter(isRequired).map((c) => c.name),
    additionalProperties: false,
    [X_SQL]: {
      primary_key: primaryKeyOf(table),
      indexes: table.indexes.map((index) => ({ name: index.name, columns: [...index.columns], type: index.type })),
    },
  };
}

/** NOT NULL and nothing fills it in: the payload must carry it. */
function isRequired(column: ColumnDefinition): boolean {
  return !column.nullable && column.default === undefined && !isSerial(sqlType(column.type));
}

function columnToProperty(column: ColumnDefinition): { [key: string]: Json } {
  const type = sqlType(column.type);
  const property = valueSchema(type);
  if (typeof property.type === 'string') {
    if (column.nullable) property.type = [property.type, 'null'];
  } else if (!column.nullable) {
    property.not = { type: 'null' };
  }
  if (column.description !== undefined) property.description = column.description;
  const xSql: { [key: string]: Json } = { type: column.type };
  if (column.default !== undefined) {
    xSql.default = formatDefault(column.default);
    const value = jsonDefault(column.default, type);
    if (value !== undefined) property.default = value;
  }
  property[X_SQL] = xSql;
  return property;
}

function valueSchema(type: SqlType): { [key: string]: Json } {
  switch (type.name) {
    case 'text':
      return { type: 'string' };
    case 'varchar':
      return { type: 'string', maxLength: type.length ?? 0 };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'timestamptz':
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'integer':
    case 'serial':
      return { type: 'integer', ...INT32 };
    case 'bigint':
    case 'bigserial':
      return { type: 'integer' };
    case 'boolean':
      return { type: 'boolean' };
    case 'real':
    case 'double precision':
    case 'numeric':
      return { type: 'number' };
    case 'jsonb':
      return {};
  }
}

/**
 * The table for a JSON Schema: each top-level property becomes a column. With `x-sql` the SQL details
 * come from it; without, the type follows the property: string -> text (format uuid -> uuid, date-time ->
 * timestamptz, date -> date), integer -> bigint, number -> double precision, boolean -> boolean, anything
 * else (object, array, several types, no type) -> jsonb; a scalar `default` becomes a literal default.
 * Throws ValidationError with pointers into `definition`.
 */
export function jsonSchemaToTable(definition: unknown, tableName: string): TableDefinition {
  if (!isObject(definition) || !isObject(definition.properties)) {
    const message = 'a table schema must be a JSON Schema object with "properties", one per column, e.g. {"type": "object", "properties": {"id": {"type": "string"}}}';
    throw new ValidationError(message, { errors: [{ path: isObject(definition) ? '/properties' : '', keyword: 'properties', message }] });
  }
  const errors: ErrorDetail[] = [];
  const root = readXSql(definition[X_SQL], ['primary_key', 'indexes'], `/${X_SQL}`, errors);
  const primaryKey = Array.isArray(root.primary_key) ? root.primary_key : [];
  if (root.primary_key !== undefined && !primaryKey.every((key) => typeof key === 'string' && Object.hasOwn(definition.properties as object, key))) {
    errors.push({ path: `/${X_SQL}/primary_key`, keyword: X_SQL, message: `${X_SQL} primary_key must list property names, e.g. ["id"]` });
  }
  const required = Array.isArray(definition.required) ? definition.required : [];
  const sources = Object.entries(definition.properties).map(([name, schema]) => {
    const base = `/properties/${escapePointerToken(name)}`;
    const property = schema === true ? {} : schema;
    if (!isObject(property)) {
      errors.push({ path: base, keyword: 'properties', message: `property ${show(name)} must be a schema object to become a column, e.g. {"type": "string"}` });
      return { name, base, property: {}, xSql: {} };
    }
    return { name, base, property, xSql: readXSql(property[X_SQL], ['type', 'default'], `${base}/${X_SQL}`, errors) };
  });
  if (errors.length > 0) throw new ValidationError(`table schema for ${show(tableName)} is invalid: ${errors[0]?.message}`, { errors });

  const columns = sources.map(({ name, property, xSql }) => {
    const type = xSql.type ?? inferType(property);
    const columnDefault = 'default' in xSql ? xSql.default : sqlDefaultOf(property.default);
    const parsedType = parseSqlType(type);
    const hasDefault = (columnDefault !== undefined && columnDefault !== null) || ('type' in parsedType && isSerial(parsedType.type));
    const column: Record<string, unknown> = {
      name,
      type,
      primary_key: primaryKey.includes(name),
      nullable: acceptsNull(property) || (!required.includes(name) && !hasDefault),
    };
    if (columnDefault !== undefined) column.default = columnDefault;
    if (property.description !== undefined) column.description = property.description;
    return column;
  });
  const table = parseWithSchemaPointers({ columns, indexes: root.indexes ?? [] }, tableName, sources);
  checkTypesAgree(table, sources);
  return table;
}

type Source = { name: string; base: string; property: Record<string, unknown>; xSql: Record<string, unknown> };

function readXSql(value: unknown, allowed: string[], path: string, errors: ErrorDetail[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    errors.push({ path, keyword: X_SQL, message: `${X_SQL} must be an object with ${allowed.join(', ')}` });
    return {};
  }
  for (const key of Object.keys(value).filter((k) => !allowed.includes(k))) {
    errors.push({ path: `${path}/${escapePointerToken(key)}`, keyword: X_SQL, message: `unknown ${X_SQL} property ${show(key)}; use only ${allowed.join(', ')}` });
  }
  return value;
}

function inferType(property: Record<string, unknown>): string {
  const types = (Array.isArray(property.type) ? property.type : [property.type]).filter((t) => t !== 'null' && t !== undefined);
  if (types.length !== 1) return 'jsonb';
  switch (types[0]) {
    case 'string':
      return property.format === 'uuid' ? 'uuid' : property.format === 'date-time' ? 'timestamptz' : property.format === 'date' ? 'date' : 'text';
    case 'integer':
      return 'bigint';
    case 'number':
      return 'double precision';
    case 'boolean':
      return 'boolean';
    default:
      return 'jsonb';
  }
}

/** A JSON `default` as the SQL text the table parser reads: strings and JSON documents become quoted literals. */
function sqlDefaultOf(value: unknown): unknown {
  if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return formatDefault({ kind: 'string', value: text });
}

function acceptsNull(property: Record<string, unknown>): boolean {
  if (property.type === undefined) return !(isObject(property.not) && property.not.type === 'null');
  return property.type === 'null' || (Array.isArray(property.type) && property.type.includes('null'));
}

/** Runs the table parser, then moves its pointers from `/columns/i/...` to where the value came from in the schema. */
function parseWithSchemaPointers(input: { columns: unknown[]; indexes: unknown }, tableName: string, sources: Source[]): TableDefinition {
  try {
    return parseTableDefinition(input, tableName);
  } catch (error) {
    if (!(error instanceof ValidationError) || !error.errors) throw error;
    const errors = error.errors.map((detail) => ({ ...detail, path: schemaPointer(detail.path, sources) }));
    throw new ValidationError(error.message, { errors });
  }
}

function schemaPointer(path: string, sources: Source[]): string {
  if (path.startsWith('/indexes')) return `/${X_SQL}${path}`;
  if (path === '/columns') return '/properties';
  const match = /^\/columns\/(\d+)(?:\/([a-z_]+))?/.exec(path);
  const source = match ? sources[Number(match[1])] : undefined;
  if (!match || !source) return path;
  switch (match[2]) {
    case 'type':
    case 'default':
      return match[2] in source.xSql ? `${source.base}/${X_SQL}/${match[2]}` : `${source.base}/${match[2]}`;
    case 'primary_key':
      return `/${X_SQL}/primary_key`;
    case 'description':
      return `${source.base}/description`;
    default:
      return source.base;
  }
}

/** An `x-sql` type must store what the property's JSON type allows, or payloads would fail at insert. */
function checkTypesAgree(table: TableDefinition, sources: Source[]): void {
  const errors: ErrorDetail[] = [];
  table.columns.forEach((column, i) => {
    const source = sources[i];
    if (!source || !('type' in source.xSql) || source.property.type === undefined) return;
    const expected = valueSchema(sqlType(column.type)).type;
    const actual = (Array.isArray(source.property.type) ? source.property.type : [source.property.type]).filter((t) => t !== 'null');
    if (expected === undefined || (actual.length === 1 && actual[0] === expected)) return;
    errors.push({
      path: `${source.base}/${X_SQL}/type`,
      keyword: X_SQL,
      message: `${X_SQL} type "${column.type}" stores ${expected} values but property "${column.name}" has type ${show(source.property.type)}; make them agree`,
    });
  });
  if (errors.length > 0) throw new ValidationError(errors[0]?.message ?? '', { errors });
}
