/**
 * A proposal (a definition, or a table converted to one) resolved once into what every later step
 * needs: the engine that judges it, the definition, and the table when it was proposed as one.
 */
import type { EngineRegistry } from '../engines/registry.js';
import type { CheckOptions, DefinitionWarning, Json, SchemaEngine } from '../engines/types.js';
import type { SchemaItem } from '../generated/table.js';
import { DEFAULT_ENGINE } from '../schemas/model.js';
import { parseTableDefinition, tableToJsonSchema, type TableDefinition } from '../sql/index.js';
import type { Proposal } from './model.js';
import { ConflictError, ValidationError } from '../errors.js';
import { inexactNumbers } from '../util/json-numbers.js';

/** Tables are converted to JSON Schema (lib/sql/table-to-json-schema.ts), so that engine judges them. */
export const TABLE_ENGINE = 'json-schema';

export interface ResolvedProposal {
  engine: SchemaEngine;
  definition: Json;
  /** Set when the proposal was a table. */
  table?: TableDefinition;
  /** What the engine found worth knowing when it checked the definition (not for stored proposals). */
  warnings?: DefinitionWarning[];
}

/**
 * The proposal's engine, definition and table. A definition is judged by the engine of the schema it
 * would become a version of (the default engine for a new schema) and checked by it, unless it is the
 * proposal of a stored request (`stored`), checked when the request was made; a table is parsed (its
 * errors are the client's) and converted. `read`: the schema's default dialect and refused warnings.
 */
export async function resolveProposal(engines: EngineRegistry, schemaName: string, proposal: Proposal, head: Pick<SchemaItem, 'engine'> | undefined, stored = false, read: CheckOptions = {}): Promise<ResolvedProposal> {
  if (proposal.table !== undefined) {
    if (!stored) {
      const numbers = inexactNumbers(proposal.table, '/table', 'write such a default as a string, e.g. "9223372036854775807"');
      if (numbers.length > 0) throw new ValidationError(`the table holds a number that cannot be stored exactly: ${numbers[0]!.message}`, { errors: numbers });
    }
    const table = parseTableDefinition(proposal.table, schemaName);
    const engine = await engines.get(TABLE_ENGINE);
    const definition = tableToJsonSchema(schemaName, table) as Json;
    // What a table stands for passes the same checks as a definition sent as such: it will be published.
    if (stored) return { engine, definition, table };
    return { engine, definition, table, warnings: engine.checkDefinition(definition, read).warnings };
  }
  if (!stored && head && proposal.engine !== undefined && proposal.engine !== head.engine) {
    throw new ConflictError(`schema "${schemaName}" uses engine "${head.engine}"; a version cannot switch to "${proposal.engine}"`);
  }
  const engine = await engines.get(head?.engine ?? proposal.engine ?? DEFAULT_ENGINE);
  if (stored) return { engine, definition: proposal.definition! };
  return { engine, definition: proposal.definition!, warnings: engine.checkDefinition(proposal.definition!, read).warnings };
}
