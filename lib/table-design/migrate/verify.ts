/**
 * The verification of a migration: a full Scan of the table the items moved to, counting each record
 * type's items in the target layout, the items still only in the source layout, and the unknown ones.
 * The copy's counts say what should be there; this says what is.
 */
import type { ItemTable } from '../../dynamo/item-table.js';
import type { TableDesign } from '../model.js';
import type { Counts } from './checkpoint.js';
import { DESIGN_RECORD_TYPE, recordTypeInLayout } from './layout.js';

export interface Tally {
  /** Items per record type in the target layout (the design record left out). */
  byType: Record<string, number>;
  /** Items in the source layout only: not migrated. */
  leftover: number;
  unknown: number;
}

export interface Verification {
  ok: boolean;
  /** Per record type: found in the source by the copy, and now in the target layout. */
  byType: Record<string, { source: number; target: number }>;
  leftover: number;
  unknown: { source: number; target: number };
  failed: number;
  mismatches: string[];
}

/** Counts the items of `table` by layout, scanning `segments` segments in parallel. */
export async function tallyTable(table: ItemTable, from: TableDesign, to: TableDesign, segments: number, pageSize: number): Promise<Tally> {
  const tally: Tally = { byType: {}, leftover: 0, unknown: 0 };
  await Promise.all(
    Array.from({ length: segments }, async (_v, segment) => {
      let next;
      do {
        const page = await table.scanPage(segment, segments, next, pageSize);
        for (const item of page.items) {
          const rt = recordTypeInLayout(to, item);
          if (rt?.name === DESIGN_RECORD_TYPE) continue;
          if (rt) tally.byType[rt.name] = (tally.byType[rt.name] ?? 0) + 1;
          else if (recordTypeInLayout(from, item)?.name === DESIGN_RECORD_TYPE) continue;
          else if (recordTypeInLayout(from, item)) tally.leftover++;
          else tally.unknown++;
        }
        next = page.lastKey;
      } while (next);
    }),
  );
  return tally;
}

/** Compares what the copy found in the source with what the target holds. */
export function compare(counts: Counts, tally: Tally): Verification {
  const byType: Verification['byType'] = {};
  const mismatches: string[] = [];
  let failed = 0;
  for (const rt of new Set([...Object.keys(counts.byType), ...Object.keys(tally.byType)])) {
    const c = counts.byType[rt];
    const expected = (c?.source ?? 0) - (c?.failed ?? 0);
    failed += c?.failed ?? 0;
    byType[rt] = { source: c?.source ?? 0, target: tally.byType[rt] ?? 0 };
    if (byType[rt].target !== expected) mismatches.push(`${rt}: ${expected} expected in the target layout, ${byType[rt].target} found`);
  }
  if (failed) mismatches.push(`${failed} source item(s) could not be migrated (see the problems)`);
  if (tally.leftover) mismatches.push(`${tally.leftover} item(s) are still in the source layout only`);
  if (tally.unknown !== counts.unknown) mismatches.push(`${counts.unknown} unknown item(s) in the source, ${tally.unknown} in the target`);
  return { ok: mismatches.length === 0, byType, leftover: tally.leftover, unknown: { source: counts.unknown, target: tally.unknown }, failed, mismatches };
}
