/**
 * Validation cost is bounded whatever the definition and the document (issue 11, items 9 and 15): the
 * comparisons ajv makes pairwise run in linear time, and anything else expensive stops at the
 * validation budget with a 422 naming it. Times are measured in bench/, not here.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import { MAX_BRANCHES, MAX_PATTERNS } from '../../lib/engines/json-schema/check.js';
import { MAX_VALIDATION_STEPS, needsBudget } from '../../lib/engines/json-schema/validation-budget.js';
import { refusalOf } from './refusal.js';
import type { Json } from '../../lib/engines/types.js';

const engine = new JsonSchemaEngine();

function budgetRefusal(data: unknown, definition: Json): ValidationError {
  try {
    engine.validate(data, definition, JSON.stringify(definition).slice(0, 200));
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('the document was validated within the budget');
}

describe('uniqueItems', () => {
  it('checks 24,748 distinct objects (the attack that took 10 s) in linear time', () => {
    const items = Array.from({ length: 24_748 }, (_, i) => ({ id: i, tag: `t${i % 7}` }));
    expect(engine.validate(items, { uniqueItems: true })).toEqual({ valid: true });
  });

  it('checks 33,000 distinct arrays', () => {
    expect(engine.validate(Array.from({ length: 33_000 }, (_, i) => [i, 'x']), { uniqueItems: true })).toEqual({ valid: true });
  });

  it('finds duplicates by JSON equality: keys in another order, 1 and 1.0, but not 1 and "1"', () => {
    expect(engine.validate([{ a: 1, b: [2] }, { b: [2], a: 1 }], { uniqueItems: true })).toEqual({
      valid: false,
      errors: [{ path: '', keyword: 'uniqueItems', message: 'must NOT have duplicate items (items ## 1 and 0 are identical)' }],
    });
    expect(engine.validate([1, JSON.parse('1.0')], { uniqueItems: true }).valid).toBe(false);
    expect(engine.validate([1, '1', [1], ['1'], { a: 1 }, { a: '1' }, null, 'null'], { uniqueItems: true }).valid).toBe(true);
    expect(engine.validate([{ a: 1 }, { a: 1 }], { uniqueItems: false }).valid).toBe(true);
  });
});

describe('enum', () => {
  const values = Array.from({ length: 5_000 }, (_, i) => ({ code: i, label: `l${i}` }));

  it('checks items against a 5,000-object enum (the largest a definition holds) by hashed JSON equality', () => {
    const definition: Json = { type: 'array', items: { enum: values } };
    expect(engine.validate(Array.from({ length: 2_000 }, (_, i) => ({ label: `l${i}`, code: i })), definition)).toEqual({ valid: true });
    const result = engine.validate([{ code: 1, label: 'l2' }], definition);
    expect(result).toEqual({ valid: false, errors: [{ path: '/0', keyword: 'enum', message: 'must be equal to one of the allowed values' }] });
  });

  it('tells values of different types apart', () => {
    const definition: Json = { enum: ['1', 2, null, [3], { a: 4 }, false] };
    for (const accepted of ['1', 2, JSON.parse('2.0'), null, [3], { a: 4 }, false]) expect(engine.validate(accepted, definition).valid).toBe(true);
    for (const refused of [1, '2', 'null', ['3'], [[3]], { a: '4' }, 0, '', {}]) expect(engine.validate(refused, definition).valid).toBe(false);
  });
});

describe(`the validation budget (${MAX_VALIDATION_STEPS} steps)`, () => {
  it('refuses at publish 3,000 patternProperties and an anyOf of 900 branches, naming the limit', () => {
    const patterns: Json = { type: 'object', patternProperties: Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`^k${i}x`, { type: 'string' }])) };
    const branches: Json = { type: 'array', items: { anyOf: Array.from({ length: 900 }, (_, i) => ({ const: `c${i}` })) } };
    expect(refusalOf(engine, patterns).errors?.[0]).toMatchObject({ keyword: 'maxPatterns', message: expect.stringContaining(`more than ${MAX_PATTERNS} patterns`) });
    expect(refusalOf(engine, branches).errors?.[0]).toMatchObject({ path: '/items/anyOf', keyword: 'maxBranches', message: expect.stringContaining(`the limit is ${MAX_BRANCHES}`) });
  });

  it('refuses with 422 the most patternProperties allowed against an object of 10,000 keys', () => {
    const definition: Json = { type: 'object', patternProperties: Object.fromEntries(Array.from({ length: MAX_PATTERNS }, (_, i) => [`^k${i}x`, { type: 'string' }])) };
    const error = budgetRefusal(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 1])), definition);
    expect(error.status).toBe(422);
    expect(error.errors?.[0]).toMatchObject({ keyword: 'validationBudget', message: expect.stringContaining(`more than ${MAX_VALIDATION_STEPS} steps`) });
  });

  it('refuses with 422 anyOf branches over 60,000 items', () => {
    const definition: Json = { type: 'array', items: { anyOf: Array.from({ length: MAX_BRANCHES }, (_, i) => ({ const: `c${i}` })) } };
    expect(budgetRefusal(Array.from({ length: 60_000 }, () => 'zz'), definition).errors?.[0]?.keyword).toBe('validationBudget');
  });

  it('refuses with 422 a pattern run over one long string by many branches', () => {
    const definition: Json = { anyOf: Array.from({ length: MAX_BRANCHES }, (_, i) => ({ pattern: `^a*${i}$` })) };
    expect(budgetRefusal('a'.repeat(250_000), definition).errors?.[0]?.keyword).toBe('validationBudget');
  });

  it('still validates a large ordinary document: 256 KB of orders', () => {
    const definition: Json = {
      type: 'array',
      items: { type: 'object', required: ['id', 'sku', 'qty'], properties: { id: { type: 'string', pattern: '^order[0-9]+$' }, sku: { enum: ['a', 'b', 'c'] }, qty: { type: 'integer', minimum: 1 } } },
    };
    const orders = Array.from({ length: 7_000 }, (_, i) => ({ id: `order${i}`, sku: 'abc'[i % 3], qty: 1 + (i % 5) }));
    expect(JSON.stringify(orders).length).toBeGreaterThan(250_000);
    expect(engine.validate(orders, definition)).toEqual({ valid: true });
  });
});

describe('which definitions are metered', () => {
  const one = { type: 'string' };
  it.each<[string, Json]>([
    ['allOf', { allOf: [one] }],
    ['anyOf', { properties: { a: { anyOf: [one] } } }],
    ['oneOf', { items: { oneOf: [one] } }],
    ['not', { not: one }],
    ['if/then/else', { if: one, then: one, else: one }],
    ['dependentSchemas', { dependentSchemas: { a: one } }],
    ['contains', { contains: one }],
    ['patternProperties', { patternProperties: { '^a': one } }],
    ['propertyNames', { propertyNames: one }],
    ['unevaluatedProperties', { unevaluatedProperties: false }],
    ['a $ref beside other keywords', { $defs: { s: one }, properties: { a: { $ref: '#/$defs/s', minLength: 1 } } }],
    ['uniqueItems', { uniqueItems: true }],
    ['an enum of objects', { enum: [{ a: 1 }] }],
  ])('%s: a value can meet more than one schema, or a comparison costs as much as the value', (_, definition) => {
    expect(needsBudget(definition)).toBe(true);
  });

  it('not definitions whose values each meet at most one schema: properties, items, lone $refs, patterns, enums of scalars', () => {
    const definition: Json = {
      $defs: { node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
      type: 'object',
      additionalProperties: { type: 'string', pattern: '^[a-z]+$' },
      properties: { tree: { $ref: '#/$defs/node' }, kind: { enum: ['a', 'b'] }, pair: { prefixItems: [one], items: false } },
    };
    expect(needsBudget(definition)).toBe(false);
  });

  it('counts no steps where the work is linear: more values than the budget has steps validate, and the same behind an anyOf are refused', () => {
    const numbers = Array.from({ length: MAX_VALIDATION_STEPS + 1 }, (_, i) => i);
    expect(engine.validate(numbers, { type: 'array', items: { type: 'number' } }, 'linear')).toEqual({ valid: true });
    expect(budgetRefusal(numbers, { type: 'array', items: { anyOf: [{ type: 'number' }] } }).errors?.[0]?.keyword).toBe('validationBudget');
  });
});
