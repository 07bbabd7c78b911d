/**
 * `npm run migrate-table` as one function per command: a dry run, a migration (prepare, wait for writers
 * to see the mark, copy, verify, and cut over when asked), and a rollback. The script only parses flags
 * and draws the progress bar.
 */
import { copyItems, type Sample } from './copy.js';
import { loadCheckpoint, newCheckpoint, removeCheckpoint, type Checkpoint, type Counts } from './checkpoint.js';
import { designRecordKey, MigrationStateError, readState, replaceState, type RecordedState } from './design-state.js';
import { primaryKeyOf } from './layout.js';
import { isInPlace, prepare, sourceState, type Tables } from './prepare.js';
import { compare, tallyTable, type Verification } from './verify.js';

export interface RunOptions extends Tables {
  checkpointPath: string;
  segments: number;
  pageSize: number;
  writeConcurrency: number;
  /** How long writers get to see the `migrating` mark before the copy starts. */
  settleMs: number;
  sleep: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** A line for the operator: what the tool is doing now. */
  onStep?: (message: string) => void;
  onPage?: (counts: Counts) => void;
}

export interface Report {
  outcome: 'dry-run' | 'interrupted' | 'copied' | 'not-verified' | 'cut-over' | 'rolled-back';
  inPlace: boolean;
  counts: Counts;
  verification?: Verification;
  samples?: Sample[];
}

function checkpointFor(o: RunOptions, path: string, migration: string, from: Tables['from'], to: Tables['to'], source: string, target: string): Checkpoint {
  return loadCheckpoint(path, newCheckpoint(migration, { table: source, hash: from.hash }, { table: target, hash: to.hash }, o.segments));
}

/** Decides every item without writing anything, not even the design record. */
export async function dryRun(o: RunOptions): Promise<Report> {
  await sourceState(o);
  const cp = newCheckpoint('dry-run', { table: o.source.name, hash: o.from.hash }, { table: o.target.name, hash: o.to.hash }, o.segments);
  const { counts, samples } = await copyItems({ ...o, dryRun: true, checkpoint: cp });
  return { outcome: 'dry-run', inPlace: isInPlace(o), counts, samples };
}

/** Migrates (or resumes migrating) the source to the target design; cuts over when `cutOver` and verified. */
export async function migrate(o: RunOptions, cutOver: boolean): Promise<Report> {
  const prepared = await prepare(o);
  if (prepared.cutOverStarted) {
    if (!cutOver) throw new MigrationStateError(`table "${o.source.name}" is already cut over to "${o.target.name}"; nothing to do`);
    await activateTarget(o);
    return { outcome: 'cut-over', inPlace: false, counts: checkpointFor(o, o.checkpointPath, prepared.source.migrationStartedAt!, o.from, o.to, o.source.name, o.target.name).counts };
  }
  if (prepared.marked) {
    o.onStep?.(`marked "${o.source.name}" migrating to ${o.to.version}; waiting ${Math.round(o.settleMs / 1000)} s for every writer to see it`);
    await o.sleep(o.settleMs);
  }
  const cp = checkpointFor(o, o.checkpointPath, prepared.source.migrationStartedAt!, o.from, o.to, o.source.name, o.target.name);
  o.onStep?.(`copying ${o.source.name} (${o.from.version}) -> ${o.target.name} (${o.to.version}), ${o.segments} segments`);
  const copy = await copyItems({ ...o, dryRun: false, checkpoint: cp });
  if (copy.interrupted) return { outcome: 'interrupted', inPlace: isInPlace(o), counts: copy.counts };
  o.onStep?.(`verifying ${o.target.name}`);
  const verification = compare(copy.counts, await tallyTable(o.target, o.from, o.to, o.segments, o.pageSize));
  if (!verification.ok) return { outcome: 'not-verified', inPlace: isInPlace(o), counts: copy.counts, verification };
  if (!cutOver) return { outcome: 'copied', inPlace: isInPlace(o), counts: copy.counts, verification };
  if (isInPlace(o)) {
    // One conditional write turns the table over to the new design (at its key for the record, if that moved).
    const moved = JSON.stringify(designRecordKey(o.from)) !== JSON.stringify(designRecordKey(o.to));
    const active: RecordedState = { version: o.to.version, hash: o.to.hash, state: 'active' };
    await replaceState(o.target, o.to, moved ? undefined : prepared.source, active, o.by, o.now());
    if (moved) await o.source.delete(designRecordKey(o.from));
  } else {
    // The source is closed first: a crash in between leaves both tables refused, never both writable.
    await replaceState(o.source, o.from, prepared.source, { ...prepared.source, state: 'migrated' }, o.by, o.now());
    await activateTarget(o);
  }
  removeCheckpoint(o.checkpointPath);
  return { outcome: 'cut-over', inPlace: isInPlace(o), counts: copy.counts, verification };
}

