/** Each rule, firing and not: through real table parsing and the JSON Schema engine's describeFields. */
import { describe, expect, it } from 'vitest';
import type { Json } from '../../lib/engines/types.js';
import { evaluate, type PolicyInput } from '../../lib/policies/index.js';
import {
  checkDefinition,
  checkTable,
  cleanTable,
  cleanTableWith,
  engine,
  objectSchema,
  publishedTable,
  rulesOf,
  violationsOf,
} from './support.js';

/** Top-level fields with `x-sql` hints but no table view: what another engine could hand the rules. */
const annotatedOnly = (properties: Record<string, Json>): PolicyInput => ({
  schema_name: 'things',
  form: 'definition',
  fields: engine.describeFields(objectSchema(properties)),
});

const manyProperties = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`field_${i}`, { type: 'string' } as Json]));

describe('a clean table', () => {
  it('breaks no rule and is low risk', () => {
    const result = checkTable('articles', cleanTable);
    expect(result.violations).toEqual([]);
    expect(result.risk).toBe('low');
  });
});

describe('protected-name', () => {
  it('refuses the platform tables as schema names, whatever the case', () => {
    const result = checkDefinition('messages', objectSchema({ body: { type: 'string' } }));
    expect(violationsOf(result, 'protected-name')).toEqual([
      {
        rule: 'protected-name',
        severity: 'error',
        message: 'schema name "messages" is the name of a protected platform table',
        suggestion: 'choose a more specific name, e.g. "app_messages"',
        path: '/schema_name',
      },
    ]);
    expect(rulesOf(checkDefinition('Schema_Registry', objectSchema({})))).toContain('protected-name');
  });

  it('lets names that merely contain a protected one through, and leaves column names alone', () => {
    expect(rulesOf(checkDefinition('chat_messages', objectSchema({ documents: { type: 'string' } })))).toEqual([]);
  });
});

describe('reserved-word', () => {
  it('flags a reserved column name, naming the dialects that reserve it', () => {
    const result = checkTable('articles', cleanTableWith([{ name: 'order', type: 'integer' }]));
    expect(violationsOf(result, 'reserved-word')).toEqual([
      {
        rule: 'reserved-word',
        severity: 'warning',
        message: 'column "order" is a reserved word in PostgreSQL, MySQL and SQLite',
        suggestion: 'rename it, e.g. "order_value"',
        path: '/table/columns/4/name',
      },
    ]);
  });

  it('suggests a schema name that is itself free', () => {
    expect(violationsOf(checkDefinition('user', objectSchema({})), 'reserved-word')[0]).toMatchObject({
      message: 'schema name "user" is a reserved word in PostgreSQL',
      suggestion: 'rename it, e.g. "users"',
    });
    // "groups" is reserved in MySQL 8, so the plural is no way out.
    expect(violationsOf(checkDefinition('group', objectSchema({})), 'reserved-word')[0]?.suggestion).toBe('rename it, e.g. "group_records"');
  });

  it('lets common non-reserved names through', () => {
    const names = ['status', 'name', 'type', 'value', 'data', 'date', 'text', 'level', 'count'];
    expect(rulesOf(checkDefinition('things', objectSchema(Object.fromEntries(names.map((n) => [n, { type: 'string' }])))))).toEqual([]);
  });
});

