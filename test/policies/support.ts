/**
 * Requests for policy tests, built the way the request service builds them: real table parsing, the real
 * JSON Schema engine (describeFields and compare), then policyInput and evaluate.
 */
import { expect } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import type { Json } from '../../lib/engines/types.js';
import { evaluate, policyInput, type Evaluation, type PolicyInput, type RuleId, type Violation, type WorkspacePolicy } from '../../lib/policies/index.js';
import { parseTableDefinition, tableToJsonSchema } from '../../lib/sql/index.js';

export const engine = new JsonSchemaEngine();

/** Seed 003's user_preferences request, field for field: no key, varchar(255) text columns, no timestamps. */
export const userPreferencesSeed = {
  columns: [
    { name: 'preference_key', type: 'VARCHAR(255)', nullable: false },
    { name: 'preference_value', type: 'TEXT', nullable: true },
    { name: 'user_id', type: 'VARCHAR(255)', nullable: false },
  ],
};

/** Seed 002's generated_images example: a key, timestamps, and a GIN index on its jsonb column. */
export const generatedImagesSeed = {
  columns: [
    { name: 'id', type: 'UUID', primary_key: true, nullable: false, default: 'gen_random_uuid()' },
    { name: 'user_id', type: 'TEXT', nullable: false },
    { name: 'image_url', type: 'TEXT', nullable: false },
    { name: 'prompt', type: 'TEXT', nullable: false },
    { name: 'metadata', type: 'JSONB', nullable: true },
    { name: 'created_at', type: 'TIMESTAMPTZ', nullable: false, default: 'CURRENT_TIMESTAMP' },
    { name: 'updated_at', type: 'TIMESTAMPTZ', nullable: false, default: 'CURRENT_TIMESTAMP' },
  ],
  indexes: [
    { name: 'idx_generated_images_user_id', columns: ['user_id'] },
    { name: 'idx_generated_images_created_at', columns: ['created_at'] },
    { name: 'idx_generated_images_metadata', columns: ['metadata'], type: 'GIN' },
  ],
};

/** A table no rule objects to: a key, timestamps, text. */
export const cleanTable = {
  columns: [
    { name: 'id', type: 'uuid', primary_key: true, default: 'gen_random_uuid()' },
    { name: 'title', type: 'text', nullable: false },
    { name: 'created_at', type: 'timestamptz', nullable: false, default: 'CURRENT_TIMESTAMP' },
    { name: 'updated_at', type: 'timestamptz', nullable: false, default: 'CURRENT_TIMESTAMP' },
  ],
  indexes: [] as Record<string, unknown>[],
};

/** `cleanTable` with extra columns (and indexes). */
export function cleanTableWith(columns: Record<string, unknown>[], indexes: Record<string, unknown>[] = []) {
  return { columns: [...cleanTable.columns, ...columns], indexes };
}

/** The stored definition of a table version, as approval publishes it. */
export function publishedTable(name: string, raw: unknown): Json {
  return tableToJsonSchema(name, parseTableDefinition(raw, name));
}

interface Previous {
  /** The previous version's definition; `publishedTable` for a table. */
  previous?: Json;
}

/** The PolicyInput of a table request (with the real diff when there is a previous version). */
export function tableInput(name: string, raw: unknown, { previous }: Previous = {}): PolicyInput {
  const table = parseTableDefinition(raw, name);
  const compare = previous === undefined ? undefined : engine.compare(previous, tableToJsonSchema(name, table));
  return policyInput({ schema_name: name, engine, table, previous, compare });
}

/** The PolicyInput of a definition request (with the real diff when there is a previous version). */
export function definitionInput(name: string, definition: Json, { previous }: Previous = {}): PolicyInput {
  const compare = previous === undefined ? undefined : engine.compare(previous, definition);
  return policyInput({ schema_name: name, engine, definition, previous, compare });
}

export const checkTable = (name: string, raw: unknown, options: Previous & { policy?: WorkspacePolicy } = {}) => evaluate(tableInput(name, raw, options), options.policy);
export const checkDefinition = (name: string, definition: Json, options: Previous & { policy?: WorkspacePolicy } = {}) =>
  evaluate(definitionInput(name, definition, options), options.policy);

/** The violations of one rule. */
export const violationsOf = (evaluation: Evaluation, rule: RuleId): Violation[] => evaluation.violations.filter((v) => v.rule === rule);
/** The rules that reported, in report order, one entry per violation. */
export const rulesOf = (evaluation: Evaluation): RuleId[] => evaluation.violations.map((v) => v.rule);

/** A JSON Schema object with these properties. */
export const objectSchema = (properties: Record<string, Json>, extra: Record<string, Json> = {}): Json => ({ type: 'object', properties, ...extra });

/** The ValidationError `fn` throws; fails the test when it throws nothing. */
export function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}
