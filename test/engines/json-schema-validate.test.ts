import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import { refusalOf } from './refusal.js';
import type { Json } from '../../lib/engines/types.js';

const engine = new JsonSchemaEngine();
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const DRAFT_2019 = 'https://json-schema.org/draft/2019-09/schema';
const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';

function errorsOf(data: unknown, definition: Json) {
  const result = engine.validate(data, definition);
  return result.valid ? [] : result.errors;
}

const refusal = (definition: Json) => refusalOf(engine, definition);

describe('drafts', () => {
  it('validates a draft-07 tuple by position with the array form of items', () => {
    const tuple = { $schema: DRAFT_07, type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false };
    expect(engine.validate(['a', 1], tuple)).toEqual({ valid: true });
    expect(errorsOf(['a', 'b'], tuple)).toEqual([{ path: '/1', message: 'must be integer', keyword: 'type' }]);
    expect(errorsOf(['a', 1, true], tuple).map((e) => e.keyword)).toEqual(['additionalItems']);
  });

  it('accepts the draft-07 $schema without its trailing #', () => {
    const tuple = { $schema: 'http://json-schema.org/draft-07/schema', items: [{ type: 'string' }] };
    expect(errorsOf([1], tuple)).toEqual([{ path: '/0', message: 'must be string', keyword: 'type' }]);
  });

  it('applies draft-07 dependencies and warns that the 2019-09 dependentRequired has no effect there', () => {
    const definition = { $schema: DRAFT_07, dependencies: { card: ['billing_address'] } };
    expect(errorsOf({ card: 1 }, definition)).toEqual([
      { path: '/billing_address', message: 'must have property billing_address when property card is present', keyword: 'dependencies' },
    ]);
    const ignored = { $schema: DRAFT_07, dependentRequired: { card: ['billing_address'] } };
    expect(engine.checkDefinition(ignored).warnings).toEqual([expect.objectContaining({ path: '/dependentRequired', code: 'unknown_keyword' })]);
    expect(engine.validate({ card: 1 }, ignored)).toEqual({ valid: true });
  });

  it('warns that prefixItems has no effect in draft-07 and 2019-09, where it does not exist', () => {
    for (const $schema of [DRAFT_07, DRAFT_2019]) {
      expect(engine.checkDefinition({ $schema, prefixItems: [{ type: 'string' }] }).warnings.map((w) => `${w.code} ${w.path}`)).toEqual(['unknown_keyword /prefixItems']);
    }
  });

  it('applies 2019-09 dependentRequired and its array form of items', () => {
    const definition = { $schema: DRAFT_2019, dependentRequired: { card: ['billing_address'] }, items: [{ type: 'string' }] };
    expect(errorsOf({ card: 1 }, definition).map((e) => [e.path, e.keyword])).toEqual([['/billing_address', 'dependentRequired']]);
    expect(errorsOf([3], definition)).toEqual([{ path: '/0', message: 'must be string', keyword: 'type' }]);
  });

  it('validates 2020-12 tuples with prefixItems and refuses the array form of items', () => {
    const tuple = { $schema: DRAFT_2020, prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false };
    expect(engine.validate(['a', 1], tuple)).toEqual({ valid: true });
    expect(errorsOf(['a', 1, 2], tuple).map((e) => e.keyword)).toEqual(['items']);
    expect(refusal({ items: [{ type: 'string' }] }).errors?.[0]).toMatchObject({ path: '/items', keyword: 'type' });
  });

  it('refuses an empty array under contains beside prefixItems, which Ajv accepts when it stops at the first error', () => {
    const definition = { prefixItems: [{ type: 'string' }], contains: { type: 'string' } };
    expect(errorsOf([], definition)).toEqual([{ path: '', message: 'must contain at least 1 valid item(s)', keyword: 'contains' }]);
    expect(engine.validate(['a'], definition)).toEqual({ valid: true });
  });

  it('reads a definition without $schema as 2020-12', () => {
    expect(engine.validate(['a', 1], { prefixItems: [{ type: 'string' }, { type: 'integer' }] })).toEqual({ valid: true });
    expect(errorsOf([1], { prefixItems: [{ type: 'string' }] })).toEqual([{ path: '/0', message: 'must be string', keyword: 'type' }]);
  });

  it('refuses any other $schema, naming the supported ones', () => {
    const error = refusal({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'string' });
    expect(error.status).toBe(422);
    expect(error.message).toContain('"http://json-schema.org/draft-04/schema#" is not supported');
    for (const uri of ['http://json-schema.org/draft-07/schema', DRAFT_2019, DRAFT_2020]) expect(error.message).toContain(uri);
    expect(error.errors).toEqual([expect.objectContaining({ path: '/$schema', keyword: '$schema' })]);
  });
});

