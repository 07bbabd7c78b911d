/** Patterns mean what the author wrote: RE2 verdicts equal ECMAScript's (native RegExp, `u` flag), or a refusal with the reason. */
import { describe, expect, it } from 'vitest';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import { compileRe2 } from '../../lib/engines/json-schema/re2.js';
import { refusalOf } from './refusal.js';

const engine = new JsonSchemaEngine();

const PATTERNS = [
  '^\\S+$', '^\\s*$', '[\\s,]+', '^[^\\s]+$', '^.$', '^a.b$', '^.*$', '^\\p{Letter}+$', '^\\P{Letter}+$', '^\\p{Lu}\\p{Ll}*$',
  '^\\p{Script=Greek}+$', '^\\p{sc=Latin}+$', '^\\p{General_Category=Decimal_Number}+$', '^\\p{Nd}+$', '^[\\p{Letter}\\s]+$',
  '^\\d+$', '^\\w+$', '\\bword\\b', '^[a-z]{2,3}$', '^\\u00e9$', '^\\u{1F600}$', '[]', '^[^]$', '^(?:ab|cd)+$', '^\\.$',
];
const SAMPLES = [
  '', 'a', 'ab', 'a b', 'a\u00a0b', 'a\u2003b', '\u3000', '\ufeff', 'a\rb', 'a\nb', 'a\u2028b', 'a\u2029b', '\r', '\u2028',
  'αβγ', 'Αβ', 'Éa', 'é', 'e\u0301', '١٢٣', '123', 'word', 'a word here', 'abcd', 'ab cd', '😀', '.', 'x', ' , ', 'ABC', 'Ab',
];

describe('pattern translation for RE2', () => {
  for (const pattern of PATTERNS) {
    it(`${pattern}: the same verdict as ECMAScript on every sample`, () => {
      const native = new RegExp(pattern, 'u');
      const re2 = compileRe2(pattern);
      for (const sample of SAMPLES) expect(re2.test(sample), JSON.stringify(sample)).toBe(native.test(sample));
    });
  }

  it('validates through the engine with ECMAScript verdicts (\\S is Unicode-aware)', () => {
    const definition = { type: 'string', pattern: '^\\S+$' };
    expect(engine.validate('a\u00a0b', definition).valid).toBe(false);
    expect(engine.validate('ab', definition).valid).toBe(true);
    expect(engine.validate('a\rb', { pattern: '^a.b$' }).valid).toBe(false);
    expect(engine.checkDefinition(definition).warnings.map((w) => w.code)).toEqual(['pattern_translated']);
    expect(engine.checkDefinition({ pattern: '^[a-z]+$' }).warnings).toEqual([]);
  });

  it('refuses, with the reason, what has no exact translation', () => {
    expect(refusalOf(engine, { pattern: '^[\\S,]+$' }).message).toMatch(/\\S inside a character class/);
    expect(refusalOf(engine, { pattern: '^(a)\\1$' }).message).toMatch(/no exact RE2 translation/);
    expect(refusalOf(engine, { pattern: '^(?=a)' }).message).toMatch(/no exact RE2 translation/);
    expect(refusalOf(engine, { pattern: '^\\p{Script_Extensions=Greek}$' }).message).toMatch(/Script_Extensions/);
  });

  it('patternProperties match names with the same meaning', () => {
    const definition = { patternProperties: { '^\\S+$': { type: 'integer' } } };
    expect(engine.validate({ 'a\u00a0b': 'x' }, definition).valid).toBe(true);
    expect(engine.validate({ ab: 'x' }, definition).valid).toBe(false);
  });
});
