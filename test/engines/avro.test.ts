/** The Avro engine: definitions refused with 4xx, JSON-encoded documents, fields, starting documents, and Avro's resolution rules. */
import { describe, expect, it } from 'vitest';
import { AvroEngine } from '../../lib/engines/avro/engine.js';
import type { ChangeType, Json } from '../../lib/engines/types.js';
import { PayloadTooLargeError } from '../../lib/errors.js';
import { refusalOf } from './refusal.js';

const engine = new AvroEngine();
const record = (fields: Json[], rest: Record<string, Json> = {}): Json => ({ type: 'record', name: 'User', namespace: 'com.acme', fields, ...rest });
const id = { name: 'id', type: 'long' };

const refusal = (definition: Json) => refusalOf(engine, definition);

describe('Avro definitions', () => {
  it('accepts a record and records the Avro dialect', () => {
    expect(engine.checkDefinition(record([id]))).toEqual({ dialect: 'avro-1.11', warnings: [] });
  });

  it('refuses an unknown type name, a bad default and a bad name with a 422 naming the problem', () => {
    expect(refusal(record([{ name: 'home', type: 'Address' }])).message).toContain('undefined type name: com.acme.Address');
    expect(refusal(record([{ name: 'age', type: 'int', default: 'x' }])).message).toContain('incompatible field default');
    expect(refusal({ type: 'record', name: '1bad', fields: [] }).message).toContain('not a valid Avro schema');
  });

  it('refuses a definition nested too deep (422) or too large (413) before avsc parses it', () => {
    let deep: Json = 'string';
    for (let i = 0; i < 70; i++) deep = { type: 'array', items: deep };
    expect(refusal(deep).errors?.[0]?.keyword).toBe('maxDepth');
    const huge = record(Array.from({ length: 6000 }, (_, i) => ({ name: `field_${i}_with_a_long_name`, type: 'string' })));
    expect(() => engine.checkDefinition(huge)).toThrow(PayloadTooLargeError);
  });

  it('reports its Parsing Canonical Form with names qualified and docs and defaults dropped', () => {
    const definition = record([{ name: 'id', type: 'long', doc: 'the id', default: 0 }], { doc: 'a user' });
    expect(engine.canonicalForm(definition)).toBe('{"name":"com.acme.User","type":"record","fields":[{"name":"id","type":"long"}]}');
  });
});

describe('Avro documents in the JSON encoding', () => {
  const definition = record([
    id,
    { name: 'email', type: ['null', 'string'], default: null },
    { name: 'color', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] } },
    { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
    { name: 'key', type: { type: 'fixed', name: 'Key', size: 2 } },
  ]);

  it('accepts a document with a wrapped union and leaves out fields with defaults', () => {
    expect(engine.validate({ id: 1, email: { string: 'a@b.c' }, color: 'RED', key: '\u00ff\u0000' }, definition)).toEqual({ valid: true });
    expect(engine.validate({ id: 1, email: null, color: 'GREEN', key: 'ab', tags: ['x'] }, definition)).toEqual({ valid: true });
  });

  it('names every problem with its path', () => {
    const result = engine.validate({ id: 1.5, email: 'a@b.c', color: 'BLUE', key: 'abc', extra: 1 }, definition);
    expect(result.valid).toBe(false);
    const problems = result.valid ? [] : result.errors.map((e) => [e.path, e.keyword]);
    expect(problems).toEqual([['/id', 'type'], ['/email', 'union'], ['/color', 'enum'], ['/key', 'fixed'], ['/extra', 'additionalProperties']]);
  });

  it('requires a field without a default and keeps int within 32 bits', () => {
    const result = engine.validate({ id: 1, color: 'RED' }, definition);
    expect(result.valid ? [] : result.errors.map((e) => e.path)).toEqual(['/key']);
    const small = engine.validate(2 ** 31, 'int');
    expect(small.valid).toBe(false);
  });

  it('bounds the depth of a document of a recursive type', () => {
    const list = { type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'], default: null }] };
    let doc: Json = { next: null };
    for (let i = 0; i < 200; i++) doc = { next: { Node: doc } };
    const result = engine.validate(doc, list);
    expect(result.valid ? [] : result.errors.map((e) => e.keyword)).toEqual(['maxDepth']);
  });
});

