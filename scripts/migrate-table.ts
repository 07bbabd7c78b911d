/**
 * `npm run migrate-table -- --from git:v2.5.0 --table schema-registry [--target-table NEW] [--cut-over]`:
 * moves a table's items from one schema.yaml design to another, in place or into a new table (README:
 * "Changing the table's layout"). Standard output gets the report; standard error the steps and, on a
 * terminal, a progress bar. Exit codes: 0 done, 2 not verified (nothing cut over), 130 interrupted (run the
 * same command again to resume from the checkpoint), 1 refused or failed.
 */
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import cliProgress from 'cli-progress';
import { Command, Option } from 'commander';
import { createDynamoClients } from '../lib/dynamo/client.js';
import { DESIGN_RECHECK_MS } from '../lib/dynamo/design-guard.js';
import { ItemTable } from '../lib/dynamo/item-table.js';
import { buildDesign, loadDesign, parseYaml, SCHEMA_YAML_PATH } from '../lib/table-design/load.js';
import type { TableDesign } from '../lib/table-design/model.js';
import type { Counts } from '../lib/table-design/migrate/checkpoint.js';
import { dryRun, migrate, rollback, type Report, type RunOptions } from '../lib/table-design/migrate/migrate.js';

/** A request that checked the design record just before the mark may still commit for up to 29 s (API Gateway's limit). */
const DEFAULT_SETTLE_SECONDS = Math.ceil((DESIGN_RECHECK_MS + 29_000 + 1_000) / 1000);

/** `git:REF` reads schema.yaml at that commit or tag; anything else is a path. */
function readDesign(spec: string): TableDesign {
  if (!spec.startsWith('git:')) return loadDesign(spec);
  const text = execFileSync('git', ['show', `${spec.slice(4)}:schema.yaml`], { encoding: 'utf8' });
  return buildDesign(parseYaml(text, spec), spec);
}

const program = new Command()
  .name('migrate-table')
  .description("Move a registry table's items from one schema.yaml design (N) to another (N+1), in place or into a new table")
  .requiredOption('--from <design>', 'design N, the layout the items are in: a schema.yaml path, or git:REF for schema.yaml at a tag or commit')
  .option('--to <design>', 'design N+1, the layout to move them to (path or git:REF)', SCHEMA_YAML_PATH)
  .requiredOption('--table <name>', 'the table the items are in')
  .option('--target-table <name>', 'move them into this table (created with design N+1 if missing) instead of rewriting them in place')
  .option('--dry-run', 'report what would change; write nothing, not even the design record')
  .option('--cut-over', 'once copied and verified, record design N+1 as the one the table holds')
  .option('--rollback', 'return the table to design N (possible until the cut-over)')
  .option('--checkpoint <file>', 'where progress is kept, to resume after an interrupt (default: migrate-TABLE.checkpoint.json)')
  .option('--segments <n>', 'parallel Scan segments', (v) => Number.parseInt(v, 10), 4)
  .option('--page-size <n>', 'items per Scan page', (v) => Number.parseInt(v, 10), 100)
  .option('--settle-seconds <n>', 'wait after marking the table migrating, so every writer has seen it', (v) => Number.parseInt(v, 10), DEFAULT_SETTLE_SECONDS)
  .option('--json', 'print the report as JSON')
  .addOption(new Option('--endpoint <url>', 'DynamoDB endpoint, e.g. http://127.0.0.1:8000 for DynamoDB Local').env('DYNAMODB_ENDPOINT'))
  .addOption(new Option('--region <region>', 'AWS region').env('AWS_REGION').default('us-east-1'))
  .parse();

const o = program.opts<{
  from: string;
  to: string;
  table: string;
  targetTable?: string;
  dryRun?: boolean;
  cutOver?: boolean;
  rollback?: boolean;
  checkpoint?: string;
  segments: number;
  pageSize: number;
  settleSeconds: number;
  json?: boolean;
  endpoint?: string;
  region: string;
}>();
if ([o.dryRun, o.cutOver, o.rollback].filter(Boolean).length > 1) program.error('choose one of --dry-run, --cut-over and --rollback');

const { raw } = createDynamoClients({ region: o.region, ...(o.endpoint ? { endpoint: o.endpoint } : {}) });
const source = new ItemTable(raw, o.table);
const target = new ItemTable(raw, o.targetTable ?? o.table);
const abort = new AbortController();
process.once('SIGINT', () => {
  console.error('\nmigrate-table: stopping after the pages in flight; run the same command again to resume');
  abort.abort();
});

const estimate = (await source.approximateItemCount()) ?? 0;
const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: '{bar} {value}/~{total} items | {written} written | {problems} problems' }, cliProgress.Presets.shades_classic) : undefined;
let lastLine = 0;
function onPage(counts: Counts): void {
  const written = Object.values(counts.byType).reduce((n, c) => n + c.written, 0);
  if (bar) {
    if (!bar.isActive) bar.start(Math.max(estimate, counts.scanned), 0, { written: 0, problems: 0 });
    bar.setTotal(Math.max(estimate, counts.scanned));
    bar.update(counts.scanned, { written, problems: counts.problems.length });
  } else if (Date.now() - lastLine > 5_000) {
    lastLine = Date.now();
    console.error(`migrate-table: ${counts.scanned} of ~${estimate} items scanned, ${written} written`);
  }
}

const options: RunOptions = {
  client: raw,
  source,
  target,
  from: readDesign(o.from),
  to: readDesign(o.to),
  by: 'system:migrate-table',
  now: () => new Date(),
  checkpointPath: o.checkpoint ?? `migrate-${o.table}.checkpoint.json`,
  segments: o.segments,
  pageSize: o.pageSize,
  writeConcurrency: 8,
  settleMs: o.settleSeconds * 1000,
  sleep: (ms) => sleep(ms),
  signal: abort.signal,
  onStep: (m) => console.error(`migrate-table: ${m}`),
  onPage,
};

function print(report: Report): void {
  if (o.json) return void process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const lines = [`outcome: ${report.outcome}${report.inPlace ? ' (in place)' : ''}`, `scanned: ${report.counts.scanned}`];
  for (const [rt, c] of Object.entries(report.counts.byType).sort()) {
    const found = report.verification?.byType[rt]?.target;
    lines.push(`  ${rt}: ${c.source} in the source, ${c.written} written, ${c.unchanged} unchanged, ${c.failed} failed${found === undefined ? '' : `, ${found} in the target`}`);
  }
  lines.push(`unknown items: ${report.counts.unknown} (reported, left as they are)`);
  for (const p of report.counts.problems) lines.push(`  ${p.kind} ${p.recordType ?? ''} ${JSON.stringify(p.key)}: ${p.reason}`);
  for (const s of report.samples ?? []) lines.push(`  would rewrite ${s.recordType}: ${JSON.stringify(s.before)} -> ${JSON.stringify(s.after)}`);
  for (const m of report.verification?.mismatches ?? []) lines.push(`NOT VERIFIED: ${m}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  const report = o.dryRun ? await dryRun(options) : o.rollback ? await rollback(options) : await migrate(options, !!o.cutOver);
  bar?.stop();
  print(report);
  process.exitCode = report.outcome === 'interrupted' ? 130 : report.outcome === 'not-verified' ? 2 : 0;
} catch (e) {
  bar?.stop();
  console.error(`migrate-table: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  raw.destroy();
}
