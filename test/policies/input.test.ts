/** policyInput: which requests get a table view, and where its errors point. */
import { describe, expect, it } from 'vitest';
import { evaluate, policyInput } from '../../lib/policies/index.js';
import { jsonSchemaToTable, parseTableDefinition } from '../../lib/sql/index.js';
import { caricaturesV1 } from '../sql/fixtures.js';
import { definitionInput, engine, objectSchema, publishedTable, refusal } from './support.js';

describe('policyInput', () => {
  it('checks a table as the JSON Schema it publishes, with the table as its table view', () => {
    const table = parseTableDefinition(caricaturesV1, 'caricatures');
    const input = policyInput({ schema_name: 'caricatures', engine, table });
    expect(input.form).toBe('table');
    expect(input.table).toBe(table);
    expect(input.fields.map((f) => f.name)).toEqual(['id', 'user_id', 'username', 'image_url', 'description', 'created_at']);
    expect(input.fields[0]?.annotations).toEqual({ 'x-sql': { type: 'uuid', default: 'gen_random_uuid()' } });
  });

  it('gives a plain JSON Schema no table view, so table and type rules do not apply', () => {
    const input = definitionInput('events', objectSchema({ kind: { type: 'string' }, count: { type: 'integer' } }));
    expect(input.table).toBeUndefined();
    expect(evaluate(input).not_applicable).toEqual([
      'primary-key-required',
      'timestamps-recommended',
      'type-not-allowed',
      'default-not-allowed',
      'text-over-varchar',
      'timestamptz-over-timestamp',
      'bigint-precision',
      'jsonb-needs-gin-index',
      'field-removed',
      'field-renamed',
      'field-retyped',
      'incompatible-change',
    ]);
  });

  it('derives the table of a definition that opts in with x-sql', () => {
    const definition = objectSchema({ id: { type: 'string', 'x-sql': { type: 'uuid' } }, tags: { type: 'array' } }, { required: ['id'], 'x-sql': { primary_key: ['id'] } });
    expect(definitionInput('things', definition).table).toEqual(jsonSchemaToTable(definition, 'things'));
  });

  it('refuses a definition whose x-sql is not a valid table, pointing under /definition', () => {
    const definition = objectSchema({ amount: { type: 'number', 'x-sql': { type: 'money' } } });
    const error = refusal(() => definitionInput('things', definition));
    expect(error.errors?.map((e) => e.path)).toEqual(['/definition/properties/amount/x-sql/type']);
    expect(error.message).toContain('unknown type "money"');
  });

  it('leaves out the table view of a stored version it cannot build, rather than refusing the request', () => {
    const previous = objectSchema({ amount: { type: 'number', 'x-sql': { type: 'money' } } });
    const input = definitionInput('things', objectSchema({ amount: { type: 'number' } }), { previous });
    expect(input.previous?.table).toBeUndefined();
    expect(input.previous?.fields.map((f) => f.name)).toEqual(['amount']);
  });

  it('reads a previous table version back into its table', () => {
    const previous = publishedTable('caricatures', caricaturesV1);
    const input = definitionInput('caricatures', previous, { previous });
    expect(input.previous?.table).toEqual(parseTableDefinition(caricaturesV1, 'caricatures'));
  });

  it('needs a table or a definition', () => {
    expect(() => policyInput({ schema_name: 'things', engine })).toThrow(TypeError);
  });
});