describe('Avro fields and starting documents', () => {
  const definition = record([
    { ...id, doc: 'the id' },
    { name: 'email', type: ['null', 'string'], default: null },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'home', type: ['null', { type: 'record', name: 'Address', fields: [{ name: 'street', type: 'string' }] }], default: null },
    { name: 'color', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN'] } },
  ]);

  it('describes each field by its path in the JSON encoding', () => {
    expect(engine.describeFields(definition)).toEqual([
      { path: '/id', name: 'id', types: ['integer'], required: true, nullable: false, description: 'the id' },
      { path: '/email', name: 'email', types: ['string'], required: false, nullable: true, default: null },
      { path: '/at', name: 'at', types: ['integer'], required: true, nullable: false, format: 'timestamp-millis' },
      { path: '/home', name: 'home', types: ['object'], required: false, nullable: true, default: null },
      { path: '/home/com.acme.Address/street', name: 'street', types: ['string'], required: true, nullable: false },
      { path: '/color', name: 'color', types: ['string'], required: true, nullable: false, enum: ['RED', 'GREEN'] },
    ]);
  });

  it('builds a starting document that validates', () => {
    const start = engine.defaultValue(definition);
    expect(start).toEqual({ id: 0, email: null, at: 0, home: null, color: 'RED' });
    expect(engine.validate(start, definition)).toEqual({ valid: true });
  });

  it('wraps a union field default in the JSON encoding', () => {
    const withDefault = record([{ name: 'nick', type: ['string', 'null'], default: 'anon' }]);
    expect(engine.defaultValue(withDefault)).toEqual({ nick: { string: 'anon' } });
    expect(engine.validate(engine.defaultValue(withDefault), withDefault)).toEqual({ valid: true });
  });
});

interface Row { case: string; previous: Json; next: Json; type: ChangeType; backward: boolean; forward: boolean }

const enumOf = (symbols: string[], rest: Record<string, Json> = {}): Json => record([{ name: 'color', type: { type: 'enum', name: 'Color', symbols, ...rest } }]);
const rows: Row[] = [
  { case: 'a field added with a default', previous: record([id]), next: record([id, { name: 'age', type: 'int', default: 0 }]), type: 'field_added', backward: true, forward: true },
  { case: 'a field added without a default', previous: record([id]), next: record([id, { name: 'age', type: 'int' }]), type: 'field_added', backward: false, forward: true },
  { case: 'a field with a default removed', previous: record([id, { name: 'age', type: 'int', default: 0 }]), next: record([id]), type: 'field_removed', backward: true, forward: true },
  { case: 'a field without a default removed', previous: record([id, { name: 'age', type: 'int' }]), next: record([id]), type: 'field_removed', backward: true, forward: false },
  { case: 'int promoted to long', previous: record([{ name: 'n', type: 'int' }]), next: record([{ name: 'n', type: 'long' }]), type: 'type_widened', backward: true, forward: false },
  { case: 'double narrowed to float', previous: record([{ name: 'n', type: 'double' }]), next: record([{ name: 'n', type: 'float' }]), type: 'type_narrowed', backward: false, forward: true },
  { case: 'string to bytes', previous: record([{ name: 'n', type: 'string' }]), next: record([{ name: 'n', type: 'bytes' }]), type: 'type_changed', backward: true, forward: true },
  { case: 'string to int', previous: record([{ name: 'n', type: 'string' }]), next: record([{ name: 'n', type: 'int' }]), type: 'type_changed', backward: false, forward: false },
  { case: 'an enum symbol added', previous: enumOf(['A']), next: enumOf(['A', 'B']), type: 'enum_value_added', backward: true, forward: false },
  { case: 'an enum symbol added to an enum with a default', previous: enumOf(['A'], { default: 'A' }), next: enumOf(['A', 'B'], { default: 'A' }), type: 'enum_value_added', backward: true, forward: true },
  { case: 'an enum symbol removed', previous: enumOf(['A', 'B']), next: enumOf(['A']), type: 'enum_value_removed', backward: false, forward: true },
  { case: 'a field renamed with an alias', previous: record([{ name: 'mail', type: 'string' }]), next: record([{ name: 'email', type: 'string', aliases: ['mail'] }]), type: 'field_renamed', backward: true, forward: false },
  { case: 'a record renamed with an alias', previous: record([id]), next: { type: 'record', name: 'Person', namespace: 'com.acme', aliases: ['User'], fields: [id] }, type: 'name_changed', backward: true, forward: false },
  { case: 'a record renamed without an alias', previous: record([id]), next: { type: 'record', name: 'Person', namespace: 'com.acme', fields: [id] }, type: 'name_changed', backward: false, forward: false },
  { case: 'a field made nullable', previous: record([{ name: 'n', type: 'string' }]), next: record([{ name: 'n', type: ['null', 'string'] }]), type: 'union_branch_added', backward: true, forward: false },
  { case: 'null removed from a union', previous: record([{ name: 'n', type: ['null', 'string'] }]), next: record([{ name: 'n', type: 'string' }]), type: 'union_branch_removed', backward: false, forward: true },
  { case: 'a union branch removed that promotes to another', previous: record([{ name: 'n', type: ['int', 'long'] }]), next: record([{ name: 'n', type: ['long'] }]), type: 'union_branch_removed', backward: true, forward: true },
  { case: 'a fixed size changed', previous: record([{ name: 'k', type: { type: 'fixed', name: 'K', size: 4 } }]), next: record([{ name: 'k', type: { type: 'fixed', name: 'K', size: 8 } }]), type: 'size_changed', backward: false, forward: false },
  { case: 'a logical type added', previous: record([{ name: 't', type: 'long' }]), next: record([{ name: 't', type: { type: 'long', logicalType: 'timestamp-millis' } }]), type: 'type_changed', backward: false, forward: false },
];

