/**
 * Comparison cost and output are bounded (issue 11, item 10): enum and const values are matched through
 * hashed canonical JSON, not pairwise, and a comparison reports at most MAX_REPORTED_CHANGES changes and
 * MAX_REPORTED_BYTES of them, flagged as truncated, with verdicts still computed from every change.
 * Times are measured in bench/budget.ts; the timeouts here only catch a return of the quadratic walk.
 */
import { describe, expect, it } from 'vitest';
import { JsonSchemaEngine } from '../../lib/engines/json-schema/engine.js';
import { MAX_REPORTED_BYTES, MAX_REPORTED_CHANGES } from '../../lib/engines/json-schema/compare.js';
import { checkCompatibility } from '../../lib/schemas/compatibility.js';

const engine = new JsonSchemaEngine();
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('comparing large enums', () => {
  it('compares {"enum":[0..9999]} with {"enum":[10000..19999]} (the attack that took 20 s) and reports a truncated, flagged result', { timeout: 5_000 }, () => {
    const result = engine.compare({ enum: range(0, 10_000) }, { enum: range(10_000, 20_000) });
    expect(result.backward_compatible).toBe(false);
    expect(result.forward_compatible).toBe(false);
    expect(result.changes.length).toBeLessThanOrEqual(MAX_REPORTED_CHANGES);
    expect(result.truncated).toEqual({ total_changes: 20_000, reported_changes: result.changes.length });
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(MAX_REPORTED_BYTES + 4096);
  });

  it('keeps the changes that break compatibility when it truncates, so a verdict never reads compatible', { timeout: 5_000 }, () => {
    // 5,000 values added (backward compatible, forward not) and then one removed (breaks backward).
    const before = { enum: [...range(0, 5_000), 'gone'] };
    const after = { enum: range(0, 10_000) };
    const result = engine.compare(before, after);
    expect(result.truncated?.total_changes).toBe(5_001);
    expect(result.changes[0]).toMatchObject({ type: 'enum_value_removed', backward_compatible: false });
    const verdict = checkCompatibility(engine, 'BACKWARD', [{ version: 1, definition: before }], after);
    expect(verdict.compatible).toBe(false);
    expect(verdict.breaking_changes).toEqual([expect.objectContaining({ type: 'enum_value_removed' })]);
  });

  it('matches object-valued enum members by value, whatever their key order, in linear time', { timeout: 5_000 }, () => {
    const objects = range(0, 10_000).map((i) => ({ id: i, name: `n${i}` }));
    const reordered = objects.map(({ id, name }) => ({ name, id }));
    expect(engine.compare({ enum: objects }, { enum: reordered })).toMatchObject({ changes: [], backward_compatible: true, forward_compatible: true });
  });

  it('bounds the bytes of the report when each change carries a large value', { timeout: 5_000 }, () => {
    const big = (i: number) => ({ i, text: 'x'.repeat(2_000) });
    const result = engine.compare({ enum: range(0, 60).map(big) }, { enum: range(60, 120).map(big) });
    expect(result.truncated?.total_changes).toBe(120);
    expect(Buffer.byteLength(JSON.stringify(result.changes))).toBeLessThanOrEqual(MAX_REPORTED_BYTES);
  });

  it('does not flag a result that fits', () => {
    const result = engine.compare({ enum: [1, 2] }, { enum: [1, 2, 3] });
    expect(result.changes).toHaveLength(1);
    expect(result.truncated).toBeUndefined();
  });
});
