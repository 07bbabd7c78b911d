/** compareJsonSchemas behaviour: references, dialects, combiners, the open content model rule, hostile input. */
import { describe, expect, it } from 'vitest';
import { BadRequestError, ValidationError } from '../../lib/errors.js';
import { compareJsonSchemas } from '../../lib/engines/json-schema/compare.js';
import type { CompareResult, Json } from '../../lib/engines/types.js';

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';

const flags = (result: CompareResult) => ({ backward: result.backward_compatible, forward: result.forward_compatible });
const summary = (result: CompareResult) => result.changes.map((change) => `${change.type} ${change.path}`);

const person: Json = {
  $defs: {
    person: {
      type: 'object',
      properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/person' } } },
    },
  },
  $ref: '#/$defs/person',
};

describe('compareJsonSchemas', () => {
  describe('identity', () => {
    it('reports nothing for identical schemas, recursive ones included', () => {
      const result = compareJsonSchemas(person, structuredClone(person));
      expect(result).toEqual({ changes: [], backward_compatible: true, forward_compatible: true });
    });

    it('treats {} and true alike, at the root and below', () => {
      expect(compareJsonSchemas({}, true).changes).toEqual([]);
      expect(compareJsonSchemas({ properties: { a: true } }, { properties: { a: {} } }).changes).toEqual([]);
    });

    it('compares boolean root schemas: false to true only relaxes', () => {
      const result = compareJsonSchemas(false, true);
      expect(summary(result)).toEqual(['schema_relaxed ']);
      expect(flags(result)).toEqual({ backward: true, forward: false });
    });

    it('ignores reordered required names and enum values', () => {
      const result = compareJsonSchemas({ required: ['a', 'b'], enum: [1, 2] }, { required: ['b', 'a'], enum: [2, 1] });
      expect(result.changes).toEqual([]);
    });
  });

  describe('references', () => {
    it('reports a change inside a shared definition once, where it is defined', () => {
      const schema = (maxLength: number): Json => ({
        definitions: { address: { type: 'object', properties: { street: { type: 'string', maxLength } } } },
        properties: { home: { $ref: '#/definitions/address' }, work: { $ref: '#/definitions/address' } },
      });
      const result = compareJsonSchemas(schema(50), schema(20));
      expect(summary(result)).toEqual(['length_tightened /definitions/address/properties/street/maxLength']);
      expect(result.changes[0]?.explanation).toContain("'home.street'");
    });

    it('sees an inlined definition as the same schema as its $ref', () => {
      const inlined: Json = { properties: { home: { type: 'object', properties: { street: { type: 'string' } } } } };
      const referenced: Json = { $defs: { a: { type: 'object', properties: { street: { type: 'string' } } } }, properties: { home: { $ref: '#/$defs/a' } } };
      expect(compareJsonSchemas(inlined, referenced).changes).toEqual([]);
    });

    it('finds a change deep inside a recursive definition and terminates', () => {
      const next = structuredClone(person) as { $defs: { person: { properties: { name: Json } } } };
      next.$defs.person.properties.name = { type: 'string', minLength: 1 };
      const result = compareJsonSchemas(person, next as unknown as Json);
      expect(summary(result)).toEqual(['length_tightened /$defs/person/properties/name/minLength']);
      expect(flags(result)).toEqual({ backward: false, forward: true });
    });

    it('resolves plain-name anchors ($id "#name" and $anchor)', () => {
      const previous: Json = { $schema: DRAFT_07, definitions: { a: { $id: '#address', type: 'string' } }, properties: { home: { $ref: '#address' } } };
      const next: Json = { $defs: { a: { $anchor: 'address', type: 'string' } }, properties: { home: { $ref: '#address' } } };
      const result = compareJsonSchemas(previous, next);
      expect(result.changes.every((change) => change.type === 'annotation_changed')).toBe(true);
      expect(flags(result)).toEqual({ backward: true, forward: true });
    });

    it('proves nothing from a bare $ref cycle, which never reaches a document', () => {
      const loop: Json = { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' };
      expect(flags(compareJsonSchemas(loop, { type: 'string' }))).toEqual({ backward: false, forward: false });
    });

    it('treats a remote $ref as opaque: equal when unchanged, unproven when changed', () => {
      expect(compareJsonSchemas({ $ref: 'https://example.com/a.json' }, { $ref: 'https://example.com/a.json' }).changes).toEqual([]);
      const result = compareJsonSchemas({ $ref: 'https://example.com/a.json' }, { $ref: 'https://example.com/b.json' });
      expect(summary(result)).toEqual(['unknown_change /$ref']);
      expect(result.changes[0]?.explanation).toContain('https://example.com/a.json');
    });

    it('ignores $ref siblings in draft-07 but applies them from 2019-09 on', () => {
      const schema = (dialect: string, maxLength?: number): Json => ({
        $schema: dialect,
        $defs: { s: { type: 'string' } },
        properties: { a: maxLength === undefined ? { $ref: '#/$defs/s' } : { $ref: '#/$defs/s', maxLength } },
      });
      expect(compareJsonSchemas(schema(DRAFT_07), schema(DRAFT_07, 3)).changes).toEqual([]);
      expect(summary(compareJsonSchemas(schema(DRAFT_2020), schema(DRAFT_2020, 3)))).toEqual(['length_tightened /properties/a/maxLength']);
    });
  });

  describe('keywords across dialects', () => {
    it('reads a draft-07 tuple and its 2020-12 prefixItems spelling as the same schema', () => {
      const draft07: Json = { $schema: DRAFT_07, items: [{ type: 'string' }, { type: 'integer' }], additionalItems: false };
      const draft2020: Json = { $schema: DRAFT_2020, prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false };
      const result = compareJsonSchemas(draft07, draft2020);
      expect(result.changes.filter((change) => change.type !== 'annotation_changed')).toEqual([]);
      expect(flags(result)).toEqual({ backward: true, forward: true });
    });

    it('folds the draft-04 exclusiveMinimum: true form into the bound', () => {
      expect(compareJsonSchemas({ minimum: 0, exclusiveMinimum: true }, { exclusiveMinimum: 0 }).changes).toEqual([]);
    });

    it('proves a type added beside an enum that already implies it', () => {
      expect(compareJsonSchemas({ enum: [1, 2] }, { enum: [1, 2], type: 'integer' }).changes).toEqual([]);
    });

    it('decides multipleOf with exact decimals (0.3 is a multiple of 0.1)', () => {
      const result = compareJsonSchemas({ multipleOf: 0.3 }, { multipleOf: 0.1 });
      expect(flags(result)).toEqual({ backward: true, forward: false });
    });

    it('ignores string keywords on a field that only holds numbers', () => {
      const result = compareJsonSchemas({ type: 'number' }, { type: 'number', maxLength: 3 });
      expect(flags(result)).toEqual({ backward: true, forward: true });
      expect(result.changes[0]?.explanation).toContain('no effect');
    });

    it('compares dependent schemas per trigger property', () => {
      const previous: Json = { dependentSchemas: { card: { required: ['billing'] } } };
      const next: Json = { dependentSchemas: { card: { required: ['billing', 'cvv'] } } };
      expect(summary(compareJsonSchemas(previous, next))).toEqual(['required_added /dependentSchemas/card/required']);
    });
  });

  describe('combiners', () => {
    it('does not call a widened oneOf branch backward compatible: a value could now match twice', () => {
      const result = compareJsonSchemas({ oneOf: [{ type: 'string' }, { maxLength: 5 }] }, { oneOf: [{ type: 'string' }, { maxLength: 10 }] });
      expect(flags(result)).toEqual({ backward: false, forward: false });
      expect(result.changes[0]?.explanation).toContain('could not prove');
    });

    it('proves a branch added to a tagged oneOf union backward compatible', () => {
      const branch = (kind: string): Json => ({ type: 'object', required: ['kind'], properties: { kind: { const: kind } } });
      const result = compareJsonSchemas({ oneOf: [branch('a'), branch('b')] }, { oneOf: [branch('a'), branch('b'), branch('c')] });
      expect(flags(result)).toEqual({ backward: true, forward: false });
    });

    it('reverses inclusion under not', () => {
      const result = compareJsonSchemas({ not: { type: 'string', maxLength: 10 } }, { not: { type: 'string', maxLength: 5 } });
      expect(flags(result)).toEqual({ backward: true, forward: false });
    });

    it('compares then/else in the context of the schema beside them', () => {
      const schema = (then: Json): Json => ({
        properties: { data: { type: 'string' } },
        if: { properties: { kind: { const: 'lower' } } },
        then,
      });
      const result = compareJsonSchemas(schema({ properties: { data: { pattern: '^[a-z]*$' } } }), schema({ properties: { data: { type: 'string' } } }));
      expect(flags(result)).toEqual({ backward: true, forward: false });
    });

    it('explains a constraint moved into allOf as a set of conjuncts', () => {
      const result = compareJsonSchemas({ allOf: [{ type: 'string' }, { maxLength: 5 }] }, { allOf: [{ maxLength: 5 }, { type: 'string' }] });
      expect(result.changes).toEqual([]);
    });
  });

  describe('open content models', () => {
    const previous: Json = { type: 'object', properties: { name: { type: 'string' } }, patternProperties: { '^x-': { type: 'string' } } };

    it('checks a property added under a matching patternProperties entry against that pattern', () => {
      // The lenient rule does not apply: the previous version already constrained 'x-id' to a string.
      const next: Json = { ...(previous as object), properties: { name: { type: 'string' }, 'x-id': { maxLength: 3 } } };
      const result = compareJsonSchemas(previous, next);
      expect(summary(result)).toEqual(['property_added_partially_open_model /properties/x-id']);
      expect(flags(result)).toEqual({ backward: false, forward: true });
    });

    it('applies the lenient rule to a patternProperties entry added to an open object', () => {
      const next: Json = { ...(previous as object), patternProperties: { '^x-': { type: 'string' }, '^y-': { type: 'integer' } } };
      expect(flags(compareJsonSchemas(previous, next))).toEqual({ backward: true, forward: true });
      expect(flags(compareJsonSchemas(previous, next, { openContentModel: 'strict' }))).toEqual({ backward: false, forward: true });
    });

    it('keeps the lenient rule out of the reversed proof when a dependency schema is dropped', () => {
      const withDependency: Json = { type: 'object', dependencies: { address: { properties: { city: { type: 'string' } } } } };
      const result = compareJsonSchemas(withDependency, { type: 'object' });
      expect(flags(result)).toEqual({ backward: true, forward: false });
    });
  });

  describe('untrusted input', () => {
    it('refuses a definition that is not a schema, naming it', () => {
      expect(() => compareJsonSchemas(42, {})).toThrow(ValidationError);
      expect(() => compareJsonSchemas(42, {})).toThrow(/previous definition must be a JSON Schema object or boolean, got 42/);
    });

    it('refuses an unknown openContentModel value, naming it', () => {
      expect(() => compareJsonSchemas({}, {}, { openContentModel: 'loose' as 'strict' })).toThrow(BadRequestError);
      expect(() => compareJsonSchemas({}, {}, { openContentModel: 'loose' as 'strict' })).toThrow(/"loose"/);
    });

    it('refuses a definition nested too deeply to compare safely', () => {
      let deep: Json = { type: 'string' };
      for (let level = 0; level < 1000; level += 1) deep = { items: deep };
      expect(() => compareJsonSchemas(deep, {})).toThrow(/nests 1001 levels deep; compare supports at most 1000/);
    });

    it('does not reach Object.prototype through property names like "constructor"', () => {
      const result = compareJsonSchemas({ properties: { name: {} } }, { properties: { name: {} }, required: ['constructor'] });
      expect(summary(result)).toEqual(['required_added /required']);
    });

    it('gives up, unproven, on combiner nests too large to analyse within its budget', () => {
      let leaves = 0;
      // Every leaf distinct, so no two sub-proofs can share a memoised result.
      const nest = (depth: number): Json =>
        depth === 0 ? { type: 'string', minLength: leaves++ } : { anyOf: [nest(depth - 1), nest(depth - 1), { not: nest(depth - 1) }] };
      const started = Date.now();
      const result = compareJsonSchemas(nest(6), nest(6));
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(flags(result)).toEqual({ backward: false, forward: false });
      expect(result.changes.some((change) => change.explanation.includes('budget'))).toBe(true);
    });

    it('runs a patternProperties regex without backtracking', () => {
      const schema = (type: string): Json => ({ properties: { ['a'.repeat(40)]: {} }, patternProperties: { '^(a+)+$': { type } } });
      const started = Date.now();
      compareJsonSchemas(schema('string'), schema('integer'));
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });
});
