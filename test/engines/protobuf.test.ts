/** The Protobuf engine: .proto sources refused with 4xx, documents in the JSON mapping, fields, starting documents, and Protobuf's evolution rules. */
import { describe, expect, it } from 'vitest';
import { ProtobufEngine } from '../../lib/engines/protobuf/engine.js';
import type { ChangeType, Json } from '../../lib/engines/types.js';
import { PayloadTooLargeError } from '../../lib/errors.js';
import { refusalOf } from './refusal.js';

const engine = new ProtobufEngine();
const proto = (body: string, head = 'syntax = "proto3";\npackage acme.v1;\n') => `${head}${body}`;
const user = (fields: string) => proto(`message User {\n${fields}\n}\n`);

const refusal = (definition: unknown) => refusalOf(engine, definition as Json);

describe('Protobuf definitions', () => {
  it('accepts a .proto source and records its syntax', () => {
    expect(engine.checkDefinition(user('string user_id = 1;'))).toEqual({ dialect: 'proto3', warnings: [] });
    expect(engine.checkDefinition('syntax = "proto2"; message A { required string a = 1; }').dialect).toBe('proto2');
  });

  it('refuses what is not a .proto source with a 422 naming the problem', () => {
    expect(refusal({ type: 'object' }).message).toContain('the .proto source as a JSON string');
    expect(refusal(user('strin user_id = 1')).message).toContain('not a valid .proto source');
    expect(refusal(user('Address home = 1;')).message).toContain('does not resolve');
    expect(refusal(proto('enum E { A = 0; }')).message).toContain('declares no message');
    expect(refusal(proto('import "other.proto";\nmessage A { string a = 1; }')).message).toContain('neither a registry version');
  });

  it('refuses a source nested too deep (422) or too large (413)', () => {
    const deep = proto(`${'message M { '.repeat(40)}${'} '.repeat(40)}`);
    expect(refusal(deep).errors?.[0]?.keyword).toBe('maxDepth');
    expect(() => engine.checkDefinition(user(`string a = 1; // ${'x'.repeat(200_000)}`))).toThrow(PayloadTooLargeError);
  });

  it('fingerprints the declarations, not the spacing or comments', () => {
    const a = user('string user_id = 1;');
    const b = user('  // the id\n  string   user_id =   1 ;');
    expect(engine.fingerprint(a)).toBe(engine.fingerprint(b));
    expect(engine.fingerprint(a)).not.toBe(engine.fingerprint(user('string user_id = 2;')));
  });
});

describe('Protobuf documents in the JSON mapping', () => {
  const definition = proto(`
import "google/protobuf/timestamp.proto";
message User {
  reserved 9, 11; reserved "legacy", "old_name";
  string user_id = 1;
  int64 visits = 2;
  bytes avatar = 3;
  repeated string tags = 4;
  map<string, int32> counts = 5;
  oneof contact { string email = 6; string phone = 7; }
  Color color = 8;
  google.protobuf.Timestamp created_at = 10;
  enum Color { RED = 0; GREEN = 1; }
}`);

  it('accepts JSON names, proto names, 64-bit integers as strings, base64, enums by name or number, and RFC 3339 timestamps', () => {
    expect(engine.validate({ userId: 'u1', visits: '9007199254740993', avatar: 'AQID', tags: ['a'], counts: { a: 1 }, email: 'a@b.c', color: 'GREEN', createdAt: '2026-12-02T23:00:00Z' }, definition)).toEqual({ valid: true });
    expect(engine.validate({ user_id: 'u1', visits: 3, color: 1, legacy: 'ignored: a reserved name', oldName: 'also, in its JSON spelling' }, definition)).toEqual({ valid: true });
  });

  it('names every problem with its path', () => {
    const result = engine.validate({ userId: 5, visits: 1.5, avatar: '!!', tags: 'x', color: 'BLUE', email: 'a', phone: 'b', createdAt: 'yesterday', nope: 1 }, definition);
    const problems = result.valid ? [] : result.errors.map((e) => [e.path, e.keyword]);
    expect(problems).toEqual([
      ['/userId', 'type'], ['/visits', 'type'], ['/avatar', 'type'], ['/tags', 'type'], ['/color', 'enum'], ['/phone', 'oneOf'], ['/createdAt', 'format'], ['/nope', 'additionalProperties'],
    ]);
  });

  it('describes the fields and builds a starting document that validates', () => {
    const fields = engine.describeFields(definition);
    expect(fields.map((f) => f.path)).toEqual(['/userId', '/visits', '/avatar', '/tags', '/tags/-', '/counts', '/email', '/phone', '/color', '/createdAt']);
    expect(fields.find((f) => f.name === 'color')).toMatchObject({ enum: ['RED', 'GREEN'] });
    expect(fields.find((f) => f.name === 'createdAt')).toMatchObject({ types: ['string'], format: 'date-time' });
    expect(fields.find((f) => f.name === 'email')).toMatchObject({ annotations: { oneof: 'contact' } });
    const start = engine.defaultValue(definition);
    expect(start).toEqual({ userId: '', visits: '0', avatar: '', tags: [], counts: {}, color: 'RED', createdAt: '1970-01-01T00:00:00Z' });
    expect(engine.validate(start, definition)).toEqual({ valid: true });
  });
});

