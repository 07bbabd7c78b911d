/**
 * Builds a PolicyInput from a schema request, and so decides when a definition has a table view.
 *
 * - A table proposal (already through `parseTableDefinition`) is checked as the JSON Schema it publishes
 *   (`tableToJsonSchema`), with the table itself as its table view.
 * - A definition has a table view only when it opts in with `x-sql` (at the root or on a top-level
 *   property): then it must be a valid table, and `jsonSchemaToTable`'s ValidationError is passed on
 *   with its pointers moved under `/definition`. A plain JSON Schema describes payloads, not a table:
 *   inferring one would flag every such schema for its missing primary key.
 * - The previous version gets a table view on the same terms, except that one it cannot build is left
 *   out rather than refused: the stored version is not what the request proposes.
 */
import type { CompareResult, DialectOptions, Json, SchemaEngine } from '../engines/types.js';
import { ValidationError } from '../errors.js';
import { jsonSchemaToTable, tableToJsonSchema, X_SQL, type TableDefinition } from '../sql/index.js';
import { isObject } from '../util/json.js';
import type { PolicyInput } from './types.js';

/** A schema request as the rules need it. Give exactly one of `table` and `definition`. */
export interface PolicyRequest {
  schema_name: string;
  /** Reads the definitions; for a table proposal, the JSON Schema engine. */
  engine: Pick<SchemaEngine, 'describeFields'>;
  /** A table proposal, already parsed by `parseTableDefinition`. */
  table?: TableDefinition;
  /** A definition proposal, for `engine`. */
  definition?: Json;
  /** How to read `definition`: the dialect it would be published under. */
  reading?: DialectOptions;
  /** The latest version's definition, when the request proposes the next version. */
  previous?: Json;
  /** How to read `previous`: the dialect it was published under and the versions it references. */
  previousReading?: DialectOptions;
  /** The engine's diff from `previous` to the proposal (the caller picks its compare options). */
  compare?: CompareResult;
}

/** The neutral input the rules read. Throws what `describeFields` throws, and ValidationError for a bad `x-sql` table. */
export function policyInput(request: PolicyRequest): PolicyInput {
  const { schema_name, engine, table, reading, previous, previousReading, compare } = request;
  let input: PolicyInput;
  if (table !== undefined) {
    input = { schema_name, form: 'table', table, fields: engine.describeFields(tableToJsonSchema(schema_name, table)) };
  } else if (request.definition !== undefined) {
    const { definition } = request;
    input = { schema_name, form: 'definition', fields: engine.describeFields(definition, reading), ...(hasSqlHints(definition) && { table: definitionTable(definition, schema_name) }) };
  } else {
    throw new TypeError('policyInput needs a table or a definition');
  }
  if (previous !== undefined) input.previous = { fields: engine.describeFields(previous, previousReading), ...(hasSqlHints(previous) && storedTable(previous, schema_name)) };
  if (compare !== undefined) input.compare = compare;
  return input;
}
/** The definition asks to be a table: `x-sql` at its root or on a top-level property. */
function hasSqlHints(definition: Json): boolean {
  if (!isObject(definition)) return false;
  if (definition[X_SQL] !== undefined) return true;
  return isObject(definition.properties) && Object.values(definition.properties).some((p) => isObject(p) && p[X_SQL] !== undefined);
}

function definitionTable(definition: Json, schemaName: string): TableDefinition {
  try {
    return jsonSchemaToTable(definition, schemaName);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const errors = error.errors?.map((detail) => ({ ...detail, path: `/definition${detail.path}` }));
    throw new ValidationError(error.message, errors ? { errors } : {});
  }
}

function storedTable(definition: Json, schemaName: string): { table: TableDefinition } | undefined {
  try {
    return { table: jsonSchemaToTable(definition, schemaName) };
  } catch (error) {
    if (error instanceof ValidationError) return undefined;
    throw error;
  }
}
