import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PayloadTooLargeError, ValidationError } from '../../lib/errors.js';
import { MAX_DEFINITION_BYTES, MAX_DEFINITION_DEPTH } from '../../lib/engines/json-schema/check.js';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import { refusalOf } from './refusal.js';
import type { Json } from '../../lib/engines/types.js';

const engine = new JsonSchemaEngine();

const refusal = (definition: Json) => refusalOf(engine, definition);

/** A definition nesting exactly `levels` objects: {"not": {"not": ... {"type": "string"}}}. */
function nested(levels: number): Json {
  let definition: Json = { type: 'string' };
  for (let level = 1; level < levels; level++) definition = { not: definition };
  return definition;
}

function depthOf(value: Json): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

describe('remote references', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['an http URL', 'http://example.com/schemas/address.json'],
    ['an https URL', 'https://example.com/schemas/address.json#/$defs/street'],
    ['a relative file', 'address.json'],
    ['a file URL', 'file:///etc/passwd'],
  ])('refuses a $ref to %s without touching the network', (_, ref) => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const spies = [vi.spyOn(http, 'request'), vi.spyOn(http, 'get'), vi.spyOn(https, 'request'), vi.spyOn(https, 'get'), vi.spyOn(net, 'connect')];

    const error = refusal({ type: 'object', properties: { address: { $ref: ref } } });

    expect(error.status).toBe(422);
    expect(error.errors).toEqual([
      {
        path: '/properties/address/$ref',
        keyword: '$ref',
        message: `remote $ref ${JSON.stringify(ref)} is not allowed; inline the referenced schema under $defs and refer to it as "#/$defs/<name>", or reference a registered version as registry://{workspace}/{name}/{version}`,
      },
    ]);
    expect(() => engine.validate({}, { properties: { a: { $ref: ref } } })).toThrow(ValidationError);
    expect(fetchSpy).not.toHaveBeenCalled();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('refuses a $ref to a pointer that does not exist in the definition', () => {
    expect(refusal({ properties: { a: { $ref: '#/$defs/missing' } } }).errors?.[0]).toMatchObject({
      path: '/properties/a/$ref',
      message: expect.stringContaining('"#/$defs/missing" does not resolve to a schema inside the definition'),
    });
  });

  it('refuses a $ref to the $id of a schema that is not inside the definition', () => {
    const error = refusal({ $id: 'https://example.com/order', properties: { a: { $ref: 'https://example.com/customer' } } });
    expect(error.message).toContain('remote $ref "https://example.com/customer" is not allowed');
  });

  it('refuses an $id of the JSON Schema meta-schemas', () => {
    expect(refusal({ $id: 'https://json-schema.org/draft/2020-12/schema', type: 'string' }).errors?.[0]).toMatchObject({ path: '/$id', keyword: '$id' });
  });

  it('refuses a reference cycle that never descends into the document', () => {
    const error = refusal({ $defs: { a: { $ref: '#/$defs/b' }, b: { anyOf: [{ type: 'string' }, { $ref: '#/$defs/a' }] } }, $ref: '#/$defs/a' });
    expect(error.errors?.[0]).toMatchObject({ keyword: '$ref', message: expect.stringContaining('$ref cycle') });
  });

  it('refuses a $dynamicRef that loops back to an outer $dynamicAnchor at validation time', () => {
    // Statically "#node" resolves inside resource b to a leaf; dynamically it resolves to the root's
    // $dynamicAnchor, which applies b again to the same value: validation would never end.
    const definition = {
      $id: 'https://example.com/root',
      $dynamicAnchor: 'node',
      $ref: 'b',
      $defs: { b: { $id: 'b', anyOf: [{ $dynamicRef: '#node' }], $defs: { leaf: { $dynamicAnchor: 'node', type: 'string' } } } },
    };
    const error = refusal(definition);
    expect(error.errors?.[0]).toMatchObject({ keyword: '$ref', message: expect.stringContaining('$ref cycle') });
    expect(() => engine.validate('x', definition)).toThrow(ValidationError);
  });

  it('refuses a $recursiveRef that loops back to an outer $recursiveAnchor', () => {
    const definition = {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      $id: 'https://example.com/root',
      $recursiveAnchor: true,
      $ref: 'b',
      $defs: { b: { $id: 'b', $recursiveAnchor: true, anyOf: [{ $recursiveRef: '#' }], type: 'string' } },
    };
    expect(refusal(definition).errors?.[0]).toMatchObject({ message: expect.stringContaining('$ref cycle') });
  });

  it('still accepts a $dynamicRef that descends into the document (the usual recursive extension)', () => {
    const tree = { $id: 'https://example.com/tree', $dynamicAnchor: 'node', type: 'object', properties: { children: { type: 'array', items: { $dynamicRef: '#node' } } } };
    expect(() => engine.checkDefinition(tree)).not.toThrow();
    expect(engine.validate({ children: [{ children: [] }] }, tree).valid).toBe(true);
  });

  it('refuses shared references that would apply exponentially many schemas to one value', () => {
    const $defs: Record<string, Json> = { d0: { type: 'string' } };
    for (let i = 1; i <= 16; i++) $defs[`d${i}`] = { allOf: [{ $ref: `#/$defs/d${i - 1}` }, { $ref: `#/$defs/d${i - 1}` }] };
    expect(refusal({ $defs, $ref: '#/$defs/d16' }).message).toContain('apply more than 1000 schemas to one value');
  });
});

