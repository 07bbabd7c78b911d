/**
 * The copy phase of a migration: a parallel Scan of the source table, each item decided (layout.ts) and
 * written in the target layout, page by page, with the checkpoint saved after every page. In place, the
 * new item is written before the old one is deleted, so an interrupt at any point loses nothing: the page
 * is handled again on resume, and a rewrite already written is recognised (same item at the new key).
 */
import type { ItemTable, RawItem } from '../../dynamo/item-table.js';
import { canonicalJson } from '../../util/canonical-json.js';
import type { TableDesign } from '../model.js';
import { addCounts, emptyCounts, MAX_PROBLEMS_KEPT, saveCheckpoint, typeCounts, type Checkpoint, type Counts } from './checkpoint.js';
import { decide, keyAttributeNames, primaryKeyOf, type Decision } from './layout.js';

export interface CopyOptions {
  from: TableDesign;
  to: TableDesign;
  source: ItemTable;
  target: ItemTable;
  checkpoint: Checkpoint;
  /** Where the checkpoint is saved after each page. */
  checkpointPath: string;
  /** Decide and count only: write nothing, not even the checkpoint. */
  dryRun: boolean;
  pageSize: number;
  /** Writes in flight per segment. */
  writeConcurrency: number;
  /** Stops after the pages in flight (their checkpoint saved), e.g. on Ctrl-C. */
  signal?: AbortSignal;
  onPage?: (counts: Counts) => void;
}

/** One example per record type of what a dry run would change. */
export interface Sample {
  recordType: string;
  before: Record<string, string>;
  after: Record<string, string>;
}

export interface CopyResult {
  /** True when the signal stopped the copy before every segment was done. */
  interrupted: boolean;
  counts: Counts;
  samples: Sample[];
}

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function keyView(design: TableDesign, item: RawItem): Record<string, string> {
  return Object.fromEntries(keyAttributeNames(design).flatMap((n) => (item[n]?.S !== undefined ? [[n, item[n]!.S!]] : [])));
}

export async function copyItems(o: CopyOptions): Promise<CopyResult> {
  const inPlace = o.source.name === o.target.name;
  const dryRun = o.dryRun;
  const samples = new Map<string, Sample>();

  /** Writes one item of the target layout; false when another item already holds its key. */
  async function write(item: RawItem, overwrite: boolean): Promise<boolean> {
    if (overwrite) return o.target.put(item);
    if (await o.target.put(item, { expression: 'attribute_not_exists(#pk)', names: { '#pk': o.to.primary.partitionKey } })) return true;
    // Written by an earlier, interrupted run of this page, or another item's key: only the first is fine.
    const existing = await o.target.get(primaryKeyOf(o.to, item));
    return existing !== undefined && canonicalJson(existing) === canonicalJson(item);
  }

  async function handle(item: RawItem, d: Decision, page: Counts, staleKeys: RawItem[]): Promise<void> {
    page.scanned++;
    const problem = (p: Counts['problems'][number]) => page.problems.length < MAX_PROBLEMS_KEPT && page.problems.push(p);
    switch (d.kind) {
      case 'design_record':
        return;
      case 'target_layout':
        page.targetLayout++;
        return;
      case 'unknown':
        page.unknown++;
        problem({ kind: 'unknown', key: primaryKeyOf(o.from, item), reason: d.reason });
        // Never dropped: into another table it goes as it is, in place it stays.
        if (!inPlace && !dryRun && !(await write(item, false))) problem({ kind: 'unknown', key: primaryKeyOf(o.from, item), reason: 'could not be copied: another item holds its key in the target table' });
        return;
      case 'failed': {
        const c = typeCounts(page, d.recordType);
        c.source++;
        c.failed++;
        problem({ kind: 'failed', recordType: d.recordType, key: primaryKeyOf(o.from, item), reason: d.reason });
        return;
      }
      case 'unchanged': {
        const c = typeCounts(page, d.recordType);
        c.source++;
        c.unchanged++;
        // Into another table even an unchanged item is copied.
        if (inPlace || dryRun) return;
        if (await write(item, false)) c.written++;
        else {
          c.failed++;
          problem({ kind: 'failed', recordType: d.recordType, key: primaryKeyOf(o.from, item), reason: 'another item already holds its key in the target table' });
        }
        return;
      }
      case 'rewrite': {
        const c = typeCounts(page, d.recordType);
        c.source++;
        if (dryRun) {
          c.written++;
          if (!samples.has(d.recordType)) samples.set(d.recordType, { recordType: d.recordType, before: keyView(o.from, item), after: keyView(o.to, d.item) });
          return;
        }
        if (await write(d.item, inPlace && !d.primaryKeyChanged)) {
          c.written++;
          if (inPlace && d.primaryKeyChanged) staleKeys.push(primaryKeyOf(o.from, item));
        } else {
          c.failed++;
          problem({ kind: 'failed', recordType: d.recordType, key: primaryKeyOf(o.from, item), reason: `another item already holds its new key ${JSON.stringify(keyView(o.to, d.item))}` });
        }
      }
    }
  }

  const cp = o.checkpoint;
  let saving = Promise.resolve();
  const save = () => {
    if (!dryRun) saving = saving.then(() => saveCheckpoint(o.checkpointPath, cp));
    return saving;
  };

  // A failing segment stops the others after their current page, so the checkpoint is final when this returns.
  let failed = false;
  async function runSegment(segment: number): Promise<void> {
    const state = cp.segments[segment]!;
    while (!state.done && !o.signal?.aborted && !failed) {
      const { items, lastKey } = await o.source.scanPage(segment, cp.segments.length, state.next, o.pageSize);
      const page = emptyCounts();
      const staleKeys: RawItem[] = [];
      await eachLimited(items, o.writeConcurrency, (item) => handle(item, decide(o.from, o.to, item), page, staleKeys));
      // Old items go only once their new ones are written: an interrupt before this leaves both, never neither.
      await o.source.deleteAll(staleKeys);
      // The page's counts and the segment's next key change together (one synchronous step), then are saved.
      addCounts(cp.counts, page);
      state.pages++;
      if (lastKey) state.next = lastKey;
      else {
        delete state.next;
        state.done = true;
      }
      await save();
      o.onPage?.(cp.counts);
    }
  }

  const outcomes = await Promise.allSettled(
    cp.segments.map((_s, i) =>
      runSegment(i).catch((e: unknown) => {
        failed = true;
        throw e;
      }),
    ),
  );
  await saving;
  const failure = outcomes.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return { interrupted: cp.segments.some((s) => !s.done), counts: cp.counts, samples: [...samples.values()] };
}
