import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { ulidFactory } from '../../lib/util/ulid.js';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('ulidFactory', () => {
  it('makes valid ULIDs that carry their time and sort in creation order within one millisecond', () => {
    const next = ulidFactory();
    const ids = Array.from({ length: 1000 }, () => next(1_700_000_000_000));
    for (const id of ids) expect(id).toMatch(ULID);
    expect(decodeTime(ids[0]!)).toBe(1_700_000_000_000);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws every random character uniformly from the pool, across refills', () => {
    const next = ulidFactory();
    const counts = new Map<string, number>();
    // A new millisecond each time, so every id takes 16 fresh random characters (60 refills of the pool).
    for (let t = 1; t <= 16_000; t++) for (const ch of next(t).slice(10)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (16_000 * 16) / 32;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.1);
  });

  it('gives independent generators independent randomness', () => {
    expect(ulidFactory()(1).slice(10)).not.toBe(ulidFactory()(1).slice(10));
  });
});