describe('numbers a definition cannot hold exactly', () => {
  it.each([
    ['{"not":{"const":1e309}}', '/not/const'],
    ['{"enum":[1,-1e309]}', '/enum/1'],
    ['{"type":"integer","maximum":9007199254740993}', '/maximum'],
  ])('refuses %s with 422 naming where, instead of storing it changed', (text, path) => {
    const error = refusal(JSON.parse(text) as Json);
    expect(error.status).toBe(422);
    expect(error.errors?.[0]).toMatchObject({ path, keyword: 'number' });
  });

  it('accepts the largest exact integers and ordinary fractions', () => {
    expect(() => engine.checkDefinition({ type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991, multipleOf: 0.5 })).not.toThrow();
  });
});

describe('$data', () => {
  it('refuses a $data reference in a keyword', () => {
    const error = refusal({ type: 'object', properties: { low: { type: 'number' }, high: { type: 'number', minimum: { $data: '1/low' } } } });
    expect(error.errors).toEqual([
      expect.objectContaining({ path: '/properties/high/minimum', keyword: '$data', message: expect.stringContaining('$data references are not supported') }),
    ]);
  });

  it('still accepts a property named $data', () => {
    expect(() => engine.checkDefinition({ type: 'object', properties: { $data: { type: 'string' } } })).not.toThrow();
  });
});

describe('regular expressions', () => {
  it('runs a catastrophic-backtracking pattern in linear time', () => {
    const definition = { type: 'string', pattern: '^(a+)+$' };
    const adversarial = `${'a'.repeat(50_000)}!`;
    const started = performance.now();
    const result = engine.validate(adversarial, definition);
    // A backtracking engine would not finish in our lifetime; RE2 takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result).toEqual({ valid: false, errors: [{ path: '', message: 'must match pattern "^(a+)+$"', keyword: 'pattern' }] });
    expect(engine.validate('a'.repeat(50_000), definition)).toEqual({ valid: true });
  });

  it('runs patternProperties on RE2 too', () => {
    const definition = { type: 'object', patternProperties: { '^(a|aa)+$': { type: 'integer' } } };
    const started = performance.now();
    expect(engine.validate({ [`${'a'.repeat(50_000)}!`]: 'x' }, definition)).toEqual({ valid: true });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(engine.validate({ aaa: 'x' }, definition).valid).toBe(false);
  });

  it('refuses a backreference, naming the pattern', () => {
    const error = refusal({ type: 'string', pattern: '^(ab)\\1$' });
    expect(error.errors).toEqual([
      expect.objectContaining({ path: '/pattern', keyword: 'pattern', message: expect.stringContaining('pattern "^(ab)\\\\1$" is not supported') }),
    ]);
    expect(error.message).toContain('no exact RE2 translation (backreferences and lookaround have none)');
  });

  it('refuses lookahead in a patternProperties key', () => {
    const error = refusal({ type: 'object', patternProperties: { '^(?!internal_)': { type: 'string' } } });
    expect(error.errors?.[0]).toMatchObject({ path: '/patternProperties/^(?!internal_)', keyword: 'patternProperties' });
  });

  it('keeps ECMAScript syntax that RE2 shares: classes, Unicode escapes, named groups', () => {
    const definition = { type: 'string', pattern: '^(?<word>[\\p{L}]+)-\\u00e9\\d{2}$' };
    expect(engine.validate('café-é42', definition)).toEqual({ valid: true });
    expect(engine.validate('café-e42', definition).valid).toBe(false);
  });
});

