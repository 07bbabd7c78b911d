import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError, type ErrorDetail } from '../../lib/errors.js';
import { jsonSchemaToTable, parseTableDefinition, tableToJsonSchema, X_SQL } from '../../lib/sql/index.js';
import { rawTable, identifier } from './arbitraries.js';
import { caricaturesV2, userPreferences } from './fixtures.js';

/** The registry's JSON Schema engine treats `x-sql` as an annotation; strict Ajv does the same here. */
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addKeyword({ keyword: X_SQL, schemaType: 'object' });

function problems(definition: unknown, table = 'things'): ErrorDetail[] {
  try {
    jsonSchemaToTable(definition, table);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors ?? [];
  }
  throw new Error('expected the schema to be refused');
}

describe('tableToJsonSchema', () => {
  const preferences = tableToJsonSchema('user_preferences', parseTableDefinition(userPreferences, 'user_preferences'));

  it('maps each column type to its JSON Schema and keeps the SQL details under x-sql', () => {
    expect(preferences).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'user_preferences',
      type: 'object',
      additionalProperties: false,
      required: ['preference_key', 'user_id'],
      [X_SQL]: {
        primary_key: ['id'],
        indexes: [
          { name: 'idx_user_preferences_user_id_preference_key', columns: ['user_id', 'preference_key'], type: 'unique' },
          { name: 'idx_user_preferences_metadata', columns: ['metadata'], type: 'gin' },
        ],
      },
    });
    expect(preferences.properties).toEqual({
      id: { type: 'integer', [X_SQL]: { type: 'bigserial' } },
      preference_key: { type: 'string', maxLength: 255, [X_SQL]: { type: 'varchar(255)' } },
      preference_value: { type: ['string', 'null'], [X_SQL]: { type: 'text' } },
      user_id: { type: 'string', maxLength: 255, [X_SQL]: { type: 'varchar(255)' } },
      metadata: { not: { type: 'null' }, default: {}, [X_SQL]: { type: 'jsonb', default: "'{}'" } },
      is_active: { type: 'boolean', default: true, [X_SQL]: { type: 'boolean', default: 'true' } },
      weight: { type: ['number', 'null'], default: 1.5, [X_SQL]: { type: 'numeric(5,2)', default: '1.50' } },
      updated_at: { type: 'string', format: 'date-time', [X_SQL]: { type: 'timestamptz', default: 'CURRENT_TIMESTAMP' } },
    });
  });

  it('maps uuid, date, integer and nullable jsonb columns and keeps descriptions', () => {
    const schema = tableToJsonSchema('events', parseTableDefinition({
      columns: [
        { name: 'id', type: 'uuid', primary_key: true },
        { name: 'day', type: 'date' },
        { name: 'count', type: 'integer', nullable: false, default: 0 },
        { name: 'payload', type: 'jsonb', description: 'raw event' },
        { name: 'at', type: 'timestamp' },
      ],
    }, 'events'));
    expect(schema.properties).toEqual({
      id: { type: 'string', format: 'uuid', [X_SQL]: { type: 'uuid' } },
      day: { type: ['string', 'null'], format: 'date', [X_SQL]: { type: 'date' } },
      count: { type: 'integer', minimum: -2147483648, maximum: 2147483647, default: 0, [X_SQL]: { type: 'integer', default: '0' } },
      payload: { description: 'raw event', [X_SQL]: { type: 'jsonb' } },
      at: { type: ['string', 'null'], format: 'date-time', [X_SQL]: { type: 'timestamp' } },
    });
    expect(schema.required).toEqual(['id']);
  });

  it('gives a schema that strict Ajv compiles and that validates rows for the table', () => {
    const validate = ajv.compile(tableToJsonSchema('caricatures', parseTableDefinition(caricaturesV2, 'caricatures')));
    const row = { user_id: 'u1', image_url: 'https://example.com/a.png', metadata: { style: 'ink' }, updated_at: null };
    expect(validate(row)).toBe(true);
    expect(validate({ ...row, username: 'x'.repeat(65) })).toBe(false);
    expect(validate({ ...row, metadata: null })).toBe(false);
    expect(validate({ ...row, id: 'not-a-uuid' })).toBe(false);
    expect(validate({ ...row, extra: 1 })).toBe(false);
    expect(validate({ image_url: 'x' })).toBe(false);
  });
});

