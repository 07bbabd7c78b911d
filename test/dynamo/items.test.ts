/**
 * lib/dynamo/items.ts builds and reads items exactly as the generated ElectroDB entities do, for every
 * record type of schema.yaml: the same item from the same attributes, the same refusals, the same reading.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { buildItem, readItem } from '../../lib/dynamo/items.js';
import { createEntities } from '../../lib/generated/entities.js';
import { RECORD_RULES } from '../../lib/generated/records/index.js';
import type { RecordItems } from '../../lib/generated/table.js';
import { loadDesign } from '../../lib/table-design/load.js';

const design = loadDesign();
const clock = { now: () => new Date('2026-12-03T10:00:00.000Z'), newId: () => '01HF7YAT00S8Z6N5V4C3B2A1Z0' };
// The entities only build request parameters here: the client is never called.
const entities = createEntities({ client: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'local' })), table: 't', ...clock }) as unknown as Record<
  string,
  { put(a: unknown): { params(): { Item: Record<string, unknown> } }; parse(r: { Item: Record<string, unknown> }): { data: unknown } }
>;
type Name = keyof RecordItems;
const build = (name: Name, attributes: unknown) => buildItem(RECORD_RULES[name] as never, attributes as never, clock);
const electro = (name: Name, attributes: unknown) => entities[name]!.put(attributes).params().Item;
const recordTypes = Object.values(design.recordTypes).map((rt) => [rt.name as Name, rt] as const);

describe.each(recordTypes)('%s', (name, rt) => {
  const example = rt.examples[0]!.attributes;
  const requiredWithoutDefault = Object.values(rt.attributes).filter((a) => a.required && a.default === undefined);
  const withDefault = Object.values(rt.attributes).filter((a) => a.default !== undefined);

  it('builds the item its entity builds from its schema.yaml example, and from the example without its defaulted attributes', () => {
    expect(build(name, example)).toEqual(electro(name, example));
    const bare = Object.fromEntries(Object.entries(example).filter(([k]) => !withDefault.some((a) => a.name === k)));
    expect(build(name, bare)).toEqual(electro(name, bare));
  });

  it('drops attributes schema.yaml does not declare, as the entity does', () => {
    expect(build(name, { ...example, undeclared: 1 })).toEqual(electro(name, example));
  });

  it('refuses what its entity refuses: a missing required attribute, a value of the wrong type, a pattern or enum mismatch', () => {
    const wrongs: Record<string, unknown>[] = [];
    for (const a of requiredWithoutDefault) wrongs.push({ ...example, [a.name]: undefined });
    for (const a of Object.values(rt.attributes)) {
      if (a.enum) wrongs.push({ ...example, [a.name]: 'not-one-of-them' });
      else if (a.pattern !== undefined) wrongs.push({ ...example, [a.name]: '\u0000' });
      else if (a.type === 'string' || a.type === 'json') wrongs.push({ ...example, [a.name]: 42 });
      else if (a.type === 'integer' || a.type === 'number') wrongs.push({ ...example, [a.name]: 'nine' });
      else if (a.type === 'boolean') wrongs.push({ ...example, [a.name]: 'yes' });
    }
    expect(wrongs.length).toBeGreaterThan(0);
    for (const wrong of wrongs) {
      expect(() => electro(name, wrong)).toThrow();
      expect(() => build(name, wrong)).toThrow(name);
    }
  });

  it('reads a stored item as its entity reads it, and not an item of another record type', () => {
    const stored = { ...build(name, example), b_limit_tk: 1 };
    expect(readItem(RECORD_RULES[name] as never, stored)).toEqual(entities[name]!.parse({ Item: stored }).data);
    expect(readItem(RECORD_RULES[name] as never, { ...stored, __edb_e__: 'another' })).toBeUndefined();
  });
});
