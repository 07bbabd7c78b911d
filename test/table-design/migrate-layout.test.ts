import { describe, expect, it } from 'vitest';
import { lintDesign } from '../../lib/table-design/lint.js';
import { decide, recordTypeInLayout, rewriteItem, type StoredItem } from '../../lib/table-design/migrate/layout.js';
import { CREATOR_INDEX, exampleItem, migrationFixture } from './migrate-fixture.js';

const { current, next } = migrationFixture();
const types = Object.keys(current.recordTypes).filter((rt) => rt !== 'registry_meta');

describe('the fixture design N+1', () => {
  it('is a valid next major of schema.yaml, clean under lint', () => {
    expect(Number(next.version.split('.')[0])).toBe(Number(current.version.split('.')[0]) + 1);
    expect(lintDesign(next)).toEqual([]);
    expect(next.indexes[CREATOR_INDEX]).toBeDefined();
  });
});

describe('deciding what an item becomes', () => {
  it.each(types)('rebuilds every key of a %s from its attributes, and the way back gives the item as it was', (name) => {
    const item = exampleItem(current, name);
    expect(recordTypeInLayout(current, item)?.name).toBe(name);
    const d = decide(current, next, item);
    expect(['rewrite', 'unchanged']).toContain(d.kind);
    const migrated = d.kind === 'rewrite' ? d.item : item;
    expect(recordTypeInLayout(next, migrated)?.name).toBe(name);
    const back = decide(next, current, migrated);
    expect(back.kind === 'rewrite' ? back.item : migrated).toEqual(item);
  });

  it('moves payloads to the renamed prefix and into the new index, keeping every other attribute exactly', () => {
    const item = exampleItem(current, 'payload');
    const d = decide(current, next, item);
    if (d.kind !== 'rewrite') throw new Error(`expected a rewrite, got ${d.kind}`);
    expect(d.primaryKeyChanged).toBe(true);
    expect(d.item.PK!.S).toBe(item.PK!.S!.replace('#PAYLOAD#', '#PL#'));
    expect(d.item[`${CREATOR_INDEX}PK`]!.S).toBe(`WS#${item.workspace_id!.S}#CREATOR#${item.created_by!.S}`);
    expect(d.item.data).toEqual(item.data);
    expect(d.item.revision ?? null).toEqual(item.revision ?? null);
  });

  it('rewrites an entity_version that changed, and finds an item only in the new layout as already migrated', () => {
    const item = exampleItem(current, 'notification');
    const d = decide(current, next, item);
    if (d.kind !== 'rewrite') throw new Error(`expected a rewrite, got ${d.kind}`);
    expect(d.primaryKeyChanged).toBe(false);
    expect(d.item.__edb_v__).toEqual({ S: '2' });
    expect(decide(current, next, d.item)).toEqual({ kind: 'target_layout', recordType: 'notification' });
  });

  it('reports an item of neither layout as unknown, and the design record as the protocol\'s', () => {
    const stray: StoredItem = { PK: { S: 'SOMETHING' }, SK: { S: 'ELSE' }, note: { S: 'not the registry' } };
    expect(decide(current, next, stray)).toMatchObject({ kind: 'unknown' });
    // Keys that no longer match the item's own attributes are not the layout either.
    const edited = { ...exampleItem(current, 'schema'), name: { S: 'renamed' } };
    expect(decide(current, next, edited)).toMatchObject({ kind: 'unknown' });
    expect(decide(current, next, exampleItem(current, 'registry_meta'))).toEqual({ kind: 'design_record' });
  });

  it('fails, rather than drops, an item design N+1 cannot hold', () => {
    const { sink_config: _dropped, ...recordTypes } = next.recordTypes;
    const without = { ...next, recordTypes };
    expect(decide(current, without, exampleItem(current, 'sink_config'))).toMatchObject({ kind: 'failed', recordType: 'sink_config', reason: expect.stringContaining('not declared') });
    const badKey = { ...exampleItem(current, 'payload'), created_by: { S: 'has a space' } };
    expect(decide(current, next, badKey)).toMatchObject({ kind: 'failed', recordType: 'payload', reason: expect.stringContaining('created_by') });
    expect(() => rewriteItem(current, next, next.recordTypes.payload!, badKey)).toThrow('printable ASCII');
  });
});