describe('size and depth', () => {
  it(`accepts nesting up to ${MAX_DEFINITION_DEPTH} levels and refuses deeper`, () => {
    const deepest = nested(MAX_DEFINITION_DEPTH);
    expect(depthOf(deepest)).toBe(MAX_DEFINITION_DEPTH);
    expect(() => engine.checkDefinition(deepest)).not.toThrow();

    const tooDeep = nested(MAX_DEFINITION_DEPTH + 1);
    const error = refusal(tooDeep);
    expect(error.errors?.[0]).toMatchObject({ keyword: 'maxDepth', message: expect.stringContaining(`deeper than ${MAX_DEFINITION_DEPTH} levels`) });
  });

  it('refuses a definition above 170 KB with a 413 naming the limit', () => {
    const big: Json = { type: 'object', description: 'x'.repeat(MAX_DEFINITION_BYTES) };
    let caught: unknown;
    try {
      engine.checkDefinition(big);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PayloadTooLargeError);
    expect((caught as PayloadTooLargeError).status).toBe(413);
    expect((caught as PayloadTooLargeError).message).toContain(`the limit is ${170 * 1024} bytes (170 KB)`);
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    const chars = Math.floor(MAX_DEFINITION_BYTES * 0.75);
    expect(() => engine.checkDefinition({ description: 'é'.repeat(chars) })).toThrow(PayloadTooLargeError);
    expect(() => engine.checkDefinition({ description: 'e'.repeat(chars) })).not.toThrow();
  });
});

describe('strict mode', () => {
  it('accepts an unknown keyword (the standard ignores it) with a warning saying where it is', () => {
    expect(engine.checkDefinition({ type: 'object', properties: { name: { type: 'string', maxLenght: 3 } } }).warnings).toEqual([
      expect.objectContaining({ path: '/properties/name/maxLenght', code: 'unknown_keyword', message: expect.stringContaining('"maxLenght" is not part of the draft') }),
    ]);
  });

  it('accepts an unknown format with a warning', () => {
    expect(engine.checkDefinition({ type: 'string', format: 'emial' }).warnings).toEqual([expect.objectContaining({ code: 'unknown_format', message: expect.stringContaining('"emial"') })]);
  });

  it('reports meta-schema violations at their path', () => {
    expect(refusal({ properties: { a: { type: 'strin' } } }).errors).toContainEqual(expect.objectContaining({ path: '/properties/a/type', keyword: 'enum' }));
  });

  it('accepts x-sql objects as annotations with no validation effect', () => {
    const definition = { type: 'object', properties: { id: { type: 'string', 'x-sql': { column: 'id', primary_key: true } } } };
    expect(() => engine.checkDefinition(definition)).not.toThrow();
    expect(engine.validate({ id: 'a' }, definition)).toEqual({ valid: true });
    expect(refusal({ type: 'string', 'x-sql': 'varchar(10)' }).message).toContain('x-sql');
  });

  it('warns about other x- extension keywords, which have no effect', () => {
    expect(engine.checkDefinition({ type: 'string', 'x-internal': true }).warnings.map((w) => w.code)).toEqual(['unknown_keyword']);
  });

  it('refuses $schema below the root', () => {
    expect(refusal({ $defs: { a: { $schema: 'http://json-schema.org/draft-07/schema#' } } }).errors?.[0]?.path).toBe('/$defs/a/$schema');
  });
});

