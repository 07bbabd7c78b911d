import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import { MAX_OUTPUT_BYTES } from '../../lib/engines/json-schema/output-budget.js';
import type { FieldDescription, Json } from '../../lib/engines/types.js';

/** The ValidationError `run` throws; fails the test when it returns. */
function refusalOf(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('no error was thrown');
}

const engine = new JsonSchemaEngine();

/** A customer record as a workspace might publish it: refs, allOf, unions, tuples of drafts aside. */
const customer: Json = {
  $id: 'https://example.com/customer',
  type: 'object',
  required: ['id', 'name', 'address', 'status'],
  allOf: [{ $ref: '#/$defs/audited' }],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'Customer id', 'x-sql': { column: 'id', primary_key: true } },
    name: { type: 'string', maxLength: 120 },
    nickname: { type: ['string', 'null'] },
    status: { enum: ['active', 'suspended'], default: 'active' },
    tier: { const: 'gold' },
    address: { $ref: '#/$defs/address' },
    billing: { anyOf: [{ $ref: '#/$defs/address' }, { type: 'null' }] },
    tags: { type: 'array', items: { type: 'string', maxLength: 20 } },
    score: { oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^[0-9]+$' }] },
    referrer: { $ref: '#' },
  },
  $defs: {
    address: {
      type: 'object',
      required: ['street', 'city'],
      properties: {
        street: { type: 'string' },
        city: { type: 'string' },
        postcode: { type: 'string', maxLength: 10 },
      },
    },
    audited: {
      type: 'object',
      required: ['created_at'],
      properties: { created_at: { type: 'string', format: 'date-time' } },
    },
  },
};

function field(fields: FieldDescription[], path: string): FieldDescription {
  const found = fields.find((f) => f.path === path);
  if (!found) throw new Error(`no field ${path} in ${fields.map((f) => f.path).join(', ')}`);
  return found;
}

describe('describeFields', () => {
  const fields = engine.describeFields(customer);

  it('lists every field once, nested objects and array items included', () => {
    expect(fields.map((f) => f.path)).toEqual([
      '/id', '/name', '/nickname', '/status', '/tier',
      '/address', '/address/street', '/address/city', '/address/postcode',
      '/billing', '/billing/street', '/billing/city', '/billing/postcode',
      '/tags', '/tags/-', '/score', '/referrer', '/created_at',
    ]);
    expect(field(fields, '/tags/-')).toEqual({ path: '/tags/-', name: '-', types: ['string'], required: false, nullable: false, maxLength: 20 });
  });

  it('keeps description, format, maxLength and x-sql annotations', () => {
    expect(field(fields, '/id')).toEqual({
      path: '/id',
      name: 'id',
      types: ['string'],
      required: true,
      nullable: false,
      description: 'Customer id',
      format: 'uuid',
      annotations: { 'x-sql': { column: 'id', primary_key: true } },
    });
    expect(field(fields, '/name').maxLength).toBe(120);
  });

  it('takes required from the parent, allOf branches and resolved $refs', () => {
    expect(field(fields, '/address/street').required).toBe(true);
    expect(field(fields, '/address/postcode').required).toBe(false);
    expect(field(fields, '/created_at')).toMatchObject({ required: true, format: 'date-time', types: ['string'] });
    expect(field(fields, '/nickname').required).toBe(false);
  });

  it('reads nullability from a null type or a null branch', () => {
    expect(field(fields, '/nickname')).toMatchObject({ types: ['string'], nullable: true });
    expect(field(fields, '/billing')).toMatchObject({ types: ['object'], nullable: true, required: false });
    expect(field(fields, '/billing/city').required).toBe(true);
    expect(field(fields, '/name').nullable).toBe(false);
  });

  it('gives union types for oneOf, and enum values for enum and const', () => {
    expect(field(fields, '/score').types).toEqual(['integer', 'string']);
    expect(field(fields, '/status')).toMatchObject({ types: ['string'], enum: ['active', 'suspended'], default: 'active' });
    expect(field(fields, '/tier')).toMatchObject({ types: ['string'], enum: ['gold'] });
  });

  it('stops at a recursive $ref instead of expanding it forever', () => {
    expect(field(fields, '/referrer')).toMatchObject({ types: ['object'], required: false });
    expect(fields.some((f) => f.path.startsWith('/referrer/'))).toBe(false);
  });

  it('describes tuple items of every draft as one union', () => {
    const draft07 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { point: { type: 'array', items: [{ type: 'number' }, { type: 'string' }] } } };
    const draft2020 = { type: 'object', properties: { point: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'string' }], items: false } } };
    for (const definition of [draft07, draft2020]) expect(field(engine.describeFields(definition), '/point/-').types).toEqual(['number', 'string']);
  });

  it('escapes property names in field paths', () => {
    expect(engine.describeFields({ properties: { 'a/b': { type: 'string' } } })).toEqual([
      { path: '/a~1b', name: 'a/b', types: ['string'], required: false, nullable: false },
    ]);
  });

  it('marks unconstrained fields as any', () => {
    expect(engine.describeFields({ properties: { blob: {} } })).toEqual([{ path: '/blob', name: 'blob', types: ['any'], required: false, nullable: true }]);
  });

  it('refuses a definition whose shared $refs expand to an unbounded number of fields', () => {
    const $defs: Record<string, Json> = { d0: { type: 'string' } };
    for (let i = 1; i <= 20; i++) $defs[`d${i}`] = { type: 'object', properties: { a: { $ref: `#/$defs/d${i - 1}` }, b: { $ref: `#/$defs/d${i - 1}` } } };
    expect(() => engine.describeFields({ $defs, $ref: '#/$defs/d20' })).toThrow(ValidationError);
  });

  it(`refuses with 422 a description larger than ${MAX_OUTPUT_BYTES} bytes instead of building it`, () => {
    // 21 x 21 fields each repeating a 10,000-value enum: a 40 MB description of an 80 KB definition.
    const props = (ref: string) => Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, { $ref: ref }]));
    const definition: Json = {
      $defs: { e: { enum: Array.from({ length: 10_000 }, (_, i) => `value_${i}`) }, b: { type: 'object', properties: props('#/$defs/e') } },
      type: 'object',
      properties: props('#/$defs/b'),
    };
    const error = refusalOf(() => engine.describeFields(definition));
    expect(error.status).toBe(422);
    expect(error.message).toContain(`more than ${MAX_OUTPUT_BYTES} bytes`);
    expect(error.errors?.[0]).toMatchObject({ keyword: 'maxOutput' });
  });

  it('still describes a definition whose description is large but within the budget', () => {
    const definition: Json = { type: 'object', properties: { status: { enum: Array.from({ length: 5000 }, (_, i) => `s${i}`) } } };
    expect(engine.describeFields(definition)[0]?.enum).toHaveLength(5000);
  });
});