describe('snake-case-names', () => {
  it('flags a camelCase field and suggests its snake_case form', () => {
    const result = checkDefinition('profiles', objectSchema({ userId: { type: 'string' } }));
    expect(violationsOf(result, 'snake-case-names')).toEqual([
      {
        rule: 'snake-case-names',
        severity: 'warning',
        message: 'field "userId" is not snake_case',
        suggestion: 'rename it to "user_id"',
        path: '/definition/properties/userId',
      },
    ]);
  });

  it('never suggests a name another field already has', () => {
    const result = checkDefinition('profiles', objectSchema({ userId: { type: 'string' }, user_id: { type: 'string' } }));
    expect(violationsOf(result, 'snake-case-names')[0]?.suggestion).toBe('rename it to "user_id_2"');
  });

  it('checks the schema name', () => {
    expect(violationsOf(checkDefinition('UserPrefs', objectSchema({})), 'snake-case-names')[0]).toMatchObject({
      message: 'schema name "UserPrefs" is not snake_case',
      suggestion: 'rename it to "user_prefs"',
      path: '/schema_name',
    });
  });

  it('leaves nested properties alone: they live inside a JSON document, not in column names', () => {
    const result = checkDefinition('profiles', objectSchema({ address: objectSchema({ streetName: { type: 'string' } }) }));
    expect(rulesOf(result)).toEqual([]);
  });
});

describe('identifier-length', () => {
  it('flags a 64-character field name and suggests one within the limit', () => {
    const long = 'a'.repeat(64);
    const [violation] = violationsOf(checkDefinition('things', objectSchema({ [long]: { type: 'string' } })), 'identifier-length');
    expect(violation).toMatchObject({ severity: 'error', message: `field "${long}" is 64 characters long; the limit is 63`, path: `/definition/properties/${long}` });
    expect(violation?.suggestion).toBe(`shorten it, e.g. "${'a'.repeat(63)}"`);
  });

  it('accepts 63 characters', () => {
    expect(rulesOf(checkDefinition('things', objectSchema({ ['a'.repeat(63)]: { type: 'string' } })))).toEqual([]);
  });
});

describe('too-many-fields', () => {
  it('flags more than 100 fields by default', () => {
    expect(violationsOf(checkDefinition('wide', objectSchema(manyProperties(101))), 'too-many-fields')).toEqual([
      {
        rule: 'too-many-fields',
        severity: 'warning',
        message: 'schema "wide" has 101 fields; the limit is 100',
        suggestion: 'split it into smaller schemas, or group rarely used fields into one object field',
        path: '/definition/properties',
      },
    ]);
  });

  it('accepts 100, and more when the workspace raises the limit', () => {
    expect(rulesOf(checkDefinition('wide', objectSchema(manyProperties(100))))).toEqual([]);
    expect(rulesOf(checkDefinition('wide', objectSchema(manyProperties(150)), { policy: { max_fields: 150 } }))).toEqual([]);
    expect(rulesOf(checkDefinition('wide', objectSchema(manyProperties(10)), { policy: { max_fields: 9 } }))).toEqual(['too-many-fields']);
  });

  it('counts nested fields but not array items', () => {
    const nested = objectSchema({ a: objectSchema({ b: { type: 'string' } }), tags: { type: 'array', items: { type: 'string' } } });
    expect(rulesOf(checkDefinition('things', nested, { policy: { max_fields: 3 } }))).toEqual([]);
    expect(rulesOf(checkDefinition('things', nested, { policy: { max_fields: 2 } }))).toEqual(['too-many-fields']);
  });
});

describe('primary-key-required', () => {
  it('points a definition table at its x-sql primary_key, and suggests the existing id column', () => {
    const definition = objectSchema({ id: { type: 'string', format: 'uuid', 'x-sql': { type: 'uuid' } } }, { required: ['id'] });
    expect(violationsOf(checkDefinition('things', definition), 'primary-key-required')[0]).toMatchObject({
      path: '/definition/x-sql/primary_key',
      suggestion: 'declare it at the root: "x-sql": {"primary_key": ["id"]}',
    });
  });

  it('is satisfied by a declared key', () => {
    const definition = objectSchema({ id: { type: 'string', format: 'uuid', 'x-sql': { type: 'uuid' } } }, { required: ['id'], 'x-sql': { primary_key: ['id'] } });
    expect(violationsOf(checkDefinition('things', definition), 'primary-key-required')).toEqual([]);
  });
});

