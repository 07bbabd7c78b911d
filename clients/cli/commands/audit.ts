/** `schema-registry audit tail [--follow]`: the workspace's latest audit events (admin), and the new ones as they come. */
import { setTimeout as sleep } from 'node:timers/promises';
import { Command, Option } from 'commander';
import { contextFor, type Context } from '../context.js';
import { UsageError } from '../errors.js';
import { examples, positiveInt } from '../help.js';
import type { Io } from '../io.js';
import type { Schemas } from '../../typescript/src/index.js';
import { pages } from './refs.js';

type AuditEvent = Schemas['AuditEvent'];
type EntityType = AuditEvent['entity_type'];
interface TailOptions {
  lines: number;
  since?: string;
  entityType?: EntityType;
  entityId?: string;
  follow?: boolean;
  interval: number;
}

/**
 * How far back each poll of --follow reads again. Events are timed by the clock of the function that wrote
 * them, and one can commit after a later-timed one is already visible; re-reading a window (and skipping
 * ids already printed) catches those instead of losing them.
 */
const LOOKBACK_MS = 10_000;

/** The feed from `since` (inclusive), oldest first, every page. */
function feed(ctx: Context, since: string, filter: { entity_type?: EntityType; entity_id?: string }): AsyncGenerator<AuditEvent> {
  return pages((cursor) =>
    ctx.client
      .GET('/api/v1/audit', { params: { query: { workspace_id: ctx.workspace, since, ...filter, limit: '500', ...(cursor ? { cursor } : {}) } } })
      .then((r) => r.data!),
  );
}

const COLUMNS = [
  { header: 'AT', value: (e: AuditEvent) => e.at },
  { header: 'ACTOR', value: (e: AuditEvent) => e.actor },
  { header: 'ACTION', value: (e: AuditEvent) => e.action },
  { header: 'ENTITY', value: (e: AuditEvent) => `${e.entity_type} ${e.entity_id}` },
];
/** --follow prints rows as they come, so its columns have fixed widths instead of the table's measured ones. */
const FOLLOW_WIDTHS = [24, 16, 30];
const followRow = (cells: string[]) => cells.map((c, i) => (i < FOLLOW_WIDTHS.length ? c.padEnd(FOLLOW_WIDTHS[i]!) : c)).join('  ').trimEnd();

/**
 * The ids already read, by time, within the window the next poll reads again: older ones can no longer
 * come back, so they are forgotten and memory stays flat however long it follows.
 */
class Seen {
  readonly #ids = new Map<string, number>();
  newest: number;

  constructor(floor: number) {
    this.newest = floor;
  }

  /** Records `event`; false when it was read before. */
  add(event: AuditEvent): boolean {
    if (this.#ids.has(event.id)) return false;
    const at = Date.parse(event.at);
    this.#ids.set(event.id, at);
    this.newest = Math.max(this.newest, at);
    if (this.#ids.size > 1000) this.prune();
    return true;
  }

  prune(): void {
    for (const [id, at] of this.#ids) if (at < this.newest - LOOKBACK_MS) this.#ids.delete(id);
  }
}

/** Prints the new events of the feed every `interval` seconds until `signal` aborts. */
async function follow(ctx: Context, o: TailOptions, filter: { entity_type?: EntityType; entity_id?: string }, floor: number, seen: Seen, print: (e: AuditEvent) => void, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      await sleep(o.interval * 1000, undefined, { signal });
    } catch {
      return; // interrupted while waiting: the normal end
    }
    seen.prune();
    const since = new Date(Math.max(floor, seen.newest - LOOKBACK_MS)).toISOString();
    for await (const event of feed(ctx, since, filter)) if (seen.add(event)) print(event);
  }
}

export function auditCommand(io: Io): Command {
  const audit = examples(new Command('audit').description("the workspace's audit trail"), 'schema-registry audit tail');
  examples(
    audit
      .command('tail')
      .description('the last N audit events since a time (default the last 24 hours), oldest first; --follow then prints new ones until interrupted')
      .option('-n, --lines <n>', 'how many of the latest events', positiveInt('--lines', 10_000), 20)
      .option('--since <time>', 'ISO 8601 time, e.g. 2026-01-31T00:00:00Z')
      .addOption(new Option('--entity-type <type>').choices(['schema', 'schema_version', 'schema_request', 'workspace']))
      .option('--entity-id <id>', 'with --entity-type: one entity')
      .option('-f, --follow', 'keep polling the feed and print each new event as it is written, until Ctrl-C (with --json: one JSON object per line)')
      .option('--interval <seconds>', 'with --follow: seconds between polls', positiveInt('--interval', 3600), 2)
      .action(async (o: TailOptions, cmd: Command) => {
        if (o.entityId && !o.entityType) throw new UsageError('--entity-id needs --entity-type');
        if (o.since && Number.isNaN(Date.parse(o.since))) throw new UsageError(`--since must be an ISO 8601 time, got "${o.since}"`);
        const ctx = contextFor(cmd, io);
        const since = o.since ? new Date(o.since).toISOString() : new Date(Date.now() - 86_400_000).toISOString();
        const filter = { ...(o.entityType ? { entity_type: o.entityType } : {}), ...(o.entityId ? { entity_id: o.entityId } : {}) };
        // The feed runs oldest first from `since`: keep the last N while paging through it.
        const last: AuditEvent[] = [];
        const seen = new Seen(Date.parse(since));
        for await (const event of feed(ctx, since, filter)) {
          seen.add(event);
          last.push(event);
          if (last.length > o.lines) last.shift();
        }
        if (!o.follow) {
          ctx.out.result({ items: last }, () => ctx.out.table(last, COLUMNS));
          return;
        }
        const print = ctx.out.json
          ? (e: AuditEvent) => ctx.out.line(JSON.stringify(e))
          : (e: AuditEvent) => ctx.out.line(followRow(COLUMNS.map((c) => c.value(e))));
        if (!ctx.out.json) ctx.out.line(ctx.out.color.bold(followRow(COLUMNS.map((c) => c.header))));
        last.forEach(print);
        ctx.out.note(`following the audit feed of ${ctx.workspace} every ${o.interval}s; Ctrl-C to stop`);
        const signal = io.interruption?.() ?? new AbortController().signal;
        await follow(ctx, o, filter, Date.parse(since), seen, print, signal);
      }),
    'schema-registry audit tail -n 50',
    'schema-registry audit tail --follow --entity-type schema_request',
    'schema-registry audit tail --entity-type schema_request --entity-id 01JABCDEFGHJKMNPQRSTVWXYZ0 --json',
  );
  return audit;
}
