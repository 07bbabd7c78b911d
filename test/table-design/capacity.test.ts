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
});
