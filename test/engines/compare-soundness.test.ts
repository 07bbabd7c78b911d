/**
 * Soundness by sampling: whenever compare says BACKWARD (or FORWARD) compatible, no generated document
 * may be valid under one version and rejected by the other, as judged by a real Ajv 2020 validator.
 * Runs use openContentModel 'strict', except the lenient ones: the lenient default is deliberately
 * unsound for a property added where the previous version never named it, so its BACKWARD verdicts are
 * checked on the documents that carry no such name (closeOpenObjects).
 */
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareJsonSchemas } from '../../lib/engines/json-schema/compare.js';
import type { Json } from '../../lib/engines/types.js';
import { additionalPropertiesPair, anyDocument, closeOpenObjects, combinedDocument, combinedPair, documentFor, schemaPair, tuplePair, typedCombinerPair, typedDocument } from './compare-arbitraries.js';

type Schema = boolean | Record<string, Json>;

// allErrors: stopping at the first error (its default), Ajv 8.20 accepts [] where prefixItems stands beside
// contains ({"prefixItems": [{"type": "string"}], "contains": {"type": "string"}}), which would make the
// oracle call a right verdict wrong. The engine validates with all errors and refuses it.
const ajv = new Ajv2020({ strict: false, allErrors: true });
const ajv07 = new Ajv({ strict: false, allErrors: true });
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** An Ajv validator that answers undefined instead of overflowing the stack on a non-descending $ref loop. */
function validator(schema: Schema): ((document: unknown) => boolean | undefined) | undefined {
  try {
    const validate = (typeof schema === 'object' && schema.$schema === DRAFT_07 ? ajv07 : ajv).compile(schema);
    return (document) => {
      try {
        return validate(document) as boolean;
      } catch {
        return undefined;
      }
    };
  } catch {
    return undefined;
  }
}

/** Runs the property and returns how many document checks happened under each verdict. */
function checkSoundness(
  pairs: fc.Arbitrary<[Schema, Schema]>,
  documentsOf: (schema: Schema) => fc.Arbitrary<unknown>,
  numRuns: number,
  openContentModel: 'strict' | 'lenient' = 'strict',
) {
  const checked = { backward: 0, forward: 0, incompatible: 0 };
  const cases = pairs.chain(([previous, next]) =>
    fc.tuple(fc.constant(previous), fc.constant(next), fc.array(fc.oneof(documentsOf(previous), documentsOf(next)), { minLength: 8, maxLength: 16 })),
  );
  fc.assert(
    fc.property(cases, ([previous, next, documents]) => {
      const validPrevious = validator(previous);
      const validNext = validator(next);
      const validClosedPrevious = openContentModel === 'lenient' ? validator(closeOpenObjects(previous) as Schema) : validPrevious;
      // A generated `$ref` loop that never descends into the document is one Ajv itself cannot run.
      fc.pre(validPrevious !== undefined && validNext !== undefined && validClosedPrevious !== undefined);
      const result = compareJsonSchemas(previous, next, { openContentModel });
      if (!result.backward_compatible || !result.forward_compatible) checked.incompatible += 1;
      for (const document of documents) {
        if (result.backward_compatible && validClosedPrevious?.(document) === true) {
          checked.backward += 1;
          expect(validNext(document), `valid under previous, rejected by next: ${JSON.stringify(document)}`).not.toBe(false);
        }
        if (result.forward_compatible && validNext(document) === true) {
          checked.forward += 1;
          expect(validPrevious(document), `valid under next, rejected by previous: ${JSON.stringify(document)}`).not.toBe(false);
        }
      }
    }),
    { numRuns },
  );
  return checked;
}

describe('compare soundness against Ajv', () => {
  it('never calls object schemas compatible when a sampled document proves otherwise', () => {
    const checked = checkSoundness(schemaPair, (schema) => documentFor(schema), 300);
    // Not vacuous: many documents were checked under a "compatible" verdict, and some pairs were not.
    expect(checked.backward).toBeGreaterThan(200);
    expect(checked.forward).toBeGreaterThan(200);
    expect(checked.incompatible).toBeGreaterThan(30);
  });

  it('never calls combiner, conditional, patternProperties or recursive $ref schemas compatible wrongly', () => {
    const checked = checkSoundness(combinedPair, (schema) => combinedDocument(schema, schema), 200);
    expect(checked.backward).toBeGreaterThan(200);
    expect(checked.forward).toBeGreaterThan(200);
    expect(checked.incompatible).toBeGreaterThan(30);
  });

  it('lenient default: never calls typed properties inside combiners BACKWARD compatible wrongly', () => {
    const checked = checkSoundness(typedCombinerPair, () => typedDocument, 300, 'lenient');
    expect(checked.backward).toBeGreaterThan(200);
    expect(checked.forward).toBeGreaterThan(200);
    expect(checked.incompatible).toBeGreaterThan(30);
  });

  it('never calls tuple arrays compatible wrongly (prefixItems and items after them, draft-07 items arrays and additionalItems)', () => {
    const checked = checkSoundness(tuplePair, (schema) => anyDocument([schema]), 300);
    expect(checked.backward).toBeGreaterThan(200);
    expect(checked.forward).toBeGreaterThan(200);
    expect(checked.incompatible).toBeGreaterThan(30);
  });

  it('never calls additionalProperties narrowed, widened or bypassed by a property compatible wrongly, strict and lenient', () => {
    for (const mode of ['strict', 'lenient'] as const) {
      const checked = checkSoundness(additionalPropertiesPair, (schema) => anyDocument([schema]), 300, mode);
      expect(checked.backward).toBeGreaterThan(200);
      expect(checked.forward).toBeGreaterThan(200);
      expect(checked.incompatible).toBeGreaterThan(30);
    }
  });

  it('lenient default: combiner, conditional, patternProperties and recursive $ref schemas', () => {
    const checked = checkSoundness(combinedPair, (schema) => combinedDocument(schema, schema), 200, 'lenient');
    expect(checked.backward).toBeGreaterThan(100);
    expect(checked.forward).toBeGreaterThan(200);
  });
});