describe('timestamps-recommended', () => {
  it('flags a created_at that is not a timestamp', () => {
    const table = { columns: cleanTable.columns.map((c) => (c.name === 'created_at' ? { name: 'created_at', type: 'text', nullable: false } : c)) };
    expect(violationsOf(checkTable('articles', table), 'timestamps-recommended')).toEqual([
      {
        rule: 'timestamps-recommended',
        severity: 'warning',
        message: 'column "created_at" is text, not a timestamp',
        suggestion: 'change its "type" to "timestamptz"',
        path: '/table/columns/2/type',
      },
    ]);
  });

  it('accepts timestamp columns of either kind (timestamptz-over-timestamp speaks for the other)', () => {
    const table = { columns: cleanTable.columns.map((c) => (c.name === 'updated_at' ? { ...c, type: 'timestamp' } : c)) };
    expect(rulesOf(checkTable('articles', table))).toEqual(['timestamptz-over-timestamp']);
  });
});

describe('type-not-allowed', () => {
  it('flags an x-sql type outside the safe list, with the parser\'s advice', () => {
    expect(evaluate(annotatedOnly({ amount: { type: 'number', 'x-sql': { type: 'money' } } })).violations).toEqual([
      {
        rule: 'type-not-allowed',
        severity: 'error',
        message: 'column "amount" has type "money", which is not allowed',
        suggestion: expect.stringMatching(/^unknown type "money"; use one of text, varchar\(n\)/),
        path: '/definition/properties/amount/x-sql/type',
      },
    ]);
  });

  it('accepts the safe types, and does not apply to fields without SQL types', () => {
    expect(rulesOf(evaluate(annotatedOnly({ amount: { type: 'number', 'x-sql': { type: 'numeric(12,2)' } } })))).toEqual([]);
    expect(checkDefinition('things', objectSchema({ a: { type: 'string' } })).not_applicable).toContain('type-not-allowed');
  });
});

describe('default-not-allowed', () => {
  it('flags a default outside the allowlist, such as an injection attempt', () => {
    const [violation] = evaluate(annotatedOnly({ name: { type: 'string', 'x-sql': { type: 'text', default: "'x'); DROP TABLE users; --" } } })).violations;
    expect(violation).toMatchObject({
      rule: 'default-not-allowed',
      severity: 'error',
      message: `column "name" has default "'x'); DROP TABLE users; --", which is not allowed`,
      path: '/definition/properties/name/x-sql/default',
    });
    expect(violation?.suggestion).toContain('gen_random_uuid(), now(), CURRENT_TIMESTAMP');
    expect(rulesOf(evaluate(annotatedOnly({ n: { type: 'integer', 'x-sql': { type: 'integer', default: "nextval('seq')" } } })))).toEqual(['default-not-allowed']);
  });

  it('accepts now(), gen_random_uuid() and literals that suit the type', () => {
    const input = annotatedOnly({
      at: { type: 'string', 'x-sql': { type: 'timestamptz', default: 'now()' } },
      id: { type: 'string', 'x-sql': { type: 'uuid', default: 'gen_random_uuid()' } },
      state: { type: 'string', 'x-sql': { type: 'text', default: "'pending'" } },
      n: { type: 'integer', 'x-sql': { type: 'integer', default: 0 } },
    });
    expect(rulesOf(evaluate(input))).toEqual([]);
  });
});

describe('text-over-varchar', () => {
  it('in a definition table, suggests the x-sql type and keeping maxLength', () => {
    const definition = objectSchema({ code: { type: 'string', maxLength: 8, 'x-sql': { type: 'varchar(8)' } } }, { 'x-sql': { primary_key: ['code'] }, required: ['code'] });
    expect(violationsOf(checkDefinition('codes', definition), 'text-over-varchar')[0]).toMatchObject({
      message: 'column "code" is "varchar(8)"; prefer text',
      suggestion: 'set its "x-sql" "type" to "text" and keep "maxLength" if the limit matters',
      path: '/definition/properties/code/x-sql/type',
    });
  });

  it('accepts text', () => {
    expect(violationsOf(checkTable('articles', cleanTable), 'text-over-varchar')).toEqual([]);
  });
});

