/** `schema-registry audit tail`: the workspace's latest audit events (admin). */
import { Command, Option } from 'commander';
import { contextFor } from '../context.js';
import { UsageError } from '../errors.js';
import { examples, positiveInt } from '../help.js';
import type { Io } from '../io.js';
import { pages } from './refs.js';

interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
}

export function auditCommand(io: Io): Command {
  const audit = examples(new Command('audit').description("the workspace's audit trail"), 'schema-registry audit tail');
  examples(
    audit
      .command('tail')
      .description('the last N audit events since a time (default the last 24 hours), oldest first')
      .option('-n, --lines <n>', 'how many of the latest events', positiveInt('--lines', 10_000), 20)
      .option('--since <time>', 'ISO 8601 time, e.g. 2026-01-31T00:00:00Z')
      .addOption(new Option('--entity-type <type>').choices(['schema', 'schema_version', 'schema_request', 'workspace']))
      .option('--entity-id <id>', 'with --entity-type: one entity')
      .action(async (o: { lines: number; since?: string; entityType?: 'schema' | 'schema_version' | 'schema_request' | 'workspace'; entityId?: string }, cmd: Command) => {
        if (o.entityId && !o.entityType) throw new UsageError('--entity-id needs --entity-type');
        if (o.since && Number.isNaN(Date.parse(o.since))) throw new UsageError(`--since must be an ISO 8601 time, got "${o.since}"`);
        const ctx = contextFor(cmd, io);
        const since = o.since ? new Date(o.since).toISOString() : new Date(Date.now() - 86_400_000).toISOString();
        const filter = { ...(o.entityType ? { entity_type: o.entityType } : {}), ...(o.entityId ? { entity_id: o.entityId } : {}) };
        // The feed runs oldest first from `since`: keep the last N while paging through it.
        const last: AuditEvent[] = [];
        const feed = pages((cursor) =>
          ctx.client
            .GET('/api/v1/audit', { params: { query: { workspace_id: ctx.workspace, since, ...filter, limit: '500', ...(cursor ? { cursor } : {}) } } })
            .then((r) => r.data as unknown as { items: AuditEvent[]; next_cursor: string | null }),
        );
        for await (const event of feed) {
          last.push(event);
          if (last.length > o.lines) last.shift();
        }
        ctx.out.result({ items: last }, () =>
          ctx.out.table(last, [
            { header: 'AT', value: (e) => e.at },
            { header: 'ACTOR', value: (e) => e.actor },
            { header: 'ACTION', value: (e) => e.action },
            { header: 'ENTITY', value: (e) => `${e.entity_type} ${e.entity_id}` },
          ]),
        );
      }),
    'schema-registry audit tail -n 50',
    'schema-registry audit tail --entity-type schema_request --entity-id 01JABCDEFGHJKMNPQRSTVWXYZ0 --json',
  );
  return audit;
}
