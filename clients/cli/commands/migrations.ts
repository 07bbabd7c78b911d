/**
 * `schema-registry migrations show|apply|rollback|status|drift|sync|export`: a request's migration SQL,
 * running it on a sink of the workspace (reviewers), what a sink has applied, how its live tables differ
 * from that, marking what another runner applied, and the approved migrations as files for teams that
 * apply through pull requests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { contextFor, type Context } from '../context.js';
import { UsageError } from '../errors.js';
import { examples } from '../help.js';
import type { Io } from '../io.js';

const DIALECTS = ['postgres', 'sqlite', 'mysql'] as const;
type Dialect = (typeof DIALECTS)[number];

interface RunOptions {
  sink?: string;
}

const sinkOption = () => new Option('--sink <name>', 'the sink of the workspace to run on (default: the workspace\u2019s "default" sink)');

async function run(ctx: Context, operation: 'apply' | 'rollback', id: string, o: RunOptions): Promise<void> {
  const { data } = await ctx.client.POST(`/api/v1/schema-requests/{id}/migration/${operation}`, {
    params: { path: { id } },
    body: o.sink ? { sink: o.sink } : {},
  });
  const { request, attempt } = data!;
  ctx.out.result({ request, attempt }, () => {
    const what = attempt.outcome === 'unchanged' ? `already ${operation === 'apply' ? 'applied' : 'rolled back'}, nothing ran` : `${attempt.outcome} in ${attempt.duration_ms} ms`;
    ctx.out.line(`request ${request.id} (${request.schema_name}) on sink ${attempt.sink} (${attempt.dialect}): ${what}; the request is now ${request.status}`);
    for (const s of attempt.statements) ctx.out.line(ctx.out.color.dim(`  ${s}`));
  });
}

async function status(ctx: Context, sink: string): Promise<void> {
  const { data } = await ctx.client.GET('/api/v1/workspaces/{workspace_id}/sinks/{sink}/migrations', { params: { path: { workspace_id: ctx.workspace, sink } } });
  const s = data!;
  ctx.out.result(s, () => {
    const c = ctx.out.color;
    ctx.out.line(`sink ${s.sink} (${s.dialect}${s.namespace ? `, schema ${s.namespace}` : ''}): ${s.in_agreement ? c.green('the sink and the registry agree') : c.red('the sink and the registry disagree')}`);
    ctx.out.table(s.items, [
      { header: 'MIGRATION', value: (m) => m.migration_id },
      { header: 'SCHEMA', value: (m) => (m.schema_version === null ? m.schema_name : `${m.schema_name}@${m.schema_version}`) },
      { header: 'STATUS', value: (m) => m.status, color: (t, m) => (m.status === 'applied' ? c.green(t) : m.status === 'failed' ? c.red(t) : t) },
      { header: 'APPLIED', value: (m) => m.sink?.applied_at ?? '' },
      { header: 'BY', value: (m) => m.sink?.applied_by ?? '' },
      { header: 'DISAGREEMENT', value: (m) => m.disagreements.join('; '), color: (t) => c.red(t) },
    ]);
  });
}

async function drift(ctx: Context, sink: string): Promise<void> {
  const { data } = await ctx.client.GET('/api/v1/workspaces/{workspace_id}/sinks/{sink}/drift', { params: { path: { workspace_id: ctx.workspace, sink } } });
  const d = data!;
  ctx.out.result(d, () => {
    const c = ctx.out.color;
    ctx.out.line(`sink ${d.sink} (${d.dialect}${d.namespace ? `, schema ${d.namespace}` : ''}): ${d.in_sync ? c.green('every table is as its migrations made it') : c.red('tables drifted')}`);
    ctx.out.table(d.tables.flatMap((t) => t.changes), [
      { header: 'TABLE', value: (x) => x.table },
      { header: 'CHANGE', value: (x) => x.kind, color: (t) => c.red(t) },
      { header: 'WHAT', value: (x) => x.explanation },
    ]);
  });
}

async function sync(ctx: Context, sink: string): Promise<void> {
  const { data } = await ctx.client.POST('/api/v1/workspaces/{workspace_id}/sinks/{sink}/sync', { params: { path: { workspace_id: ctx.workspace, sink } }, body: {} });
  const r = data!;
  ctx.out.result(r, () => {
    ctx.out.line(`sink ${r.sink}: ${r.marked.length} request(s) marked from its tracking table`);
    for (const m of r.marked) ctx.out.line(`  ${m.request_id} (${m.schema_name}): ${m.status}`);
    for (const s of r.skipped) ctx.out.line(ctx.out.color.dim(`  skipped ${s.request_id}: ${s.reason}`));
  });
}

async function exportFiles(ctx: Context, dir: string, dialect: Dialect): Promise<void> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create ${dir}: ${(e as Error).message}`);
  }
  const written: { request_id: string; up: string; down: string }[] = [];
  let since: string | null | undefined;
  do {
    const { data } = await ctx.client.GET('/api/v1/workspaces/{workspace_id}/migrations', {
      params: { path: { workspace_id: ctx.workspace }, query: { dialect, ...(since ? { since } : {}) } },
    });
    for (const m of data!.files) {
      writeFileSync(join(dir, m.up.name), m.up.content);
      writeFileSync(join(dir, m.down.name), m.down.content);
      written.push({ request_id: m.request_id, up: m.up.name, down: m.down.name });
    }
    since = data!.next_since;
  } while (since);
  ctx.out.result({ dir, dialect, files: written }, () => {
    ctx.out.line(`${written.length} migration${written.length === 1 ? '' : 's'} (${dialect}) written to ${dir}`);
    ctx.out.table(written, [
      { header: 'REQUEST', value: (f) => f.request_id },
      { header: 'UP', value: (f) => f.up },
      { header: 'DOWN', value: (f) => f.down },
    ]);
  });
}

export function migrationsCommand(io: Io): Command {
  const migrations = examples(
    new Command('migrations').description("schema requests' migrations for relational sinks"),
    'schema-registry migrations show 01JABCDEFGHJKMNPQRSTVWXYZ0 --dialect sqlite',
    'schema-registry migrations apply 01JABCDEFGHJKMNPQRSTVWXYZ0',
  );
  examples(
    migrations
      .command('show')
      .description('the up and down SQL of a schema request, per dialect')
      .argument('<request-id>')
      .addOption(new Option('--dialect <dialect>').choices(DIALECTS).default('postgres'))
      .addOption(new Option('--only <part>', 'print only the up or the down SQL (to pipe into a client)').choices(['up', 'down']))
      .action(async (id: string, o: { dialect: Dialect; only?: 'up' | 'down' }, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const { data } = await ctx.client.GET('/api/v1/schema-requests/{id}/migration', { params: { path: { id }, query: { dialect: o.dialect } } });
        const m = data!;
        ctx.out.result(m, () => {
          if (o.only) return ctx.out.line(o.only === 'up' ? m.up_sql : m.down_sql);
          ctx.out.line(ctx.out.color.dim(`-- ${m.file_name} (${m.dialect})${m.reversible ? '' : ' -- NOT reversible: down loses data'}`));
          ctx.out.line(ctx.out.color.bold('-- up'));
          ctx.out.line(m.up_sql);
          ctx.out.line(ctx.out.color.bold('-- down'));
          ctx.out.line(m.down_sql);
        });
      }),
    'schema-registry migrations show 01JABCDEFGHJKMNPQRSTVWXYZ0 --only up | psql "$DATABASE_URL"',
  );
  for (const operation of ['apply', 'rollback'] as const) {
    examples(
      migrations
        .command(operation)
        .description(
          operation === 'apply'
            ? 'run an approved request\u2019s up SQL on a sink, tracked there (reviewers; never your own request)'
            : 'run a migrated request\u2019s down SQL on a sink (refused while later migrations depend on it)',
        )
        .argument('<request-id>')
        .addOption(sinkOption())
        .action(async (id: string, o: RunOptions, cmd: Command) => run(contextFor(cmd, io), operation, id, o)),
      `schema-registry migrations ${operation} 01JABCDEFGHJKMNPQRSTVWXYZ0 --sink analytics`,
    );
  }
  // The commands that read or reconcile one sink: the same option, each its own report.
  const sinkReports = [
    ['status', 'what a sink has applied, from its tracking table and the registry, with every disagreement', status, 'default'],
    ['drift', 'every difference between a sink\u2019s live tables and what the migrations applied there say, explained', drift, 'prod'],
    ['sync', 'mark requests migrated (or rolled back) on a sink where its tracking table shows your own runner applied them', sync, 'staging'],
  ] as const;
  for (const [name, description, report, exampleSink] of sinkReports) {
    examples(
      migrations
        .command(name)
        .description(description)
        .addOption(sinkOption().default('default'))
        .action(async (o: { sink: string }, cmd: Command) => report(contextFor(cmd, io), o.sink)),
      `schema-registry migrations ${name} --sink ${exampleSink}`,
    );
  }
  examples(
    migrations
      .command('export')
      .description('write the approved migrations as numbered files, NNNN_<name>.sql and NNNN_<name>_down.sql, for a pull request')
      .argument('<dir>')
      .addOption(new Option('--dialect <dialect>').choices(DIALECTS).default('postgres'))
      .action(async (dir: string, o: { dialect: Dialect }, cmd: Command) => exportFiles(contextFor(cmd, io), dir, o.dialect)),
    'schema-registry migrations export db/migrations --dialect mysql',
  );
  return migrations;
}
