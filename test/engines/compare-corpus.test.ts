/**
 * Conformance with the public Apicurio Registry JSON Schema compatibility cases, read in place from
 * ../shared/corpora (relative to the project root). `backward`: BACKWARD holds and FORWARD fails; `both`:
 * both hold; `none`: neither holds. Cases marked `enabled: false` would run too: the flag is Apicurio's
 * own bookkeeping, not a statement that the expectation is wrong.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { compareJsonSchemas } from '../../lib/engines/json-schema/compare.js';
import type { CompareResult, Json } from '../../lib/engines/types.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpora/jsonschema-compatibility-apicurio.json', import.meta.url));
const present = existsSync(CORPUS);
if (!present) console.warn(`Skipping the Apicurio compatibility corpus: ${CORPUS} is missing.`);

type Verdict = 'backward' | 'forward' | 'both' | 'none';

interface CorpusCase {
  enabled: boolean;
  id: string;
  compatibility: Verdict;
  original: Json;
  updated: Json;
}

const cases: CorpusCase[] = present ? (JSON.parse(readFileSync(CORPUS, 'utf8')) as { tests: CorpusCase[] }).tests : [];

function verdict(result: CompareResult): Verdict {
  if (result.backward_compatible) return result.forward_compatible ? 'both' : 'backward';
  return result.forward_compatible ? 'forward' : 'none';
}

/**
 * Cases where the corpus is wrong. Each carries a document that Ajv finds valid under `original` and
 * invalid under `updated`, so BACKWARD cannot hold; agreeing with the corpus would mean telling users a
 * change is safe when it rejects their stored documents. Apicurio compares oneOf branch by branch as if
 * it were anyOf, but oneOf requires exactly one match, so widening a branch (or adding one) can make a
 * value match twice. The checker cannot prove FORWARD either, so it answers `none`.
 */
const OVERRIDES: ReadonlyArray<{ id: string; corpus: Verdict; expected: Verdict; counterexample: Json; reason: string }> = [
  {
    id: 'Complex: oneOf 1',
    corpus: 'backward',
    expected: 'none',
    counterexample: 'abcdefg',
    reason: '"abcdefg" matches only {type: string} before, but also {maxLength: 10} after, so oneOf rejects it',
  },
  {
    id: 'Complex: oneOf 3',
    corpus: 'backward',
    expected: 'none',
    counterexample: 'ab',
    reason: '"ab" matches the single branch before, but both {type: string} and the added {maxLength: 5} after',
  },
];

describe.skipIf(!present)(`Apicurio JSON Schema compatibility corpus${present ? '' : ` (skipped: ${CORPUS} is missing)`}`, () => {
  it('holds the 145 cases its README describes', () => {
    expect(cases).toHaveLength(145);
  });

  cases.forEach((testCase, index) => {
    const override = OVERRIDES.find((candidate) => candidate.id === testCase.id);
    it(`${testCase.id} [#${index}]: ${override ? `${override.expected} (overrides the corpus' ${testCase.compatibility})` : testCase.compatibility}`, () => {
      expect(verdict(compareJsonSchemas(testCase.original, testCase.updated))).toBe(override ? override.expected : testCase.compatibility);
    });
  });

  it('gives the same verdicts under the strict open content model rule: no case adds a property to an open object', () => {
    for (const testCase of cases) {
      const strict = compareJsonSchemas(testCase.original, testCase.updated, { openContentModel: 'strict' });
      expect(verdict(strict), testCase.id).toBe(verdict(compareJsonSchemas(testCase.original, testCase.updated)));
    }
  });

  for (const override of OVERRIDES) {
    it(`overrides "${override.id}" because ${override.reason}`, () => {
      const testCase = cases.find((candidate) => candidate.id === override.id);
      expect(testCase?.compatibility).toBe(override.corpus);
      const validate = (schema: Json): boolean => new Ajv({ strict: false }).validate(schema as object, override.counterexample) as boolean;
      expect(validate((testCase as CorpusCase).original)).toBe(true);
      expect(validate((testCase as CorpusCase).updated)).toBe(false);
    });
  }
});
