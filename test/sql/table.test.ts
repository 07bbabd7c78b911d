import { describe, expect, it } from 'vitest';
import { ValidationError, type ErrorDetail } from '../../lib/errors.js';
import { parseTableDefinition } from '../../lib/sql/index.js';
import { caricaturesV1, userPreferences } from './fixtures.js';

/** The problems a refused definition reports; fails the test when the definition is accepted. */
function problems(input: unknown, table = 'things'): ErrorDetail[] {
  try {
    parseTableDefinition(input, table);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).status).toBe(422);
    return (error as ValidationError).errors ?? [];
  }
  throw new Error('expected the definition to be refused');
}

const withColumn = (column: Record<string, unknown>) => ({ columns: [{ name: 'id', type: 'bigserial', primary_key: true }, column] });
const typeOf = (type: string) => parseTableDefinition(withColumn({ name: 'value', type }), 'things').columns[1]?.type;
const defaultOf = (type: string, value: unknown) => parseTableDefinition(withColumn({ name: 'value', type, default: value }), 'things').columns[1]?.default;

describe('parseTableDefinition', () => {
  it('normalises the seed caricatures request', () => {
    expect(parseTableDefinition(caricaturesV1, 'caricatures')).toEqual({
      columns: [
        { name: 'id', type: 'uuid', primary_key: true, nullable: false, default: { kind: 'gen_random_uuid' } },
        { name: 'user_id', type: 'text', primary_key: false, nullable: false },
        { name: 'username', type: 'text', primary_key: false, nullable: true },
        { name: 'image_url', type: 'text', primary_key: false, nullable: false },
        { name: 'description', type: 'text', primary_key: false, nullable: true },
        { name: 'created_at', type: 'timestamptz', primary_key: false, nullable: false, default: { kind: 'current_timestamp' } },
      ],
      indexes: [
        { name: 'idx_caricatures_user_id', columns: ['user_id'], type: 'btree' },
        { name: 'idx_caricatures_created_at', columns: ['created_at'], type: 'btree' },
      ],
    });
  });

  it('names unnamed indexes after the table and columns, and reads index types case-insensitively', () => {
    const table = parseTableDefinition(userPreferences, 'user_preferences');
    expect(table.indexes).toEqual([
      { name: 'idx_user_preferences_user_id_preference_key', columns: ['user_id', 'preference_key'], type: 'unique' },
      { name: 'idx_user_preferences_metadata', columns: ['metadata'], type: 'gin' },
    ]);
  });

  it('cuts a generated index name to 63 characters with a hash so distinct indexes keep distinct names', () => {
    const long = 'a_rather_long_column_name_for_an_index';
    const table = parseTableDefinition({
      columns: [{ name: long, type: 'text' }, { name: `${long}_2`, type: 'text' }],
      indexes: [{ columns: [long, `${long}_2`] }, { columns: [`${long}_2`, long] }],
    }, 'a_rather_long_table_name');
    const [first, second] = table.indexes.map((i) => i.name);
    expect(first).toHaveLength(63);
    expect(second).toHaveLength(63);
    expect(first).not.toBe(second);
  });

  it('refuses a column named __proto__, which a JSON Schema property cannot carry, and keeps other names', () => {
    expect(problems(withColumn({ name: '__proto__', type: 'text' }))).toEqual([
      expect.objectContaining({ path: '/columns/1/name', message: expect.stringContaining('"__proto__" is reserved') }),
    ]);
    expect(parseTableDefinition(withColumn({ name: 'constructor', type: 'text' }), 'things').columns[1]?.name).toBe('constructor');
  });

  it('makes columns nullable unless they are in the primary key', () => {
    const table = parseTableDefinition({ columns: [{ name: 'id', type: 'uuid', primary_key: true }, { name: 'note', type: 'text' }] }, 'notes');
    expect(table.columns.map((c) => c.nullable)).toEqual([false, true]);
  });

  it('normalises type spelling, case and spacing', () => {
    expect(typeOf('VARCHAR ( 255 )')).toBe('varchar(255)');
    expect(typeOf('Double   Precision')).toBe('double precision');
    expect(typeOf('NUMERIC(10, 2)')).toBe('numeric(10,2)');
    expect(typeOf('numeric(7)')).toBe('numeric(7,0)');
    expect(typeOf(' TimestampTZ ')).toBe('timestamptz');
    for (const type of ['text', 'integer', 'bigint', 'boolean', 'jsonb', 'timestamp', 'date', 'uuid', 'real']) expect(typeOf(type.toUpperCase())).toBe(type);
  });

  it('refuses an unknown type and suggests the allowed equivalent', () => {
    const [problem] = problems(withColumn({ name: 'count', type: 'int' }));
    expect(problem).toMatchObject({ path: '/columns/1/type', keyword: 'type' });
    expect(problem?.message).toContain('unknown type "int"');
    expect(problem?.message).toContain('e.g. "integer"');
  });

  it('keeps varchar lengths between 1 and 10485760', () => {
    expect(typeOf('varchar(10485760)')).toBe('varchar(10485760)');
    for (const type of ['varchar(0)', 'varchar(10485761)', 'varchar', 'varchar(1,2)', 'varchar(-1)', 'varchar(x)']) {
      expect(problems(withColumn({ name: 'v', type }))[0]?.path, type).toBe('/columns/1/type');
    }
  });

  it('keeps numeric precision within 1..65 and scale within 0..min(precision, 30)', () => {
    expect(typeOf('numeric(65,30)')).toBe('numeric(65,30)');
    for (const type of ['numeric', 'numeric(0)', 'numeric(66,2)', 'numeric(5,6)', 'numeric(40,31)', 'numeric(1,2,3)']) {
      expect(problems(withColumn({ name: 'n', type }))[0]?.path, type).toBe('/columns/1/type');
    }
  });

  it('refuses types that take no arguments when given some', () => {
    expect(problems(withColumn({ name: 'n', type: 'integer(5)' }))[0]?.message).toContain('takes no arguments, e.g. "integer"');
  });

  it('asks for snake_case column names with a corrected example', () => {
    expect(problems(withColumn({ name: 'userId', type: 'text' }))).toEqual([
      { path: '/columns/1/name', keyword: 'identifier', message: 'column name "userId" must be snake_case, e.g. "user_id"' },
    ]);
  });

  it('refuses identifiers longer than 63 characters', () => {
    const [problem] = problems(withColumn({ name: 'x'.repeat(64), type: 'text' }));
    expect(problem?.message).toContain('is 64 characters long; the limit is 63');
    expect(problems({ columns: [{ name: 'id', type: 'text' }] }, 't'.repeat(64))[0]?.path).toBe('');
  });

  it('refuses table and index names that are not snake_case or that the engines reserve', () => {
    expect(problems({ columns: [{ name: 'id', type: 'text' }] }, 'UserPreferences')[0]?.message).toBe('table name "UserPreferences" must be snake_case, e.g. "user_preferences"');
    expect(problems({ columns: [{ name: 'id', type: 'text' }] }, 'sqlite_stat1')[0]?.message).toContain('reserve');
    expect(problems({ columns: [{ name: 'id', type: 'text' }], indexes: [{ name: 'Idx-Id', columns: ['id'] }] })).toEqual([
      { path: '/indexes/0/name', keyword: 'identifier', message: 'index name "Idx-Id" must be snake_case, e.g. "idx_id"' },
    ]);
  });

  it('refuses duplicate column names', () => {
    expect(problems({ columns: [{ name: 'id', type: 'text' }, { name: 'id', type: 'uuid' }] })[0]).toMatchObject({ path: '/columns/1/name', keyword: 'duplicate' });
  });

  it('refuses index columns that do not exist, duplicates and duplicate index names', () => {
    const found = problems({
      columns: [{ name: 'id', type: 'text' }, { name: 'doc', type: 'jsonb' }],
      indexes: [{ name: 'idx_a', columns: ['id', 'missing'] }, { name: 'idx_b', columns: ['id', 'id'] }, { name: 'idx_c', columns: ['id'] }, { name: 'idx_c', columns: ['doc'] }, { columns: [] }],
    });
    expect(found.map((p) => [p.path, p.keyword])).toEqual([
      ['/indexes/0/columns/1', 'index_columns'],
      ['/indexes/1/columns/1', 'duplicate'],
      ['/indexes/3/name', 'duplicate'],
      ['/indexes/4/columns', 'index_columns'],
    ]);
  });

  it('allows gin indexes on jsonb columns only', () => {
    const [problem] = problems({ columns: [{ name: 'body', type: 'text' }], indexes: [{ columns: ['body'], type: 'gin' }] });
    expect(problem).toMatchObject({ path: '/indexes/0/type', keyword: 'index_type' });
    expect(problems({ columns: [{ name: 'id', type: 'text' }], indexes: [{ columns: ['id'], type: 'hash' }] })[0]?.path).toBe('/indexes/0/type');
  });

  it('points camelCase keys from other formats at ours', () => {
    expect(problems({ columns: [{ name: 'id', type: 'uuid', primaryKey: true }] })).toEqual([
      { path: '/columns/0/primaryKey', keyword: 'unknown_property', message: 'unknown property "primaryKey"; use primary_key' },
    ]);
  });

  it('refuses a nullable primary key column', () => {
    expect(problems({ columns: [{ name: 'id', type: 'uuid', primary_key: true, nullable: true }] })[0]).toMatchObject({ path: '/columns/0/nullable', keyword: 'primary_key' });
  });

  it('requires a serial column to be the whole primary key', () => {
    expect(problems({ columns: [{ name: 'id', type: 'uuid', primary_key: true }, { name: 'n', type: 'serial' }] })[0]).toMatchObject({ path: '/columns/1/type', keyword: 'serial' });
    expect(problems({ columns: [{ name: 'a', type: 'serial', primary_key: true }, { name: 'b', type: 'text', primary_key: true }] })[0]?.path).toBe('/columns/0/type');
  });

  it('reports every problem at once', () => {
    const found = problems({ columns: [{ name: 'Bad', type: 'int' }, { name: 'ok', type: 'text', default: 'now' }, 'not a column'], indexes: [{ columns: ['nope'] }] });
    expect(found.map((p) => p.path)).toEqual(['/columns/0/name', '/columns/0/type', '/columns/1/default', '/columns/2', '/indexes/0/columns/0']);
  });

  it('refuses a definition that is not an object with columns', () => {
    expect(problems(null)[0]?.path).toBe('');
    expect(problems({ columns: [] })[0]?.path).toBe('/columns');
    expect(problems({ columns: [{ name: 'id', type: 'text' }], indexes: {} })[0]?.path).toBe('/indexes');
  });

  describe('defaults', () => {
    it('accepts the allowlisted functions, case-insensitively, in a structured form', () => {
      expect(defaultOf('uuid', 'GEN_RANDOM_UUID( )')).toEqual({ kind: 'gen_random_uuid' });
      expect(defaultOf('timestamptz', 'NOW()')).toEqual({ kind: 'current_timestamp' });
      expect(defaultOf('date', 'current_timestamp')).toEqual({ kind: 'current_timestamp' });
    });

    it('accepts literals, as SQL text or JSON scalars', () => {
      expect(defaultOf('integer', '42')).toEqual({ kind: 'number', value: '42' });
      expect(defaultOf('integer', 42)).toEqual({ kind: 'number', value: '42' });
      expect(defaultOf('double precision', '+007.50')).toEqual({ kind: 'number', value: '7.50' });
      expect(defaultOf('real', -1.5)).toEqual({ kind: 'number', value: '-1.5' });
      expect(defaultOf('boolean', 'FALSE')).toEqual({ kind: 'boolean', value: false });
      expect(defaultOf('boolean', true)).toEqual({ kind: 'boolean', value: true });
      expect(defaultOf('text', "'it''s'")).toEqual({ kind: 'string', value: "it's" });
      expect(defaultOf('jsonb', `'{"a": [1]}'`)).toEqual({ kind: 'string', value: '{"a": [1]}' });
      expect(defaultOf('uuid', "'6f1c2a4e-0000-4000-8000-000000000000'")).toEqual({ kind: 'string', value: '6f1c2a4e-0000-4000-8000-000000000000' });
    });

    it('stores a null default as no default', () => {
      expect(defaultOf('text', 'NULL')).toBeUndefined();
      expect(defaultOf('text', null)).toBeUndefined();
    });

    it.each([
      ["'x'); DROP TABLE users; --"],
      ["nextval('things_id_seq')"],
      ['(SELECT 1)'],
      ["lower('A')"],
      ['1; DROP TABLE users'],
      ["now() || 'x'"],
      ["'a' 'b'"],
      ['pending'],
      ['1e3'],
      [{ sql: 'now()' }],
    ])('refuses the default %j', (value) => {
      const [problem] = problems(withColumn({ name: 'value', type: 'text', default: value }));
      expect(problem).toMatchObject({ path: '/columns/1/default', keyword: 'default' });
    });

    it.each([
      ['text', 'gen_random_uuid()', 'needs a uuid column'],
      ['integer', 'CURRENT_TIMESTAMP', 'needs a timestamptz, timestamp or date column'],
      ['integer', "'12'", 'write an unquoted number'],
      ['integer', '3000000000', 'out of range for integer'],
      ['integer', '1.5', 'not a whole number'],
      ['bigint', '9223372036854775808', 'out of range for bigint'],
      ['numeric(5,2)', '1.234', 'does not fit numeric(5,2)'],
      ['numeric(5,2)', '1234', 'does not fit numeric(5,2)'],
      ['varchar(3)', "'abcd'", 'longer than varchar(3)'],
      ['jsonb', "'{not json'", 'not valid JSON'],
      ['date', "'2024-1-1'", 'not a date'],
      ['timestamptz', "'2024-01-31 12:00:00'", 'not a timestamp with offset'],
      ['uuid', "'1234'", 'not a UUID'],
      ['boolean', '1', 'is a number but the column is boolean'],
      ['text', 1e21, 'cannot be written exactly'],
    ])('refuses on a %s column the default %j', (type, value, message) => {
      const [problem] = problems(withColumn({ name: 'value', type, default: value }));
      expect(problem?.path).toBe('/columns/1/default');
      expect(problem?.message).toContain(message);
    });

    it('refuses a default on a serial column', () => {
      expect(problems({ columns: [{ name: 'id', type: 'serial', primary_key: true, default: '1' }] })[0]?.message).toContain('takes its values from a sequence');
    });
  });
});
