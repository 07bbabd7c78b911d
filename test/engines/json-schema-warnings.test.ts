/** What the standard accepts is published, with warnings; only stated security reasons refuse. */
import { describe, expect, it } from 'vitest';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import type { Json } from '../../lib/engines/types.js';
import { refusalOf } from './refusal.js';

const engine = new JsonSchemaEngine();
const codes = (definition: Json) => engine.checkDefinition(definition).warnings.map((w) => `${w.code} ${w.path}`);

describe('warnings instead of refusals', () => {
  it('an unknown format publishes with a warning and is validated as an annotation', () => {
    const definition = { type: 'object', properties: { id: { type: 'string', format: 'x-order-id' } } };
    expect(codes(definition)).toEqual(['unknown_format /properties/id/format']);
    expect(engine.validate({ id: 'anything' }, definition).valid).toBe(true);
    expect(engine.validate({ id: 1 }, definition).valid).toBe(false);
  });

  it('a known format is still asserted', () => {
    expect(engine.validate('not an email', { format: 'email' }).valid).toBe(false);
    expect(codes({ format: 'email' })).toEqual([]);
  });

  it('an unknown keyword publishes with a warning naming where it is, and has no effect', () => {
    const definition = { properties: { a: { type: 'string', maxLenght: 3 } } };
    expect(codes(definition)).toEqual(['unknown_keyword /properties/a/maxLenght']);
    expect(engine.validate({ a: 'long enough' }, definition).valid).toBe(true);
  });

  it('an inert keyword (additionalItems without array items, then without if) publishes with a warning', () => {
    const warnings = engine.checkDefinition({ $schema: 'http://json-schema.org/draft-07/schema#', additionalItems: false, then: { type: 'string' } }).warnings;
    expect(warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['inert_keyword']));
    expect(warnings.every((w) => w.message.length > 10)).toBe(true);
  });

  it('a property that also matches a patternProperties entry publishes with a warning', () => {
    expect(codes({ properties: { foo: { type: 'string' } }, patternProperties: { '^f': { maxLength: 3 } } }).map((c) => c.split(' ')[0])).toEqual(['property_matches_pattern']);
  });

  it('a nested $schema restating the definition draft is accepted; another draft is refused with the reason', () => {
    expect(codes({ $defs: { a: { $id: 'a', $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'string' } } })).toEqual([]);
    const refusal = refusalOf(engine, { $defs: { a: { $id: 'a', $schema: 'http://json-schema.org/draft-07/schema#' } } });
    expect(refusal.errors?.[0]?.message).toMatch(/mixing drafts/);
  });

  it('a workspace can refuse chosen warning codes', () => {
    const definition = { format: 'x-unknown', maxLenght: 1 };
    expect(() => engine.checkDefinition(definition, { refuseWarnings: ['unknown_keyword'] })).toThrow(/maxLenght.*refused by this workspace's warning policy/);
    expect(engine.checkDefinition(definition, { refuseWarnings: ['inert_keyword'] }).warnings).toHaveLength(2);
  });

  it('still refuses for the stated security reasons: remote $ref and $data', () => {
    expect(refusalOf(engine, { $ref: 'https://example.com/s.json' }).errors?.[0]?.keyword).toBe('$ref');
    expect(refusalOf(engine, { properties: { a: { maximum: { $data: '1/b' } } } }).errors?.[0]?.keyword).toBe('$data');
  });

  it('unknown formats leave nothing behind in the shared validator instance', () => {
    engine.checkDefinition({ format: 'x-leak-check' });
    expect(codes({ format: 'x-leak-check' })).toEqual(['unknown_format /format']);
  });
});

describe('the default draft of a definition without $schema', () => {
  const draft07Style = { type: 'array', items: [{ type: 'string' }], additionalItems: false };

  it('is 2020-12 unless a setting says otherwise, and is reported as the dialect', () => {
    expect(engine.checkDefinition({ type: 'string' }).dialect).toBe('2020-12');
    expect(engine.checkDefinition({ $schema: 'http://json-schema.org/draft-07/schema#' }).dialect).toBe('draft-07');
  });

  it('reads array-form items with additionalItems as draft-07 tuples under a draft-07 default', () => {
    expect(engine.checkDefinition(draft07Style, { defaultDialect: 'draft-07' })).toEqual({ dialect: 'draft-07', warnings: [] });
    expect(engine.validate(['a'], draft07Style, undefined, { defaultDialect: 'draft-07' }).valid).toBe(true);
    expect(engine.validate(['a', 'b'], draft07Style, undefined, { defaultDialect: 'draft-07' }).valid).toBe(false);
    expect(engine.validate([1], draft07Style, undefined, { defaultDialect: 'draft-07' }).valid).toBe(false);
  });

  it('reads draft-07 dependencies under a draft-07 default', () => {
    const definition = { dependencies: { a: ['b'] } };
    expect(engine.validate({ a: 1 }, definition, undefined, { defaultDialect: 'draft-07' }).valid).toBe(false);
    expect(engine.checkDefinition(definition, { defaultDialect: 'draft-07' }).warnings).toEqual([]);
  });

  it('compares under the draft in force', () => {
    const widened = { ...draft07Style, additionalItems: true };
    const result = engine.compare(draft07Style, widened, { previousDialect: 'draft-07', nextDialect: 'draft-07' });
    expect({ backward: result.backward_compatible, forward: result.forward_compatible }).toEqual({ backward: true, forward: false });
  });

  it('refuses an unsupported default', () => {
    expect(() => engine.checkDefinition({}, { defaultDialect: 'draft-04' })).toThrow(/default draft "draft-04" is not supported/);
  });
});
