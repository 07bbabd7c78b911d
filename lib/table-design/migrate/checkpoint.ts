/**
 * A migration's progress on disk: per scan segment the key to resume after (DynamoDB's LastEvaluatedKey
 * of the last page fully handled) and the counts so far. A page's counts and its segment's next key change
 * together, so a run stopped anywhere resumes without counting a page twice. Written to a temporary file
 * and renamed, so an interrupt never leaves half a checkpoint.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { RawItem } from '../../dynamo/item-table.js';

export interface TypeCounts {
  /** Items of this record type found in the source layout. */
  source: number;
  /** Items written in the target layout (or that a dry run would write). */
  written: number;
  /** Items whose keys are the same in both designs (in place: left as they are). */
  unchanged: number;
  /** Source items the target design cannot hold, or whose new key another item holds: left where they are. */
  failed: number;
}

export interface Problem {
  kind: 'unknown' | 'failed';
  recordType?: string;
  key: RawItem;
  reason: string;
}

export interface Counts {
  /** Items scanned, of every kind. */
  scanned: number;
  byType: Record<string, TypeCounts>;
  /** Items already in the target layout when scanned (in place: written earlier by this run). */
  targetLayout: number;
  unknown: number;
  /** The first problems, for the report; counts hold them all. */
  problems: Problem[];
}

export const MAX_PROBLEMS_KEPT = 100;

export interface Checkpoint {
  format: 1;
  /** Identifies the migration (the design record's migration_started_at), so a stale file is never resumed. */
  migration: string;
  source: { table: string; hash: string };
  target: { table: string; hash: string };
  segments: { next?: RawItem; done: boolean; pages: number }[];
  counts: Counts;
}

export function emptyCounts(): Counts {
  return { scanned: 0, byType: {}, targetLayout: 0, unknown: 0, problems: [] };
}

export function typeCounts(counts: Counts, recordType: string): TypeCounts {
  return (counts.byType[recordType] ??= { source: 0, written: 0, unchanged: 0, failed: 0 });
}

/** Adds `page` into `total` (the problem list stays bounded). */
export function addCounts(total: Counts, page: Counts): void {
  for (const [rt, c] of Object.entries(page.byType)) {
    const t = typeCounts(total, rt);
    t.source += c.source;
    t.written += c.written;
    t.unchanged += c.unchanged;
    t.failed += c.failed;
  }
  total.scanned += page.scanned;
  total.targetLayout += page.targetLayout;
  total.unknown += page.unknown;
  total.problems.push(...page.problems.slice(0, MAX_PROBLEMS_KEPT - total.problems.length));
}

export function newCheckpoint(migration: string, source: Checkpoint['source'], target: Checkpoint['target'], totalSegments: number): Checkpoint {
  return { format: 1, migration, source, target, segments: Array.from({ length: totalSegments }, () => ({ done: false, pages: 0 })), counts: emptyCounts() };
}

/** The checkpoint at `path` when it belongs to this migration; a fresh one when there is none. */
export function loadCheckpoint(path: string, fresh: Checkpoint): Checkpoint {
  if (!existsSync(path)) return fresh;
  const saved = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
  const same =
    saved.format === 1 &&
    saved.migration === fresh.migration &&
    saved.source.table === fresh.source.table &&
    saved.source.hash === fresh.source.hash &&
    saved.target.table === fresh.target.table &&
    saved.target.hash === fresh.target.hash;
  if (!same) {
    throw new Error(
      `checkpoint ${path} belongs to another migration (${saved.source?.table} ${saved.source?.hash?.slice(0, 12)} -> ${saved.target?.table} ` +
        `${saved.target?.hash?.slice(0, 12)}, started ${saved.migration}); move it away, or pass --checkpoint with this migration's file`,
    );
  }
  return saved;
}

export function saveCheckpoint(path: string, checkpoint: Checkpoint): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(checkpoint));
  renameSync(tmp, path);
}

export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
}