describe('jsonSchemaToTable', () => {
  it('gives back the table it came from, for any valid table', () => {
    fc.assert(
      fc.property(rawTable, identifier, (raw, name) => {
        const table = parseTableDefinition(raw, name);
        const schema = tableToJsonSchema(name, table);
        expect(jsonSchemaToTable(schema, name)).toStrictEqual(table);
        expect(() => ajv.compile(schema)).not.toThrow();
      }),
      { numRuns: 100 },
    );
  });

  it('maps a plain JSON Schema with the documented type mapping', () => {
    const table = jsonSchemaToTable({
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string', description: 'display name' },
        age: { type: 'integer' },
        score: { type: 'number' },
        active: { type: 'boolean', default: true },
        tags: { type: 'array', items: { type: 'string' } },
        born: { type: 'string', format: 'date' },
        seen_at: { type: ['string', 'null'], format: 'date-time' },
        profile: { type: 'object', default: { theme: 'dark' } },
        nickname: { type: 'string', default: "o'neil" },
        either: { type: ['string', 'integer'] },
        anything: true,
      },
      required: ['id', 'name', 'seen_at', 'tags'],
      [X_SQL]: { primary_key: ['id'] },
    }, 'people');
    expect(table.columns.map((c) => [c.name, c.type, c.nullable, c.primary_key])).toEqual([
      ['id', 'uuid', false, true],
      ['name', 'text', false, false],
      ['age', 'bigint', true, false],
      ['score', 'double precision', true, false],
      ['active', 'boolean', false, false],
      ['tags', 'jsonb', false, false],
      ['born', 'date', true, false],
      ['seen_at', 'timestamptz', true, false],
      ['profile', 'jsonb', false, false],
      ['nickname', 'text', false, false],
      ['either', 'jsonb', true, false],
      ['anything', 'jsonb', true, false],
    ]);
    expect(table.columns.find((c) => c.name === 'name')?.description).toBe('display name');
    expect(table.columns.find((c) => c.name === 'profile')?.default).toEqual({ kind: 'string', value: '{"theme":"dark"}' });
    expect(table.columns.find((c) => c.name === 'nickname')?.default).toEqual({ kind: 'string', value: "o'neil" });
    expect(table.indexes).toEqual([]);
  });

  it('reports problems at their place in the schema', () => {
    expect(problems({ properties: { userId: { type: 'string' } } })).toEqual([
      { path: '/properties/userId', keyword: 'identifier', message: 'column name "userId" must be snake_case, e.g. "user_id"' },
    ]);
    expect(problems({ properties: { n: { type: 'integer', [X_SQL]: { type: 'int' } } } })[0]?.path).toBe('/properties/n/x-sql/type');
    expect(problems({ properties: { n: { type: 'integer', [X_SQL]: { type: 'integer', default: 'now()' } } } })[0]?.path).toBe('/properties/n/x-sql/default');
    expect(problems({ properties: { n: { type: 'string', format: 'uuid', default: 'abc' } } })[0]?.path).toBe('/properties/n/default');
    expect(problems({ properties: { n: { type: 'string' } }, [X_SQL]: { indexes: [{ columns: ['m'] }] } })[0]?.path).toBe('/x-sql/indexes/0/columns/0');
  });

  it('refuses an x-sql type that cannot store what the property allows', () => {
    const [problem] = problems({ properties: { n: { type: 'string', [X_SQL]: { type: 'integer' } } } });
    expect(problem).toMatchObject({ path: '/properties/n/x-sql/type', keyword: X_SQL });
    expect(problem?.message).toContain('make them agree');
  });

  it('refuses malformed x-sql and schemas that are not objects with properties', () => {
    expect(problems({ properties: { n: { type: 'string', [X_SQL]: { type: 'text', nullable: true } } } })[0]?.path).toBe('/properties/n/x-sql/nullable');
    expect(problems({ properties: { n: { type: 'string' } }, [X_SQL]: { primary_key: ['m'] } })[0]?.path).toBe('/x-sql/primary_key');
    expect(problems({ properties: { n: false } })[0]?.path).toBe('/properties/n');
    expect(problems({ type: 'string' })[0]?.path).toBe('/properties');
    expect(problems({ properties: {} })[0]?.path).toBe('/properties');
  });
});
