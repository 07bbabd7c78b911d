/** Patterns mean what the author wrote: RE2 verdicts equal ECMAScript's (native RegExp, `u` flag), or a refusal with the reason. */
import { describe, expect, it } from 'vitest';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import { provenLinear } from '../../lib/engines/json-schema/linear-pattern.js';
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
    // Proven linear, so it runs natively, untranslated.
    expect(engine.checkDefinition(definition).warnings).toEqual([]);
    const onRe2 = { type: 'string', pattern: '^(\\S+\\s?)+$' };
    expect(engine.validate('a\u00a0b', onRe2).valid).toBe(true);
    expect(engine.validate(`${'a'.repeat(40)}\u00a0`, onRe2).valid).toBe(true);
    expect(engine.checkDefinition(onRe2).warnings.map((w) => w.code)).toEqual(['pattern_translated']);
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

describe('patterns proven linear run on the native engine', () => {
  const LINEAR = [
    '^ord_[0-9a-z]{8}$', '^\\+[0-9]{6,15}$', '^[A-Z]{3}-[0-9]{4}$', '^[a-z]+(-[a-z]+)*$', '^[^@\\s]+@[^@\\s]+$', '^\\d+$', '^.*$',
    '^\\p{Lu}\\p{Ll}*$', '^(?:ab|cd)+$', '^[a-z0-9]+(?:[._-][a-z0-9]+)*@[a-z]+\\.[a-z]{2,}$', 'abc', '[0-9]{3}', '\\bword\\b', '^\\S+$',
  ];
  // Exponential or polynomial on a backtracking engine, or beyond what the analysis reads: RE2 runs them.
  const NOT_PROVEN = [
    '^(a+)+$', '^(a|a)*$', '^(a|ab)*$', '^(a*)*$', '^\\d+\\d+$', '^a*a*$', '^[a-z]+[a-z0-9]*$', '^(\\S+\\s?)+$', '^(.*,)*x$',
    '[a-z]+x', 'a{1,300}', '^(?=a)a', '^(?!a)b', '(?<=a)b', '^(a)\\1$', '^(a?){20}a{20}$', '^(ab|a)c$', '^(?:a|)b$', '(',
  ];
  it.each(LINEAR)('%s is proven linear', (pattern) => expect(provenLinear(pattern)).toBe(true));
  it.each(NOT_PROVEN)('%s is not', (pattern) => expect(provenLinear(pattern)).toBe(false));

  it('matches hostile input to a proven pattern in linear time (100,000 characters, every pattern, under a second here)', () => {
    const started = performance.now();
    for (const pattern of LINEAR) {
      const native = new RegExp(pattern, 'u');
      // Runs of the characters each part of the pattern wants, then one that breaks the match.
      for (const filler of ['a', '0', 'ab', 'a-', 'a.', 'A', ' ']) native.test(`${filler.repeat(100_000 / filler.length)}!`);
    }
    // A backtracking blow-up (quadratic or worse) would take far longer than this bound even under load.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('gives the engine the same verdicts on both engines', () => {
    for (const pattern of [...PATTERNS, ...LINEAR].filter(provenLinear)) {
      const re2 = compileRe2(pattern);
      for (const sample of SAMPLES) expect(engine.validate(sample, { pattern }).valid, `${pattern} ${JSON.stringify(sample)}`).toBe(re2.test(sample));
    }
  });
});
