/**
 * The lenient open-content rule (the default) must judge a name against everything the previous version
 * applies at that location, not against one conjunct alone: changing a property's type inside a
 * combiner is not BACKWARD compatible, and each case carries a document that proves it (checked by ajv).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compareJsonSchemas } from '../../lib/engines/json-schema/compare.js';
import type { Json } from '../../lib/engines/types.js';

const ajv = new Ajv2020({ strict: false });
const valid = (schema: Json, document: Json) => ajv.validate(schema as object, document) as boolean;

const typed = (type: string) => ({ properties: { foo: { type } } });

const cases: Array<{ name: string; previous: Json; next: Json; counterexample: Json }> = [
  { name: 'allOf', previous: { allOf: [typed('string')] }, next: { allOf: [typed('number')] }, counterexample: { foo: '' } },
  { name: 'anyOf', previous: { anyOf: [typed('string')] }, next: { anyOf: [typed('number')] }, counterexample: { foo: '' } },
  { name: 'oneOf', previous: { oneOf: [typed('string')] }, next: { oneOf: [typed('number')] }, counterexample: { foo: '' } },
  {
    name: 'if/then',
    previous: { if: { required: ['kind'] }, then: typed('string') },
    next: { if: { required: ['kind'] }, then: typed('number') },
    counterexample: { kind: 1, foo: '' },
  },
  {
    name: 'if/else',
    previous: { if: { required: ['kind'] }, then: true, else: typed('string') },
    next: { if: { required: ['kind'] }, then: true, else: typed('number') },
    counterexample: { foo: '' },
  },
  {
    name: 'allOf through $ref',
    previous: { $defs: { base: { properties: { ts: { type: 'integer' } } } }, allOf: [{ $ref: '#/$defs/base' }] },
    next: { $defs: { base: { properties: { ts: { type: 'string' } } } }, allOf: [{ $ref: '#/$defs/base' }] },
    counterexample: { ts: 1 },
  },
  {
    name: 'a property moved from a branch into the body with another type',
    previous: { allOf: [typed('string')] },
    next: { properties: { foo: { type: 'number' } }, allOf: [{}] },
    counterexample: { foo: '' },
  },
  {
    name: 'another anyOf branch constrains the name',
    previous: { anyOf: [typed('string'), { required: ['x'] }] },
    next: { anyOf: [typed('string'), { required: ['x'], properties: { foo: { type: 'number' } } }] },
    counterexample: { x: 1, foo: [] },
  },
  {
    name: 'nested below a property',
    previous: { properties: { p: { oneOf: [typed('string')] } } },
    next: { properties: { p: { oneOf: [typed('number')] } } },
    counterexample: { p: { foo: '' } },
  },
  {
    name: 'inside array items',
    previous: { items: { anyOf: [typed('string')] } },
    next: { items: { anyOf: [typed('number')] } },
    counterexample: [{ foo: '' }],
  },
];

describe('lenient mode: type changes inside combiners', () => {
  for (const { name, previous, next, counterexample } of cases) {
    it(`${name}: not BACKWARD compatible, and no explanation says old documents stay valid`, () => {
      expect(valid(previous, counterexample)).toBe(true);
      expect(valid(next, counterexample)).toBe(false);
      const result = compareJsonSchemas(previous, next);
      expect(result.backward_compatible).toBe(false);
      expect(result.changes.some((change) => !change.backward_compatible)).toBe(true);
    });
  }

  it('still lets an optional property be added inside a combiner when the previous version never named it', () => {
    const previous = { allOf: [typed('string')] };
    const next = { allOf: [{ properties: { foo: { type: 'string' }, bar: { type: 'number' } } }] };
    expect(compareJsonSchemas(previous, next).backward_compatible).toBe(true);
    expect(compareJsonSchemas(previous, next, { openContentModel: 'strict' }).backward_compatible).toBe(false);
  });

  it('still lets a property be added to an open object beside a combiner that never names it', () => {
    const previous = { oneOf: [typed('string')] };
    const next = { oneOf: [typed('string')], properties: { bar: { type: 'number' } } };
    expect(compareJsonSchemas(previous, next).backward_compatible).toBe(true);
  });
});
