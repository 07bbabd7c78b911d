import { describe, expect, it } from 'vitest';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import { LruCache } from '../../lib/util/lru.js';

const definition = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };

describe('validator cache', () => {
  it('returns the same compiled validator for the same cache key', () => {
    const engine = new JsonSchemaEngine();
    expect(engine.validator(definition, 'v1')).toBe(engine.validator(definition, 'v1'));
  });

  it('compiles again for every call without a cache key', () => {
    const engine = new JsonSchemaEngine();
    expect(engine.validator(definition)).not.toBe(engine.validator(definition));
  });

  it('trusts the key: a version id names one immutable definition', () => {
    const engine = new JsonSchemaEngine();
    expect(engine.validate({}, definition, 'v1').valid).toBe(false);
    expect(engine.validate({}, { type: 'object' }, 'v1').valid).toBe(false);
    expect(engine.validate({}, { type: 'object' }, 'v2')).toEqual({ valid: true });
  });

  it('evicts the least recently used validator when full', () => {
    const engine = new JsonSchemaEngine({ cacheSize: 2 });
    const v1 = engine.validator(definition, 'v1');
    const v2 = engine.validator(definition, 'v2');
    expect(engine.validator(definition, 'v1')).toBe(v1);
    engine.validator(definition, 'v3');
    expect(engine.validator(definition, 'v1')).toBe(v1);
    expect(engine.validator(definition, 'v2')).not.toBe(v2);
  });
});

describe('validation', () => {
  const order = { type: 'object', required: ['id', 'lines'], properties: { id: { type: 'string', pattern: '^ord_[0-9]+$' }, lines: { type: 'array', items: { type: 'integer', minimum: 1 } } } };

  it('passes a valid document', () => {
    expect(new JsonSchemaEngine().validate({ id: 'ord_1', lines: [1, 2] }, order, 'v1')).toEqual({ valid: true });
  });

  it('reports every error of a failing document, and each document\u2019s own errors from the cached validator', () => {
    const engine = new JsonSchemaEngine();
    const invalid = { id: 'order 1', lines: [0, 'two'] };
    const expected = {
      valid: false,
      errors: [
        { path: '/id', keyword: 'pattern', message: 'must match pattern "^ord_[0-9]+$"' },
        { path: '/lines/0', keyword: 'minimum', message: 'must be >= 1' },
        { path: '/lines/1', keyword: 'type', message: 'must be integer' },
      ],
    };
    expect(engine.validate(invalid, order, 'v1')).toEqual(expected);
    // The same, again, from the cache; and a second document's errors replace the first's.
    expect(engine.validate(invalid, order, 'v1')).toEqual(expected);
    expect(engine.validate({ id: 'ord_2', lines: [] }, order, 'v1')).toEqual({ valid: true });
    expect(engine.validate({ lines: [1] }, order, 'v1')).toEqual({ valid: false, errors: [{ path: '/id', keyword: 'required', message: "must have required property 'id'" }] });
  });
});

describe('LruCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });

  it('replaces the value of an existing key without growing', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.get('a')).toBe(2);
    expect(cache.size).toBe(1);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
    expect(() => new LruCache(1.5)).toThrow(RangeError);
  });
});