describe('timestamptz-over-timestamp', () => {
  it('flags timestamp', () => {
    expect(violationsOf(checkTable('articles', cleanTableWith([{ name: 'seen_at', type: 'timestamp' }])), 'timestamptz-over-timestamp')).toEqual([
      {
        rule: 'timestamptz-over-timestamp',
        severity: 'warning',
        message: 'column "seen_at" is timestamp, which stores no time zone',
        suggestion: 'change its "type" to "timestamptz"',
        path: '/table/columns/4/type',
      },
    ]);
  });
});

describe('bigint-precision', () => {
  it('flags bigint, including the bigint a definition table infers from "integer"', () => {
    expect(violationsOf(checkTable('articles', cleanTableWith([{ name: 'external_id', type: 'bigint' }])), 'bigint-precision')[0]).toMatchObject({
      message: 'column "external_id" is bigint; JavaScript numbers lose precision above 9007199254740991',
      suggestion: 'change its "type" to "integer" if values fit in 32 bits, or to "text" for external ids; otherwise read it as a string or BigInt',
      path: '/table/columns/4/type',
    });
    const definition = objectSchema({ id: { type: 'string', 'x-sql': { type: 'uuid' } }, views: { type: 'integer' } }, { 'x-sql': { primary_key: ['id'] }, required: ['id'] });
    expect(violationsOf(checkDefinition('pages', definition), 'bigint-precision').map((v) => v.path)).toEqual(['/definition/properties/views/type']);
  });

  it('accepts integer and a bigserial key (a sequence does not reach 2^53)', () => {
    const table = { columns: [{ name: 'id', type: 'bigserial', primary_key: true }, ...cleanTable.columns.slice(1), { name: 'n', type: 'integer' }] };
    expect(violationsOf(checkTable('articles', table), 'bigint-precision')).toEqual([]);
  });
});

describe('jsonb-needs-gin-index', () => {
  it('notes a jsonb column without a GIN index, at info level', () => {
    expect(violationsOf(checkTable('articles', cleanTableWith([{ name: 'metadata', type: 'jsonb' }], [{ columns: ['metadata'], type: 'unique' }])), 'jsonb-needs-gin-index')).toEqual([
      {
        rule: 'jsonb-needs-gin-index',
        severity: 'info',
        message: 'jsonb column "metadata" has no GIN index',
        suggestion: 'if you query inside it, add {"columns": ["metadata"], "type": "gin"} to "indexes"',
        path: '/table/columns/4',
      },
    ]);
  });

  it('is satisfied by a GIN index on the column', () => {
    expect(violationsOf(checkTable('articles', cleanTableWith([{ name: 'metadata', type: 'jsonb' }], [{ columns: ['metadata'], type: 'gin' }])), 'jsonb-needs-gin-index')).toEqual([]);
  });
});

describe('field-removed', () => {
  const v1 = objectSchema({ name: { type: 'string' }, address: objectSchema({ street: { type: 'string' }, city: { type: 'string' } }) });

  it('reports a removed nested field where its siblings are listed', () => {
    const v2 = objectSchema({ name: { type: 'string' }, address: objectSchema({ city: { type: 'string' } }) });
    expect(violationsOf(checkDefinition('people', v2, { previous: v1 }), 'field-removed')).toEqual([
      {
        rule: 'field-removed',
        severity: 'error',
        message: 'field "street" at "/address/street" of the previous version is removed',
        suggestion: 'keep it, and say in its description that it is deprecated; remove it only once nothing reads it',
        path: '/definition/properties/address/properties',
      },
    ]);
  });

  it('reports a removed object once, not each of its fields', () => {
    const v2 = objectSchema({ name: { type: 'string' } });
    expect(violationsOf(checkDefinition('people', v2, { previous: v1 }), 'field-removed').map((v) => v.message)).toEqual([
      'field "address" of the previous version is removed',
    ]);
  });

  it('accepts a version that keeps every field', () => {
    const v2 = objectSchema({ name: { type: 'string' }, address: objectSchema({ street: { type: 'string' }, city: { type: 'string' } }), age: { type: 'integer' } });
    expect(rulesOf(checkDefinition('people', v2, { previous: v1 }))).toEqual([]);
  });
});

