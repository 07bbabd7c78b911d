/** References to other registered versions: embedded at their URI, followed by every engine operation. */
import { describe, expect, it } from 'vitest';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import type { Json, ReferencedDefinition } from '../../lib/engines/types.js';

const engine = new JsonSchemaEngine();
const address: Json = {
  type: 'object',
  required: ['street'],
  properties: { street: { $ref: '#/$defs/line' }, zip: { type: 'string', pattern: '^[0-9]{5}$' } },
  $defs: { line: { type: 'string', minLength: 1 } },
};
const addressRef: ReferencedDefinition = { uri: 'registry://acme/address/1', definition: address, dialect: '2020-12' };
const order: Json = { type: 'object', required: ['ship_to'], properties: { ship_to: { $ref: 'registry://acme/address/1' }, line: { $ref: 'registry://acme/address/1#/$defs/line' } } };

describe('registry references', () => {
  it('lists the registry URIs a definition uses, without fragments, each once', () => {
    expect(engine.referencedUris(order)).toEqual(['registry://acme/address/1']);
    expect(engine.referencedUris({ $ref: '#/$defs/a', $defs: { a: {} } })).toEqual([]);
  });

  it('refuses a registry reference that was not resolved, saying how to make one', () => {
    expect(() => engine.checkDefinition(order)).toThrow(/registry:\/\/acme\/address\/1.*not resolved.*registered version of this workspace/);
  });

  it('validates through the referenced version, its own internal references included', () => {
    const options = { references: [addressRef] };
    expect(engine.checkDefinition(order, options)).toEqual({ dialect: '2020-12', warnings: [] });
    expect(engine.validate({ ship_to: { street: 'Main St', zip: '12345' } }, order, undefined, options).valid).toBe(true);
    const bad = engine.validate({ ship_to: { street: '', zip: '1' }, line: '' }, order, undefined, options);
    expect(bad.valid).toBe(false);
    expect(!bad.valid && bad.errors.map((e) => e.path).sort()).toEqual(['/line', '/ship_to/street', '/ship_to/zip']);
  });

  it('follows references through referenced versions (transitively), each read with its own $id and anchors', () => {
    const street: ReferencedDefinition = { uri: 'registry://acme/street/3', definition: { $id: 'https://example.com/street', $anchor: 'top', type: 'string', maxLength: 5, $defs: { again: { $ref: '#top' } } } };
    const wrapper: ReferencedDefinition = { uri: 'registry://acme/wrapper/1', definition: { type: 'object', properties: { s: { $ref: 'registry://acme/street/3#/$defs/again' } } } };
    const definition = { $anchor: 'top', properties: { w: { $ref: 'registry://acme/wrapper/1' } } };
    const options = { references: [wrapper, street] };
    engine.checkDefinition(definition, options);
    expect(engine.validate({ w: { s: 'short' } }, definition, undefined, options).valid).toBe(true);
    expect(engine.validate({ w: { s: 'too long' } }, definition, undefined, options).valid).toBe(false);
    expect(engine.validate({ w: { s: 1 } }, definition, undefined, options).valid).toBe(false);
  });

  it('reports only the warnings of the definition itself, not those of the versions it references', () => {
    const noisy: ReferencedDefinition = { uri: 'registry://acme/noisy/1', definition: { type: 'string', format: 'x-mine' } };
    const definition = { properties: { a: { $ref: 'registry://acme/noisy/1' }, b: { format: 'x-other' } } };
    expect(engine.checkDefinition(definition, { references: [noisy] }).warnings.map((w) => w.path)).toEqual(['/properties/b/format']);
    expect(() => engine.checkDefinition(definition, { references: [noisy], refuseWarnings: ['unknown_format'] })).toThrow(/x-other/);
  });

  it('refuses a referenced version of another draft, and one using $dynamicRef, with the reason', () => {
    const seven: ReferencedDefinition = { uri: 'registry://acme/old/1', definition: { type: 'string' }, dialect: 'draft-07' };
    expect(() => engine.checkDefinition({ $ref: 'registry://acme/old/1' }, { references: [seven] })).toThrow(/draft-07 definition and this one is 2020-12/);
    expect(engine.checkDefinition({ $ref: 'registry://acme/old/1' }, { references: [seven], defaultDialect: 'draft-07' }).dialect).toBe('draft-07');
    const draft07 = { references: [seven], defaultDialect: 'draft-07' };
    expect([engine.validate('a', { $ref: 'registry://acme/old/1' }, undefined, draft07).valid, engine.validate(1, { $ref: 'registry://acme/old/1' }, undefined, draft07).valid]).toEqual([true, false]);
    const dynamic: ReferencedDefinition = { uri: 'registry://acme/tree/1', definition: { $dynamicAnchor: 'node', items: { $dynamicRef: '#node' } } };
    expect(() => engine.checkDefinition({ $ref: 'registry://acme/tree/1' }, { references: [dynamic] })).toThrow(/\$dynamicRef.*cannot be referenced/);
  });

  it('describes fields and builds default values through references', () => {
    const fields = engine.describeFields(order, { references: [addressRef] });
    expect(fields.map((f) => `${f.path} ${f.types.join('|')} ${f.required}`)).toEqual(expect.arrayContaining(['/ship_to/street string true', '/ship_to/zip string false']));
    expect(engine.defaultValue(order, { references: [addressRef] })).toMatchObject({ ship_to: { street: expect.any(String) } });
  });

  it('compares through references: a referenced version that narrows is a breaking change', () => {
    const narrower: ReferencedDefinition = { uri: 'registry://acme/address/2', definition: { ...(address as object), required: ['street', 'zip'] } };
    const next = { ...(order as object), properties: { ship_to: { $ref: 'registry://acme/address/2' }, line: { $ref: 'registry://acme/address/2#/$defs/line' } } };
    const result = engine.compare(order, next, { previousReferences: [addressRef], nextReferences: [addressRef, narrower] });
    expect(result.backward_compatible).toBe(false);
    expect(result.changes.map((c) => c.type)).toContain('required_added');
    const same = engine.compare(order, { ...(order as object) }, { previousReferences: [addressRef], nextReferences: [addressRef] });
    expect(same).toMatchObject({ backward_compatible: true, forward_compatible: true });
    const moved = engine.compare(order, next, { previousReferences: [addressRef], nextReferences: [{ ...addressRef, uri: 'registry://acme/address/2' }] });
    expect(moved).toMatchObject({ backward_compatible: true, forward_compatible: true });
  });
});

describe('registry references on hostile input', () => {
  it('refuses a registry $ref inside a resource with its own $id, and a $defs name where versions are embedded', () => {
    const options = { references: [addressRef] };
    expect(() => engine.checkDefinition({ $defs: { inner: { $id: 'https://example.com/inner', $ref: 'registry://acme/address/1' } }, $ref: '#/$defs/inner' }, options)).toThrow(/inside a schema with its own \$id/);
    expect(() => engine.checkDefinition({ $ref: 'registry://acme/address/1', $defs: { 'registry://acme/address/9': {} } }, options)).toThrow(/\$defs names starting with registry:\/\/ are where referenced versions are embedded/);
    expect(() => engine.checkDefinition({ $ref: 'registry://acme/address/1#/$defs/nowhere' }, options)).toThrow(/does not resolve inside registry:\/\/acme\/address\/1/);
  });

  it('refuses a definition nested too deeply before looking for references (no stack overflow)', () => {
    let deep: Json = { type: 'string' };
    for (let i = 0; i < 20_000; i++) deep = { not: deep };
    expect(() => engine.referencedUris(deep)).toThrow(/deeper than 32 levels/);
  });
});