describe('defaultValue', () => {
  const schemas: Record<string, Json> = {
    contact: {
      type: 'object',
      required: ['name', 'address'],
      allOf: [{ $ref: '#/$defs/named' }],
      properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' }, phone: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      $defs: {
        named: { required: ['kind'], properties: { kind: { const: 'person' } } },
        address: { type: 'object', required: ['city'], properties: { city: { type: 'string', maxLength: 50 } } },
      },
    },
    order: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['quantity', 'price', 'lines', 'express', 'note', 'currency'],
      properties: {
        quantity: { type: 'integer', minimum: 1, maximum: 99 },
        price: { type: 'number', exclusiveMinimum: 0 },
        lines: { type: 'array', minItems: 1, items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' } } } },
        express: { type: 'boolean' },
        note: { type: ['string', 'null'], maxLength: 200 },
        currency: { type: 'string', enum: ['EUR', 'USD'] },
        coupon: { type: 'string' },
      },
      additionalProperties: false,
    },
    preferences: {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      type: 'object',
      required: ['theme', 'notifications'],
      properties: {
        theme: { type: 'string', default: 'dark' },
        notifications: {
          type: 'object',
          required: ['email'],
          properties: { email: { type: 'boolean', default: true }, digest: { enum: ['daily', 'weekly'], default: 'weekly' } },
        },
        language: { type: 'string', default: 'en' },
      },
    },
    scalar: { type: 'integer', minimum: 10 },
  };

  it.each(Object.keys(schemas))('produces a starting %s document that validates', (name) => {
    const definition = schemas[name] as Json;
    const value = engine.defaultValue(definition);
    expect(engine.validate(value, definition)).toEqual({ valid: true });
  });

  it('fills required properties with empty values, defaults and first enum values, and omits optional ones', () => {
    expect(engine.defaultValue(schemas.order as Json)).toEqual({
      quantity: 1,
      price: 1,
      lines: [{ sku: '' }],
      express: false,
      note: null,
      currency: 'EUR',
    });
  });

  it('uses defaults of optional properties and recurses into nested objects', () => {
    expect(engine.defaultValue(schemas.preferences as Json)).toEqual({
      theme: 'dark',
      notifications: { email: true, digest: 'weekly' },
      language: 'en',
    });
  });

  it('starts a required string with a format as an empty string, for the user to fill in', () => {
    const value = engine.defaultValue(customer);
    expect(value).toMatchObject({ id: '', created_at: '' });
    const result = engine.validate(value, customer);
    expect(result.valid ? [] : result.errors.map((e) => e.path).sort()).toEqual(['/created_at', '/id']);
  });

  it('follows $refs and allOf when building the document', () => {
    expect(engine.defaultValue(customer)).toEqual({
      id: '',
      name: '',
      status: 'active',
      address: { street: '', city: '' },
      created_at: '',
    });
  });

  it.each([
    ['an array of 2^32 items', { type: 'array', minItems: 4294967296 }],
    ['nested arrays of 1000^3 items', { type: 'array', minItems: 1000, items: { type: 'array', minItems: 1000, items: { type: 'array', minItems: 1000 } } }],
    ['a long default repeated by shared $refs', { $defs: { s: { type: 'string', default: 'x'.repeat(50_000) }, o: { type: 'object', required: ['a', 'b', 'c', 'd', 'e'], properties: { a: { $ref: '#/$defs/s' }, b: { $ref: '#/$defs/s' }, c: { $ref: '#/$defs/s' }, d: { $ref: '#/$defs/s' }, e: { $ref: '#/$defs/s' } } } }, type: 'array', minItems: 100, items: { $ref: '#/$defs/o' } }],
  ])(`refuses with 422 a starting document larger than ${MAX_OUTPUT_BYTES} bytes: %s`, (_, definition) => {
    const error = refusalOf(() => engine.defaultValue(definition as Json));
    expect(error.status).toBe(422);
    expect(error.message).toContain(`more than ${MAX_OUTPUT_BYTES} bytes`);
  });

  it('keeps a property named __proto__ as data', () => {
    const value = engine.defaultValue({ type: 'object', required: ['__proto__'], properties: { __proto__: { type: 'string' } } }) as Record<string, Json>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