describe('validate', () => {
  const person = {
    type: 'object',
    required: ['name', 'age', 'email'],
    properties: {
      name: { type: 'string', minLength: 1 },
      age: { type: 'integer', minimum: 0 },
      email: { type: 'string', format: 'email' },
      address: { type: 'object', required: ['street'], properties: { street: { type: 'string' } } },
    },
    additionalProperties: false,
  };

  it('reports every error, not only the first', () => {
    const errors = errorsOf({ name: '', age: -1, email: 'not-an-email', extra: true }, person);
    expect(errors.map((e) => `${e.keyword} ${e.path}`).sort()).toEqual(['additionalProperties ', 'format /email', 'minLength /name', 'minimum /age']);
  });

  it('points a required error at the missing property and names it', () => {
    const errors = errorsOf({ name: 'Ada', age: 36, address: {} }, person);
    expect(errors).toEqual([
      { path: '/email', message: "must have required property 'email'", keyword: 'required' },
      { path: '/address/street', message: "must have required property 'street'", keyword: 'required' },
    ]);
  });

  it('escapes a missing property name in the JSON pointer', () => {
    expect(errorsOf({}, { required: ['a/b~c'] })[0]?.path).toBe('/a~1b~0c');
  });

  it('reports root errors at the empty pointer', () => {
    expect(errorsOf('text', person)).toEqual([{ path: '', message: 'must be object', keyword: 'type' }]);
  });

  it('never changes the document it validates', () => {
    const definition = {
      type: 'object',
      properties: { count: { type: 'integer', default: 5 }, flag: { type: 'boolean' } },
      additionalProperties: false,
    };
    const data = { flag: 'true', extra: 1 };
    const before = structuredClone(data);
    expect(engine.validate(data, definition).valid).toBe(false);
    expect(data).toEqual(before);
  });

  it('validates formats from ajv-formats', () => {
    const definition = { type: 'string', format: 'date-time' };
    expect(engine.validate('2024-05-01T10:00:00Z', definition)).toEqual({ valid: true });
    expect(errorsOf('yesterday', definition)[0]?.keyword).toBe('format');
  });

  it('accepts boolean definitions', () => {
    expect(engine.validate({ any: 'thing' }, true)).toEqual({ valid: true });
    expect(engine.validate(1, false).valid).toBe(false);
  });

  it('follows recursive internal references', () => {
    const tree = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#' } } } };
    expect(engine.validate({ children: [{ children: [] }] }, tree)).toEqual({ valid: true });
    expect(errorsOf({ children: [{ children: [1] }] }, tree)).toEqual([{ path: '/children/0/children/0', message: 'must be object', keyword: 'type' }]);
  });

  it('resolves $anchor, draft-07 "#name" ids and embedded $ids inside the definition', () => {
    const withAnchor = { $defs: { code: { $anchor: 'code', type: 'string' } }, properties: { a: { $ref: '#code' } } };
    expect(errorsOf({ a: 1 }, withAnchor)).toEqual([{ path: '/a', message: 'must be string', keyword: 'type' }]);
    const draft07Anchor = { $schema: DRAFT_07, definitions: { code: { $id: '#code', type: 'string' } }, properties: { a: { $ref: '#code' } } };
    expect(errorsOf({ a: 1 }, draft07Anchor)).toHaveLength(1);
    const embedded = { $id: 'https://example.com/order', $defs: { sku: { $id: 'sku', type: 'string' } }, properties: { a: { $ref: 'sku' } } };
    expect(errorsOf({ a: 1 }, embedded)).toHaveLength(1);
  });

  it('resolves a reference to the root by its own $id', () => {
    const list: Json = { $id: 'https://example.com/list', type: 'object', properties: { next: { anyOf: [{ $ref: 'https://example.com/list' }, { type: 'null' }] } } };
    expect(engine.validate({ next: { next: null } }, list)).toEqual({ valid: true });
    expect(engine.validate({ next: { next: 3 } }, list).valid).toBe(false);
  });
});

describe('the Apicurio compatibility corpus', () => {
  const corpus = resolve(import.meta.dirname, '../../../shared/corpora/jsonschema-compatibility-apicurio.json');

  it.skipIf(!existsSync(corpus))(`accepts its draft-07 definitions and refuses only the invalid ones (needs ${corpus})`, () => {
    const { tests } = JSON.parse(readFileSync(corpus, 'utf8')) as { tests: { id: string; original: Json; updated: Json }[] };
    const refused: string[] = [];
    for (const test of tests) {
      for (const side of ['original', 'updated'] as const) {
        const definition = test[side];
        if (JSON.stringify(definition).includes('draft-04')) continue;
        try {
          // Describing and starting a document must work on every accepted definition too.
          engine.checkDefinition(definition);
          engine.describeFields(definition);
          engine.defaultValue(definition);
        } catch (error) {
          refused.push(`${test.id} / ${side}: ${(error as Error).message}`);
        }
      }
    }
    // A draft-04 meta-schema (keyword `id`) and `enum: []`, which the draft-07 meta-schema forbids.
    expect(refused).toEqual([
      'Basic: meta / updated: definition is invalid: NOT SUPPORTED: keyword "id", use "$id" for schema ID',
      'Enum 4 / original: definition is invalid: must NOT have fewer than 1 items (JSON Schema meta-schema)',
    ]);
  });
});