describe('Avro compatibility follows the resolution rules', () => {
  it.each(rows)('$case: $type (backward $backward, forward $forward)', (row) => {
    const result = engine.compare(row.previous, row.next);
    expect(result.changes.map((c) => c.type)).toContain(row.type);
    const change = result.changes.find((c) => c.type === row.type)!;
    expect([change.backward_compatible, change.forward_compatible]).toEqual([row.backward, row.forward]);
    expect([result.backward_compatible, result.forward_compatible]).toEqual([row.backward, row.forward]);
    expect(change.explanation.length).toBeGreaterThan(20);
  });

  it('finds no change between a definition and itself, recursive types included', () => {
    const list = { type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'], default: null }] };
    expect(engine.compare(list, list)).toEqual({ changes: [], backward_compatible: true, forward_compatible: true });
  });

  it('points at the field in the definition', () => {
    const result = engine.compare(record([id]), record([id, { name: 'age', type: 'int' }]));
    expect(result.changes[0]).toMatchObject({ path: '/fields/1', after: 'age' });
  });
});

describe('Avro references', () => {
  const address = { type: 'record', name: 'Address', namespace: 'com.acme', fields: [{ name: 'street', type: 'string' }] };
  const uri = 'registry://acme/address/1';
  const user = record([{ name: 'home', type: 'Address' }], { 'x-registry-references': [uri] });

  it('lists the referenced versions and uses their named types by name', () => {
    expect(engine.referencedUris(user)).toEqual([uri]);
    const references = [{ uri, definition: address }];
    expect(engine.checkDefinition(user, { references }).dialect).toBe('avro-1.11');
    expect(engine.validate({ home: { street: 'Main' } }, user, undefined, { references })).toEqual({ valid: true });
    expect(engine.describeFields(user, { references }).map((f) => f.path)).toEqual(['/home', '/home/street']);
  });

  it('refuses a reference that is not a registry URI, or one not loaded', () => {
    expect(refusal(record([id], { 'x-registry-references': ['http://x'] })).errors?.[0]?.keyword).toBe('references');
    expect(refusal(user).message).toContain(`referenced version ${uri} was not loaded`);
  });
});
