/**
 * Table definitions are untrusted input. SQL smuggled into any field must be refused as a 422 before
 * anything is rendered, and the renderer must refuse a definition that did not come from the parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import { DIALECTS, jsonSchemaToTable, parseTableDefinition, planMigration, renderStatements, type TableDefinition } from '../../lib/sql/index.js';
import { caricaturesV1 } from './fixtures.js';

const INJECTION = 'x"; DROP TABLE users; --';

/** The seed caricatures request with one field replaced. */
function withField(path: 'table' | 'column name' | 'type' | 'default' | 'index name' | 'index column', value: unknown) {
  const definition = structuredClone(caricaturesV1) as { columns: Record<string, unknown>[]; indexes: Record<string, unknown>[] };
  const [column] = definition.columns.slice(1);
  const [index] = definition.indexes;
  if (!column || !index) throw new Error('fixture changed');
  if (path === 'column name') column.name = value;
  if (path === 'type') column.type = value;
  if (path === 'default') column.default = value;
  if (path === 'index name') index.name = value;
  if (path === 'index column') index.columns = [value];
  return { definition, table: path === 'table' ? String(value) : 'caricatures' };
}

const cases: [Parameters<typeof withField>[0], unknown, string][] = [
  ['table', 'users; DROP TABLE users', ''],
  ['table', '"users"', ''],
  ['table', 'users--', ''],
  ['table', 'users\u0000', ''],
  ['table', '', ''],
  ['column name', INJECTION, '/columns/1/name'],
  ['column name', 'id`) ; DROP TABLE users', '/columns/1/name'],
  ['column name', "name'", '/columns/1/name'],
  ['column name', 'user id', '/columns/1/name'],
  ['column name', { toString: () => 'id' }, '/columns/1/name'],
  ['type', 'text); DROP TABLE users; --', '/columns/1/type'],
  ['type', 'text DEFAULT 1', '/columns/1/type'],
  ['type', 'varchar(10) COLLATE "C"', '/columns/1/type'],
  ['type', 'numeric(10,2); DROP TABLE users', '/columns/1/type'],
  ['type', 'text[]', '/columns/1/type'],
  ['default', "'x'); DROP TABLE users; --", '/columns/1/default'],
  ['default', "'x' || (SELECT password FROM users LIMIT 1)", '/columns/1/default'],
  ['default', "pg_sleep(10)", '/columns/1/default'],
  ['default', 'now(); DROP TABLE users', '/columns/1/default'],
  ['default', "E'\\x27'", '/columns/1/default'],
  ['default', "$$x$$", '/columns/1/default'],
  ['default', "'a'::text", '/columns/1/default'],
  ['index name', INJECTION, '/indexes/0/name'],
  ['index column', 'user_id); DROP TABLE users; --', '/indexes/0/columns/0'],
];

describe('hostile table definitions', () => {
  it.each(cases)('refuses a %s of %j with a 422 at %s', (field, value, path) => {
    const { definition, table } = withField(field, value);
    let refusal: unknown;
    try {
      parseTableDefinition(definition, table);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).status).toBe(422);
    expect((refusal as ValidationError).errors?.map((e) => e.path)).toContain(path);
  });

  it('refuses SQL in property names and x-sql of a JSON Schema request', () => {
    expect(() => jsonSchemaToTable({ properties: { [INJECTION]: { type: 'string' } } }, 'things')).toThrow(ValidationError);
    expect(() => jsonSchemaToTable({ properties: { id: { type: 'string', 'x-sql': { type: 'text); DROP TABLE users; --' } } } }, 'things')).toThrow(ValidationError);
    expect(() => jsonSchemaToTable({ properties: { id: { type: 'string', 'x-sql': { default: "'x'); DROP TABLE users; --" } } } }, 'things')).toThrow(ValidationError);
  });

  it('accepts a column name only when it is a plain identifier, and then only renders it quoted', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'z', '_', '1', 'A', ' ', '"', '`', "'", ';', '-', '(', ')', '\\', '\n'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(name, (value) => {
        let table: TableDefinition | undefined;
        try {
          table = parseTableDefinition({ columns: [{ name: value, type: 'text' }] }, 'things');
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
        expect(table !== undefined).toBe(/^[a-z_][a-z0-9_]*$/.test(value));
        if (!table) return;
        for (const dialect of DIALECTS) {
          const [create] = renderStatements(planMigration('things', null, table), dialect).up;
          const quote = dialect === 'mysql' ? '`' : '"';
          expect(create).toContain(`${quote}${value}${quote} `);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lets no string from a refused definition reach SQL: nothing renders from a half-valid definition', () => {
    const { definition } = withField('default', "'x'); DROP TABLE users; --");
    expect(() => parseTableDefinition(definition, 'caricatures')).toThrow(ValidationError);
    // The only path to SQL is parse -> plan -> render; with the parse refused, the renderer itself
    // refuses definitions forged past the parser, so the hostile text has no way into a statement.
    const valid = parseTableDefinition(caricaturesV1, 'caricatures');
    const first = valid.columns[0];
    if (!first) throw new Error('fixture changed');
    const forgeries: [string, TableDefinition][] = [
      ['a column name', { ...valid, columns: [{ ...first, name: INJECTION }] }],
      ['a type', { ...valid, columns: [{ ...first, type: 'text); DROP TABLE users; --' }] }],
      ['a number default', { ...valid, columns: [{ ...first, type: 'integer', default: { kind: 'number', value: '1); DROP TABLE users; --' } }] }],
      ['an index name', { ...valid, indexes: [{ name: INJECTION, columns: ['user_id'], type: 'btree' }] }],
    ];
    for (const dialect of DIALECTS) {
      for (const [what, forged] of forgeries) {
        expect(() => renderStatements(planMigration('caricatures', null, forged), dialect), `${what} in ${dialect}`).toThrow(TypeError);
      }
    }
  });

  it('renders a string default as one escaped literal in every dialect', () => {
    const table = parseTableDefinition({ columns: [{ name: 'note', type: 'text', default: "'x''); DROP TABLE users; --\\'" }] }, 'things');
    expect(table.columns[0]?.default).toEqual({ kind: 'string', value: "x'); DROP TABLE users; --\\" });
    const statements = Object.fromEntries(DIALECTS.map((d) => [d, renderStatements(planMigration('things', null, table), d).up[0]]));
    expect(statements.postgres).toContain("DEFAULT 'x''); DROP TABLE users; --\\'\n");
    expect(statements.sqlite).toContain("DEFAULT 'x''); DROP TABLE users; --\\'\n");
    expect(statements.mysql).toContain("DEFAULT ('x''); DROP TABLE users; --\\\\')\n");
  });

  it.each([
    ['primary_key', (c: Record<string, unknown>, v: unknown) => (c.primary_key = v)],
    ['a column type', (c: Record<string, unknown>, v: unknown) => (c.type = v)],
    ['a column name', (c: Record<string, unknown>, v: unknown) => (c.name = v)],
    ['a default', (c: Record<string, unknown>, v: unknown) => (c.default = v)],
    ['an index type', (_: Record<string, unknown>, v: unknown, d: { indexes: Record<string, unknown>[] }) => (d.indexes[0]!.type = v)],
  ])('refuses a value nested 100,000 levels deep in %s with a 422 and a short message', (_, place) => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const definition = structuredClone(caricaturesV1) as { columns: Record<string, unknown>[]; indexes: Record<string, unknown>[] };
    place(definition.columns[1]!, deep, definition);
    let error: unknown;
    try {
      parseTableDefinition(definition, 'caricatures');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message.length).toBeLessThan(400);
  });
});