describe('field-renamed', () => {
  const previous = publishedTable('articles', cleanTableWith([{ name: 'username', type: 'text' }]));

  it('takes one removed and one added column of the same type in the same place for a rename', () => {
    const result = checkTable('articles', cleanTableWith([{ name: 'user_name', type: 'text' }]), { previous });
    expect(violationsOf(result, 'field-renamed')).toEqual([
      {
        rule: 'field-renamed',
        severity: 'error',
        message: 'column "username" appears renamed to "user_name"',
        suggestion: 'keep "username" and add "user_name" alongside it; remove the old one once nothing reads it',
        path: '/table/columns/4/name',
      },
    ]);
    expect(violationsOf(result, 'field-removed')).toEqual([]);
  });

  it('does not guess a rename across types, or with two candidates', () => {
    const retyped = checkTable('articles', cleanTableWith([{ name: 'user_name', type: 'integer' }]), { previous });
    expect(violationsOf(retyped, 'field-renamed')).toEqual([]);
    expect(violationsOf(retyped, 'field-removed').map((v) => v.message)).toEqual(['column "username" of the previous version is removed']);
    const two = checkTable('articles', cleanTableWith([{ name: 'user_name', type: 'text' }, { name: 'nickname', type: 'text' }]), { previous });
    expect(violationsOf(two, 'field-renamed')).toEqual([]);
  });
});

describe('field-retyped', () => {
  it('flags a field whose JSON type changes', () => {
    const result = checkDefinition('people', objectSchema({ age: { type: 'string' } }), { previous: objectSchema({ age: { type: 'integer' } }) });
    expect(violationsOf(result, 'field-retyped')).toEqual([
      {
        rule: 'field-retyped',
        severity: 'warning',
        message: 'field "age" changes type from integer to string',
        suggestion: 'keep integer, or add a new field of type string and move readers to it',
        path: '/definition/properties/age/type',
      },
    ]);
  });

  it('ignores the order types are listed in', () => {
    const result = checkDefinition('people', objectSchema({ id: { type: ['string', 'integer'] } }), { previous: objectSchema({ id: { type: ['integer', 'string'] } }) });
    expect(violationsOf(result, 'field-retyped')).toEqual([]);
  });
});

describe('incompatible-change', () => {
  it('turns each backward-incompatible change of the diff into an error quoting its explanation', () => {
    const previous = objectSchema({ age: { type: 'integer' } });
    const next = objectSchema({ age: { type: 'integer', maximum: 150 } });
    const [change] = engine.compare(previous, next).changes;
    expect(violationsOf(checkDefinition('people', next, { previous }), 'incompatible-change')).toEqual([
      {
        rule: 'incompatible-change',
        severity: 'error',
        message: `backward-incompatible change (maximum_tightened) at "/properties/age/maximum": ${change?.explanation}`,
        suggestion: 'make the change so old documents stay valid, or publish the new shape under a new schema name',
        path: '/definition/properties/age/maximum',
      },
    ]);
  });

  it('lets compatible changes through, and does not apply without a diff', () => {
    const previous = objectSchema({ age: { type: 'integer' } });
    expect(violationsOf(checkDefinition('people', objectSchema({ age: { type: 'integer' }, note: { type: 'string' } }), { previous }), 'incompatible-change')).toEqual([]);
    expect(checkDefinition('people', previous).not_applicable).toContain('incompatible-change');
  });
});