interface Row { case: string; previous: string; next: string; type: ChangeType; backward: boolean; forward: boolean }
const rows: Row[] = [
  { case: 'a field added', previous: user('string a = 1;'), next: user('string a = 1; int32 b = 2;'), type: 'field_added', backward: true, forward: true },
  { case: 'a field removed and reserved', previous: user('string a = 1; int32 b = 2;'), next: user('string a = 1; reserved 2; reserved "b";'), type: 'field_removed', backward: true, forward: true },
  { case: 'a field removed without reserving it', previous: user('string a = 1; int32 b = 2;'), next: user('string a = 1;'), type: 'field_removed', backward: false, forward: true },
  { case: 'a reserved number reused', previous: user('string a = 1; reserved 2;'), next: user('string a = 1; int32 c = 2;'), type: 'reserved_reused', backward: false, forward: false },
  { case: 'a field number changed', previous: user('string a = 1;'), next: user('string a = 2;'), type: 'field_number_changed', backward: false, forward: false },
  { case: 'a field renamed', previous: user('string a = 1;'), next: user('string b = 1;'), type: 'field_renamed', backward: false, forward: false },
  { case: 'int32 widened to int64', previous: user('int32 a = 1;'), next: user('int64 a = 1;'), type: 'type_widened', backward: true, forward: false },
  { case: 'string changed to int32', previous: user('string a = 1;'), next: user('int32 a = 1;'), type: 'type_changed', backward: false, forward: false },
  { case: 'singular made repeated', previous: user('string a = 1;'), next: user('repeated string a = 1;'), type: 'cardinality_changed', backward: false, forward: false },
  { case: 'one field moved into a new oneof', previous: user('string a = 1;'), next: user('oneof o { string a = 1; }'), type: 'oneof_changed', backward: true, forward: true },
  { case: 'a field moved into an existing oneof', previous: user('string a = 1; oneof o { string b = 2; }'), next: user('oneof o { string a = 1; string b = 2; }'), type: 'oneof_changed', backward: false, forward: true },
  { case: 'a field moved out of a oneof', previous: user('oneof o { string a = 1; string b = 2; }'), next: user('string a = 1; oneof o { string b = 2; }'), type: 'oneof_changed', backward: true, forward: false },
  { case: 'an enum value added', previous: proto('message U { E e = 1; } enum E { A = 0; }'), next: proto('message U { E e = 1; } enum E { A = 0; B = 1; }'), type: 'enum_value_added', backward: true, forward: false },
  { case: 'a message removed', previous: proto('message U { string a = 1; } message V { string b = 1; }'), next: proto('message U { string a = 1; }'), type: 'type_removed', backward: false, forward: false },
  { case: 'the package changed', previous: user('string a = 1;'), next: user('string a = 1;').replace('acme.v1', 'acme.v2'), type: 'name_changed', backward: false, forward: false },
];

describe('Protobuf compatibility follows its evolution rules', () => {
  it.each(rows)('$case: $type (backward $backward, forward $forward)', (row) => {
    const result = engine.compare(row.previous, row.next);
    const change = result.changes.find((c) => c.type === row.type);
    expect(change, JSON.stringify(result.changes)).toBeDefined();
    expect([change!.backward_compatible, change!.forward_compatible]).toEqual([row.backward, row.forward]);
    expect(change!.explanation.length).toBeGreaterThan(20);
  });

  it('finds no change between a definition and itself respaced', () => {
    expect(engine.compare(user('string a = 1;'), user('  string a = 1 ;  // same'))).toEqual({ changes: [], backward_compatible: true, forward_compatible: true });
  });
});

describe('Protobuf imports', () => {
  const uri = 'registry://acme/address/1';
  const address = proto('message Address { string street = 1; }');
  const person = proto(`import "${uri}";\nmessage Person { Address home = 1; }`);

  it('lists the imported versions and uses their messages', () => {
    expect(engine.referencedUris(person)).toEqual([uri]);
    const references = [{ uri, definition: address }];
    expect(engine.validate({ home: { street: 'Main' } }, person, undefined, { references })).toEqual({ valid: true });
    expect(engine.validate({ home: { street: 1 } }, person, undefined, { references }).valid).toBe(false);
    expect(engine.describeFields(person, { references }).map((f) => f.path)).toEqual(['/home', '/home/street']);
  });

  it('refuses an import that was not loaded', () => {
    expect(refusal(person).message).toContain(`imported version ${uri} was not loaded`);
  });
});
