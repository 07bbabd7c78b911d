/**
 * Compatibility beyond the comparator's own cases, per change class: tuple arrays (prefixItems, items
 * after them, draft-07 items arrays and additionalItems), additionalProperties narrowing, changes inside
 * combiners, and required changes inside combiners. Every "incompatible" verdict comes with a document
 * that proves it (valid under one version, invalid under the other, as ajv judges); every "compatible"
 * verdict is checked on sampled documents, which ajv must never find valid under one and not the other.
 */
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import type { Json } from '../../lib/engines/types.js';
import { anyDocument, combinedDocument } from './compare-arbitraries.js';

const D7 = 'http://json-schema.org/draft-07/schema#';
const engine = new JsonSchemaEngine();
const ajv2020 = new Ajv2020({ strict: false });
const ajv07 = new Ajv({ strict: false });
const compile = (schema: Json) => ((schema as { $schema?: string }).$schema === D7 ? ajv07 : ajv2020).compile(schema as object);

interface Case {
  name: string;
  previous: Json;
  next: Json;
  /** A document valid under previous and invalid under next: the verdict is not BACKWARD compatible. */
  breaksBackward?: Json;
  /** A document valid under next and invalid under previous: the verdict is not FORWARD compatible. */
  breaksForward?: Json;
}

const array = (extra: Record<string, Json>): Json => ({ type: 'array', ...extra });
const object = (extra: Record<string, Json>): Json => ({ type: 'object', ...extra });

const CLASSES: Record<string, Case[]> = {
  'tuple arrays': [
    { name: 'a position narrowed', previous: array({ prefixItems: [{ type: 'string' }] }), next: array({ prefixItems: [{ type: 'string', maxLength: 2 }] }), breaksBackward: ['ccc'] },
    { name: 'a position widened', previous: array({ prefixItems: [{ type: 'integer' }] }), next: array({ prefixItems: [{ type: 'number' }] }), breaksForward: [1.5] },
    { name: 'a position added before an open rest', previous: array({ prefixItems: [{ type: 'string' }] }), next: array({ prefixItems: [{ type: 'string' }, { type: 'integer' }] }), breaksBackward: ['a', 'b'] },
    { name: 'the rest after prefixItems closed', previous: array({ prefixItems: [{ type: 'string' }] }), next: array({ prefixItems: [{ type: 'string' }], items: false }), breaksBackward: ['a', 1] },
    { name: 'the rest after prefixItems opened to a schema', previous: array({ prefixItems: [{ type: 'string' }], items: false }), next: array({ prefixItems: [{ type: 'string' }], items: { type: 'integer' } }), breaksForward: ['a', 1] },
    { name: 'a position removed before a closed rest', previous: array({ prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false }), next: array({ prefixItems: [{ type: 'string' }], items: false }), breaksBackward: ['a', 1] },
    { name: 'a position folded into a rest that accepts it', previous: array({ prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false }), next: array({ prefixItems: [{ type: 'string' }], items: { type: 'integer' } }), breaksForward: ['a', 1, 2] },
    { name: 'draft-07: additionalItems false added', previous: { $schema: D7, items: [{ type: 'string' }] }, next: { $schema: D7, items: [{ type: 'string' }], additionalItems: false }, breaksBackward: ['a', 1] },
    { name: 'draft-07: additionalItems narrowed', previous: { $schema: D7, items: [{ type: 'string' }], additionalItems: { type: ['string', 'integer'] } }, next: { $schema: D7, items: [{ type: 'string' }], additionalItems: { type: 'integer' } }, breaksBackward: ['a', 'b'] },
    { name: 'draft-07: an items array rewritten as the one schema it repeats', previous: { $schema: D7, items: [{ type: 'string' }, { type: 'string' }], additionalItems: { type: 'string' } }, next: { $schema: D7, items: { type: 'string' } } },
    { name: 'draft-07: an items array position narrowed', previous: { $schema: D7, items: [{ type: ['string', 'null'] }] }, next: { $schema: D7, items: [{ type: 'string' }] }, breaksBackward: [null] },
  ],
  'additionalProperties narrowing': [
    { name: 'its schema narrowed', previous: object({ additionalProperties: { type: ['string', 'integer'] } }), next: object({ additionalProperties: { type: 'string' } }), breaksBackward: { x: 1 } },
    { name: 'absent (open) to a schema', previous: object({ properties: { a: {} } }), next: object({ properties: { a: {} }, additionalProperties: { type: 'string' } }), breaksBackward: { x: 1 } },
    { name: 'false to a schema', previous: object({ additionalProperties: false }), next: object({ additionalProperties: { type: 'string' } }), breaksForward: { x: 's' } },
    { name: 'a schema to false beside patternProperties', previous: object({ patternProperties: { '^x': { type: 'string' } }, additionalProperties: { type: 'integer' } }), next: object({ patternProperties: { '^x': { type: 'string' } }, additionalProperties: false }), breaksBackward: { z: 1 } },
    {
      name: 'narrowed while a new property takes one name out of it',
      previous: object({ properties: { a: { type: 'string' } }, additionalProperties: { type: ['string', 'integer'] } }),
      next: object({ properties: { a: { type: 'string' }, b: { type: 'boolean' } }, additionalProperties: { type: 'string' } }),
      breaksBackward: { c: 1 },
      breaksForward: { b: true },
    },
  ],
  'changes inside combiners': [
    { name: 'an anyOf branch narrowed', previous: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, next: { anyOf: [{ type: 'string', maxLength: 1 }, { type: 'integer' }] }, breaksBackward: 'bb' },
    { name: 'an anyOf branch added', previous: { anyOf: [{ type: 'string' }] }, next: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, breaksForward: 1 },
    { name: 'an allOf branch added', previous: { allOf: [{ type: 'string' }] }, next: { allOf: [{ type: 'string' }, { maxLength: 3 }] }, breaksBackward: 'dddd' },
    { name: 'a oneOf branch removed', previous: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, next: { oneOf: [{ type: 'string' }] }, breaksBackward: 1 },
    { name: 'a oneOf branch widened into its neighbour', previous: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, next: { oneOf: [{ type: 'string', maxLength: 2 }, { type: ['number', 'string'] }] }, breaksBackward: 'a', breaksForward: 1.5 },
    { name: 'a oneOf branch widened apart from its neighbour', previous: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, next: { oneOf: [{ type: 'string' }, { type: 'number' }] }, breaksForward: 1.5 },
    { name: 'the schema under not widened', previous: { not: { type: 'string' } }, next: { not: { type: ['string', 'null'] } }, breaksBackward: null },
    { name: 'then narrowed', previous: { if: { type: 'string' }, then: { maxLength: 3 } }, next: { if: { type: 'string' }, then: { maxLength: 2 } }, breaksBackward: 'ccc' },
    { name: 'a property type changed inside allOf', previous: { allOf: [{ properties: { foo: { type: 'string' } } }] }, next: { allOf: [{ properties: { foo: { type: 'number' } } }] }, breaksBackward: { foo: '' }, breaksForward: { foo: 1 } },
    { name: 'a property type widened inside anyOf', previous: { anyOf: [{ properties: { foo: { type: 'integer' } } }, { required: ['bar'] }] }, next: { anyOf: [{ properties: { foo: { type: 'number' } } }, { required: ['bar'] }] }, breaksForward: { foo: 1.5 } },
  ],
  'required inside combiners': [
    { name: 'required added in an allOf branch', previous: { allOf: [object({ properties: { a: {} } })] }, next: { allOf: [object({ properties: { a: {} }, required: ['a'] })] }, breaksBackward: {} },
    { name: 'required removed from an anyOf branch', previous: { anyOf: [{ required: ['a'] }, { required: ['b'] }] }, next: { anyOf: [{ required: ['a'] }, {}] }, breaksForward: {} },
    { name: 'required added in a oneOf branch', previous: { oneOf: [{ required: ['a'] }, { required: ['b'] }] }, next: { oneOf: [{ required: ['a', 'c'] }, { required: ['b'] }] }, breaksBackward: { a: 1 }, breaksForward: { a: 1, b: 1 } },
    { name: 'required added in then', previous: { if: { properties: { k: { const: 1 } }, required: ['k'] }, then: {} }, next: { if: { properties: { k: { const: 1 } }, required: ['k'] }, then: { required: ['x'] } }, breaksBackward: { k: 1 } },
    { name: 'required removed from else', previous: { if: { required: ['k'] }, else: { required: ['x'] } }, next: { if: { required: ['k'] }, else: {} }, breaksForward: {} },
  ],
};

