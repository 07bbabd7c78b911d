import { describe, expect, it } from 'vitest';
import { exampleItem, jsonOfBytes, putCost } from '../../lib/table-design/capacity.js';
import { capacityReport } from '../../lib/table-design/capacity-report.js';
import { itemBytes } from '../../lib/table-design/item-size.js';
import { LoadProfileError, parseProfile } from '../../lib/table-design/load-profile.js';
import { loadDesign } from '../../lib/table-design/load.js';

const design = loadDesign();

describe('item sizes', () => {
  it('counts names and UTF-8 string bytes, numbers by significant digits, nested values with their overhead', () => {
    expect(itemBytes({ ab: 'é' })).toBe(4);
    expect(itemBytes({ n: 12345 })).toBe(1 + 4);
    expect(itemBytes({ n: 1200 })).toBe(1 + 2);
    expect(itemBytes({ m: { k: true } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(itemBytes({ a: 'x', b: 'y' }, new Set(['a']))).toBe(2);
  });

  it('makes JSON documents of the size asked', () => {
    expect(Buffer.byteLength(jsonOfBytes(4096))).toBe(4096);
    expect(() => JSON.parse(jsonOfBytes(10))).not.toThrow();
  });
});

describe('the capacity report', () => {
  const profile = (ops: string, extra = '') => parseProfile(`${extra}\noperations:\n${ops}`);

  it('rounds writes up to whole kilobytes per index copy and doubles them in transactions', () => {
    const item = exampleItem(design, 'schema_version', 3000);
    const plain = putCost(design, item);
    expect(plain.units.table).toBe(Math.ceil(itemBytes(item) / 1024));
    expect(putCost(design, item, { transactional: true }).total).toBe(2 * plain.total);
  });

  it('puts the busiest schema\'s share of a write rate on its partition and flags a key past 1,000 WCU/s', () => {
    const r = capacityReport(design, profile('  - { name: w, write: schema_version, per_second: 2000 }', 'hot_workspace_share: 0.5\nhot_schema_share: 0.5'));
    const op = r.operations[0]!;
    expect(op.hottest).toMatchObject({ index: 'table', unitsPerSecond: 2000 * 0.25 * op.writeUnits.table!, limit: 1000 });
  });

  it('names every bad profile field with the fix', () => {
    expect(() => profile('  - { name: x, per_second: 0 }', 'hot_schema_share: 2')).toThrow(LoadProfileError);
    try {
      profile('  - { name: x, per_second: 0 }', 'hot_schema_share: 2');
    } catch (e) {
      expect((e as LoadProfileError).problems).toEqual([
        'hot_schema_share: 2 must be a share in (0, 1], e.g. 0.5',
        'operations[0].per_second: 0 must be a positive number',
        'operations[0]: give exactly one of write (a record type) or read (an access pattern)',
      ]);
    }
  });

  it('refuses an operation naming an access pattern the design lacks', () => {
    expect(() => capacityReport(design, profile('  - { name: r, read: nothing_like_this, per_second: 1 }'))).toThrow(/no access pattern "nothing_like_this"/);
  });

  it.each([4, 10, 100])('costs a %i KB payload write at most 1.3x its table units (one metadata copy on GSI4)', (kb) => {
    const cost = putCost(design, exampleItem(design, 'payload', kb * 1024));
    expect(Object.keys(cost.units)).toEqual(['table', 'GSI4']);
    expect(cost.units.GSI4).toBe(1);
    expect(cost.total / cost.units.table!).toBeLessThanOrEqual(1.3);
  });

  it('shows one schema taking 10,000 writes/s of 10 KB payloads within the per-partition limit over 16 shards, and throttling on one', () => {
    const hot = (shards: number) =>
      capacityReport(design, profile('  - { name: w, write: payload, per_second: 10000, body_bytes: 10240 }', `hot_workspace_share: 1\nhot_schema_share: 1\nshards: { payload: ${shards} }`)).operations[0]!.hottest!;
    expect(hot(16)).toMatchObject({ index: 'GSI4', unitsPerSecond: 625, limit: 1000 });
    expect(hot(1).unitsPerSecond).toBe(10_000);
  });

  it('puts every shard of a sharded listing under the whole read rate, since each page queries them all', () => {
    const r = capacityReport(design, profile('  - { name: r, read: payloads_by_schema_name, per_second: 10, page: 100 }', 'hot_workspace_share: 1\nhot_schema_share: 1\nshards: { payload: 4 }'));
    const op = r.operations[0]!;
    expect(op.calls).toBe('Query GSI4 x4 shards + BatchGetItem 100');
    expect(op.hottest!.unitsPerSecond).toBe(10 * (op.readUnits - 100 * 0.5) / 4);
  });
});