async function activateTarget(o: RunOptions): Promise<void> {
  const recorded = await readState(o.target, o.to);
  if (recorded?.state === 'active') return;
  await replaceState(o.target, o.to, recorded, { version: o.to.version, hash: o.to.hash, state: 'active' }, o.by, o.now());
}

/**
 * Returns the table to the source design, until the cut-over: in place, every migrated item is migrated
 * back (the same copy, the other way); into another table, the target's items are deleted. Then the source
 * is marked active again.
 */
export async function rollback(o: RunOptions): Promise<Report> {
  const source = await sourceState(o);
  if (source.state === 'active') throw new MigrationStateError(`table "${o.source.name}" is not being migrated (it records schema.yaml ${source.version}, active): nothing to roll back`);
  if (source.state === 'migrated') throw new MigrationStateError(`table "${o.source.name}" was cut over to "${o.target.name}": a rollback is possible only until the cut-over`);
  let counts: Counts;
  if (isInPlace(o)) {
    const path = `${o.checkpointPath}.rollback`;
    const cp = checkpointFor(o, path, `${source.migrationStartedAt}:rollback`, o.to, o.from, o.source.name, o.source.name);
    o.onStep?.(`migrating ${o.source.name} back to ${o.from.version}`);
    const back = await copyItems({ ...o, dryRun: false, from: o.to, to: o.from, checkpoint: cp, checkpointPath: path });
    if (back.interrupted) return { outcome: 'interrupted', inPlace: true, counts: back.counts };
    const tally = await tallyTable(o.source, o.to, o.from, o.segments, o.pageSize);
    const failed = Object.values(back.counts.byType).reduce((n, c) => n + c.failed, 0);
    if (tally.leftover || failed) {
      const mismatches = [`${tally.leftover} item(s) still in the ${o.to.version} layout only`, `${failed} could not be migrated back`];
      return { outcome: 'not-verified', inPlace: true, counts: back.counts, verification: { ok: false, byType: {}, leftover: tally.leftover, unknown: { source: back.counts.unknown, target: tally.unknown }, failed, mismatches } };
    }
    counts = back.counts;
    removeCheckpoint(path);
  } else {
    counts = await emptyTarget(o, source);
  }
  await replaceState(o.source, o.from, source, { version: source.version, hash: source.hash, state: 'active' }, o.by, o.now());
  removeCheckpoint(o.checkpointPath);
  return { outcome: 'rolled-back', inPlace: isInPlace(o), counts };
}

/** Deletes what the migration wrote into the target table, its design record last; only when the record is this migration's. */
async function emptyTarget(o: RunOptions, source: RecordedState): Promise<Counts> {
  const recorded = await readState(o.target, o.to);
  const ours = recorded && recorded.migrationTable === o.source.name && recorded.migrationStartedAt === source.migrationStartedAt;
  const counts: Counts = { scanned: 0, byType: {}, targetLayout: 0, unknown: 0, problems: [] };
  if (!ours) return counts;
  const recordKey = JSON.stringify(designRecordKey(o.to));
  for (let segment = 0; segment < o.segments; segment++) {
    let next;
    do {
      const page = await o.target.scanPage(segment, o.segments, next, o.pageSize);
      const keys = page.items.map((item) => primaryKeyOf(o.to, item)).filter((k) => JSON.stringify(k) !== recordKey);
      await o.target.deleteAll(keys);
      counts.scanned += keys.length;
      next = page.lastKey;
    } while (next);
  }
  await o.target.delete(designRecordKey(o.to));
  return counts;
}