/** Documents over the names and values the schemas use, so collisions with their constraints are common. */
const documents = (c: Case) => fc.oneof(anyDocument([c.previous, c.next]), combinedDocument(c.previous, c.previous), combinedDocument(c.next, c.next));

for (const [changeClass, cases] of Object.entries(CLASSES)) {
  describe(`compatibility: ${changeClass}`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const validPrevious = compile(c.previous);
        const validNext = compile(c.next);
        for (const mode of ['strict', 'lenient'] as const) {
          const result = engine.compare(c.previous, c.next, { openContentModel: mode });
          expect({ mode, backward: result.backward_compatible, forward: result.forward_compatible }).toEqual({ mode, backward: c.breaksBackward === undefined, forward: c.breaksForward === undefined });
          const explained = result.changes.filter((change) => !change.backward_compatible || !change.forward_compatible);
          expect(explained.every((change) => change.explanation.length > 20)).toBe(true);
        }
        // Each incompatible verdict, proven by a document.
        if (c.breaksBackward !== undefined) expect([validPrevious(c.breaksBackward), validNext(c.breaksBackward)]).toEqual([true, false]);
        if (c.breaksForward !== undefined) expect([validNext(c.breaksForward), validPrevious(c.breaksForward)]).toEqual([true, false]);
        // Each compatible verdict, sampled: never a document valid under one side only.
        let checked = 0;
        fc.assert(
          fc.property(documents(c), (document) => {
            const [before, after] = [validPrevious(document), validNext(document)];
            if (c.breaksBackward === undefined && before) {
              checked += 1;
              expect(after, `valid under previous, not next: ${JSON.stringify(document)}`).toBe(true);
            }
            if (c.breaksForward === undefined && after) {
              checked += 1;
              expect(before, `valid under next, not previous: ${JSON.stringify(document)}`).toBe(true);
            }
          }),
          { numRuns: 500 },
        );
        // Not vacuous: documents were checked under every compatible verdict.
        expect(checked).toBeGreaterThan(c.breaksBackward === undefined || c.breaksForward === undefined ? 20 : -1);
      });
    }
  });
}
