import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createEntities } from '../../lib/generated/entities.js';
import * as generated from '../../lib/generated/records/index.js';
import { loadDesign } from '../../lib/table-design/load.js';
import { KeyError, KEY_VALUE_CHARSET, type PlaceholderSpec } from '../../lib/table-design/pattern.js';
import type { ConformanceVectors } from '../../lib/table-design/generate.js';

const design = loadDesign();
const vectors = JSON.parse(readFileSync(new URL('../../lib/generated/conformance-vectors.json', import.meta.url), 'utf8')) as ConformanceVectors;

type Builders = { pk(v: unknown): string; sk(v: unknown): string; parsePk(k: string): unknown; parseSk(k: string): unknown; skPrefix(v?: unknown, p?: string): string };
const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
function keysOf(recordType: string): Record<string, Builders> & { all(item: unknown): Record<string, string> } {
  const keys = (generated as unknown as Record<string, ReturnType<typeof keysOf> | undefined>)[`${camel(recordType)}Keys`];
  if (!keys) throw new Error(`no generated key builders for ${recordType}`);
  return keys;
}
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof KeyError) return e.code;
    throw e;
  }
  return undefined;
}

describe('conformance vectors', () => {
  it('were generated from this schema.yaml', () => {
    expect(vectors.schema_yaml_hash).toBe(design.hash);
    expect(vectors.build.length).toBeGreaterThan(15);
    expect(vectors.build_errors.length).toBeGreaterThan(100);
  });

  it.each(vectors.build.map((c) => [`${c.record_type} ${c.index}`, c] as const))('builds the expected keys: %s', (_n, c) => {
    const b = keysOf(c.record_type)[c.index]!;
    const [pkName, skName] = Object.keys(c.expected);
    expect({ [pkName!]: b.pk(c.attributes), [skName!]: b.sk(c.attributes) }).toEqual(c.expected);
  });

  it('raises the expected error for every invalid input', () => {
    const wrong = vectors.build_errors.filter((c) => {
      const b = keysOf(c.record_type)[c.index]!;
      return codeOf(() => (c.key === 'pk' ? b.pk(c.attributes) : b.sk(c.attributes))) !== c.error;
    });
    expect(wrong).toEqual([]);
  });

  it('parses every example key back into its attributes', () => {
    for (const c of vectors.parse) {
      const b = keysOf(c.record_type)[c.index]!;
      expect(c.key === 'pk' ? b.parsePk(c.input) : b.parseSk(c.input)).toEqual(c.expected);
    }
  });

  it('refuses every malformed key', () => {
    const wrong = vectors.parse_errors.filter((c) => {
      const b = keysOf(c.record_type)[c.index]!;
      return codeOf(() => (c.key === 'pk' ? b.parsePk(c.input) : b.parseSk(c.input))) !== c.error;
    });
    expect(wrong).toEqual([]);
  });

  it('gives the begins_with prefix of every listing access pattern', () => {
    for (const c of vectors.sort_key_prefixes) expect(keysOf(c.record_type)[c.index]!.skPrefix()).toBe(c.expected);
  });
});

/** Values a placeholder accepts, derived from its spec: the same rules any implementation must follow. */
function arbitraryFor(spec: PlaceholderSpec): fc.Arbitrary<string | number> {
  if (spec.type === 'integer') return fc.integer({ min: spec.minimum ?? 0, max: 10 ** (spec.padWidth ?? 15) - 1 });
  const base = spec.pattern
    ? fc.stringMatching(new RegExp(spec.pattern))
    : fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).filter((c) => c !== 0x23).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: spec.maxLength ?? 64 });
  return base.filter((s) => s.length > 0 && s.length <= (spec.maxLength ?? Infinity) && KEY_VALUE_CHARSET.test(s));
}

describe('key builders', () => {
  for (const rt of Object.values(design.recordTypes)) {
    for (const [index, k] of Object.entries(rt.keys)) {
      it(`round-trips parse(build(x)) for ${rt.name} on ${index}`, () => {
        const b = keysOf(rt.name)[index]!;
        for (const [pattern, build, parse] of [
          [k.pk, b.pk, b.parsePk],
          [k.sk, b.sk, b.parseSk],
        ] as const) {
          const record = fc.record(Object.fromEntries(pattern.attributes.map((a) => [a, arbitraryFor(pattern.specs[a]!)])));
          fc.assert(
            fc.property(record, (values) => {
              expect(parse(build(values))).toEqual(values);
            }),
            { numRuns: 200 },
          );
        }
      });
    }
  }

  it('zero-pads integers so that keys sort as numbers', () => {
    const keys = [2, 10, 1, 33].map((version) => generated.schemaVersionKeys.primary.sk({ version }));
    expect([...keys].sort()).toEqual([1, 2, 10, 33].map((version) => generated.schemaVersionKeys.primary.sk({ version })));
    expect(keys[0]).toBe('VERSION#0000000002');
  });

  it('builds begins_with prefixes from the leading values and a partial one', () => {
    expect(generated.schemaKeys.GSI2.skPrefix({}, 'car')).toBe('SCHEMA#car');
    expect(generated.schemaVersionKeys.primary.skPrefix()).toBe('VERSION#');
    expect(() => generated.schemaKeys.GSI2.skPrefix({}, 'a#b')).toThrow(KeyError);
  });

  it('names attribute family members and refuses bad family values', () => {
    expect(generated.rateLimitBucketFamilies['b_{limit}_tk']('hour')).toBe('b_hour_tk');
    expect(() => generated.rateLimitBucketFamilies['b_{limit}_cp']('Hour!')).toThrow(KeyError);
  });
});

describe('ElectroDB entities', () => {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local', endpoint: 'http://127.0.0.1:9' }));
  const entities = createEntities({ client, table: 't', now: () => new Date('2026-11-23T12:00:00.000Z'), newId: () => '01HF7YAT00S8Z6N5V4C3B2A1Z0' });

  it.each(Object.values(design.recordTypes).map((rt) => [rt.name, rt] as const))('writes exactly the example keys for %s, with no case change', (name, rt) => {
    for (const ex of rt.examples) {
      const entity = (entities as unknown as Record<string, { put(i: unknown): { params(): { Item: Record<string, unknown> } } }>)[name]!;
      const { Item } = entity.put(ex.attributes).params();
      for (const [k, v] of Object.entries(ex.keys)) expect(Item[k], `${name} ${k}`).toBe(v);
      expect(Item[design.entityIdentifiers.entity]).toBe(rt.entity);
      expect(Item[design.entityIdentifiers.version]).toBe(rt.entityVersion);
    }
  });

  it('fills timestamps from the injected clock', () => {
    const { Item } = entities.notification
      .put({ id: '01HF7YE000A1B2C3D4E5F6G7H8', user_id: 'carol', workspace_id: 'acme', kind: 'k', subject: '{}' })
      .params() as { Item: Record<string, unknown> };
    expect(Item.created_at).toBe('2026-11-23T12:00:00.000Z');
    expect(Item.delivered).toBe(false);
  });

  it('queries an access pattern with the key builders\u2019 prefix', () => {
    const params = entities.schema_version.query.schema_versions_by_schema({ workspace_id: 'acme', name: 'orders' }).params() as Record<string, any>;
    expect(params.ExpressionAttributeValues).toEqual({ ':pk': 'WS#acme#SCHEMA#orders', ':sk1': generated.schemaVersionKeys.primary.skPrefix() });
    expect(params.KeyConditionExpression).toContain('begins_with');
  });
});