describe('$id isolation', () => {
  it('keeps two definitions with the same $id apart', () => {
    const v1 = { $id: 'https://example.com/customer', type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
    const v2 = { $id: 'https://example.com/customer', type: 'object', required: ['email'], properties: { email: { type: 'string' } } };
    expect(engine.validate({ name: 'Ada' }, v1, 'workspace-a')).toEqual({ valid: true });
    expect(engine.validate({ name: 'Ada' }, v2, 'workspace-b').valid).toBe(false);
    expect(engine.validate({ email: 'a@b.c' }, v2, 'workspace-b')).toEqual({ valid: true });
  });

  it('never resolves an embedded $id of one definition from another', () => {
    const first = { $id: 'https://a.example/order', $defs: { item: { $id: 'https://shared.example/item', type: 'string' } } };
    const second = { $id: 'https://shared.example/item', type: 'object', properties: { parent: { $ref: 'https://shared.example/item' } } };
    engine.checkDefinition(first);
    expect(engine.validate({ parent: {} }, second)).toEqual({ valid: true });
    expect(engine.validate({ parent: 'text' }, second).valid).toBe(false);
  });

  it('refuses a $ref to an $id declared by a definition compiled earlier', () => {
    engine.checkDefinition({ $id: 'https://a.example/address', type: 'string' });
    expect(refusal({ properties: { a: { $ref: 'https://a.example/address' } } }).message).toContain('remote $ref');
  });
});

describe('property names of Object.prototype', () => {
  it('requires properties named like Object.prototype members on the document itself, not its prototype', () => {
    const definition = { type: 'object', required: ['toString', 'constructor', '__proto__'] };
    const result = engine.validate(JSON.parse('{}') as Json, definition);
    expect(result).toMatchObject({ valid: false, errors: [{ path: '/toString' }, { path: '/constructor' }, { path: '/__proto__' }] });
    expect(engine.validate(JSON.parse('{"toString": 1, "constructor": 2, "__proto__": 3}') as Json, definition)).toEqual({ valid: true });
    expect(engine.validate({ a: 1 }, { type: 'object', dependentRequired: { a: ['hasOwnProperty'] } }).valid).toBe(false);
  });

  // Only definitions naming such a property compile with own-property lookups (they cost half a validation):
  // every name JSON objects inherit, in every keyword that looks a property up, at any depth, must still be
  // looked up on the document itself.
  const inherited = Object.getOwnPropertyNames(Object.prototype);
  it.each(inherited)('looks "%s" up on the document, in every keyword that names a property', (name) => {
    const missing = JSON.parse('{"a": 1}') as Json;
    const present = JSON.parse(`{"a": 1, ${JSON.stringify(name)}: "s"}`) as Json;
    // A "__proto__" key in a definition is refused (see the next test), so it is only named as a value.
    const asKey = name !== '__proto__';
    const forms: Json[] = [
      { required: [name] },
      ...(asKey ? [{ properties: { [name]: { type: 'string' } }, required: [name] }] : []),
      { dependentRequired: { a: [name] } },
      { dependencies: { a: [name] } },
      { $defs: { deep: { properties: { x: { required: [name] } } } }, properties: { x: { $ref: '#/$defs/deep/properties/x' } }, required: ['x'] },
    ];
    for (const definition of forms) {
      const wrap = (doc: Json) => (JSON.stringify(definition).includes('deep') ? { x: doc } : doc);
      expect(engine.validate(wrap(missing), definition).valid, JSON.stringify(definition)).toBe(false);
      expect(engine.validate(wrap(present), definition).valid, JSON.stringify(definition)).toBe(true);
    }
    if (!asKey) return;
    // A property schema for an inherited name applies to the document's own value only.
    expect(engine.validate(missing, { properties: { [name]: { type: 'string' } } }).valid).toBe(true);
    expect(engine.validate(JSON.parse(`{${JSON.stringify(name)}: 5}`) as Json, { properties: { [name]: { type: 'string' } } }).valid).toBe(false);
    expect(engine.validate(missing, { dependentSchemas: { [name]: false } }).valid).toBe(true);
  });

  it('never lets a "__proto__" key of a document supply or hide a property', () => {
    // JSON.parse makes "__proto__" an own data property: the document's prototype stays Object.prototype.
    const smuggled = JSON.parse('{"__proto__": {"id": "x", "n": 1}}') as Json;
    expect(engine.validate(smuggled, { type: 'object', required: ['id'] }).valid).toBe(false);
    expect(engine.validate(smuggled, { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false }).valid).toBe(false);
    expect(engine.validate(smuggled, { type: 'object', propertyNames: { pattern: '^[a-z]+$' } }).valid).toBe(false);
    expect(engine.validate(smuggled, { type: 'object', maxProperties: 0 }).valid).toBe(false);
    expect(engine.validate(JSON.parse('{"__proto__": null, "id": 5}') as Json, { properties: { id: { type: 'string' } } }).valid).toBe(false);
  });

  it('refuses a __proto__ key, which ajv would silently ignore, naming where it is', () => {
    // ajv skips `properties.__proto__`, so {"__proto__": 5} would pass a definition that says it must be a string.
    const error = refusal(JSON.parse('{"type": "object", "properties": {"__proto__": {"type": "string"}}}') as Json);
    expect(error.errors).toContainEqual(expect.objectContaining({ path: '/properties/__proto__', keyword: '__proto__' }));
    expect(refusal(JSON.parse('{"$defs": {"__proto__": {"type": "string"}}}') as Json).errors?.[0]?.path).toBe('/$defs/__proto__');
  });
});

describe('definitions that are not schemas at all', () => {
  it.each([['null', null], ['a string', 'x'], ['a number', 7], ['an array', [{ type: 'string' }]]])('refuses %s with 422, naming what a definition must be', (_, definition) => {
    expect(refusal(definition as Json).errors).toContainEqual(expect.objectContaining({ path: '', message: expect.stringContaining('must be object,boolean') }));
  });
});
