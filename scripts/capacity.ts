/**
 * `npm run capacity`: the read and write units, cost, storage and busiest partition of a load profile
 * under schema.yaml, and under a proposed design with `--design other.yaml` (side by side). Prints
 * Markdown tables (the README's figures come from here), or JSON with `--json`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { bodyAttribute, exampleItem, putCost } from '../lib/table-design/capacity.js';
import { capacityReport, PARTITION_LIMITS, PRICES, type CapacityReport } from '../lib/table-design/capacity-report.js';
import { LoadProfileError, parseProfile, toProfile, type LoadProfile } from '../lib/table-design/load-profile.js';
import { loadDesign, SchemaYamlError } from '../lib/table-design/load.js';
import type { TableDesign } from '../lib/table-design/model.js';

const DEFAULT_PROFILE_PATH = fileURLToPath(new URL('../docs/capacity/profile.yaml', import.meta.url));
const DOCUMENT_SIZES_KB = [1, 4, 10, 100];

const collect = (v: string, all: string[]) => [...all, v];
const program = new Command()
  .name('capacity')
  .description('Capacity units, on-demand cost and partition limits of a load profile under schema.yaml (and a proposed design)')
  .option('--profile <file>', 'load profile (YAML or JSON)', DEFAULT_PROFILE_PATH)
  .option('--design <file>', 'a proposed schema.yaml to compare with today\'s')
  .option('--rate <operation=per_second>', 'set one operation\'s rate (repeatable)', collect, [])
  .option('--body-bytes <n>', 'document size of every operation, in bytes')
  .option('--workspaces <n>', 'number of workspaces')
  .option('--schemas <n>', 'schemas per workspace')
  .option('--hot-workspace-share <share>', 'share of all traffic on the busiest workspace')
  .option('--hot-schema-share <share>', 'share of a workspace\'s traffic on its busiest schema')
  .option('--shards <record_type=n>', 'shards of a record type\'s sharded keys (repeatable)', collect, [])
  .option('--json', 'print the reports as JSON')
  .parse();
const opts = program.opts<{ profile: string; design?: string; rate: string[]; bodyBytes?: string; workspaces?: string; schemas?: string; hotWorkspaceShare?: string; hotSchemaShare?: string; shards: string[]; json?: boolean }>();

function pairs(values: string[], flag: string): [string, number][] {
  return values.map((v) => {
    const m = /^(.+)=(.+)$/.exec(v);
    if (!m) throw new LoadProfileError([`--${flag} ${v}: expected name=number, e.g. --${flag} payload=16`]);
    return [m[1]!, Number(m[2])];
  });
}

/** The profile file with the flags applied over it (then checked again). */
function profileFromFlags(): LoadProfile {
  const base = parseProfile(readFileSync(opts.profile, 'utf8'));
  const rates = new Map(pairs(opts.rate, 'rate'));
  for (const name of rates.keys()) if (!base.operations.some((o) => o.name === name)) throw new LoadProfileError([`--rate ${name}: no operation of that name in ${opts.profile}`]);
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return toProfile({
    ...base,
    ...(opts.workspaces ? { workspaces: num(opts.workspaces) } : {}),
    ...(opts.schemas ? { schemas_per_workspace: num(opts.schemas) } : {}),
    ...(opts.hotWorkspaceShare ? { hot_workspace_share: num(opts.hotWorkspaceShare) } : {}),
    ...(opts.hotSchemaShare ? { hot_schema_share: num(opts.hotSchemaShare) } : {}),
    shards: { ...base.shards, ...Object.fromEntries(pairs(opts.shards, 'shards')) },
    operations: base.operations.map((o) => ({ ...o, ...(rates.has(o.name) ? { per_second: rates.get(o.name) } : {}), ...(opts.bodyBytes ? { body_bytes: num(opts.bodyBytes) } : {}) })),
  });
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));

function table(report: CapacityReport): string {
  const rows = report.operations.map((o) => {
    const units = Object.entries(o.writeUnits).map(([ix, u]) => `${ix} ${u}`).join(' + ');
    const hot = o.hottest;
    const load = hot ? (hot.unitsPerSecond === 0 ? 'one key per item' : `${fmt(hot.unitsPerSecond)} of ${fmt(hot.limit)} (${fmt((100 * hot.unitsPerSecond) / hot.limit)}%) on ${hot.index} ${hot.pattern}${hot.unitsPerSecond > hot.limit ? ' **THROTTLES**' : ''}`) : '';
    return `| ${o.name} | ${o.calls} | ${fmt(o.perSecond)} | ${o.writeTotal ? `${fmt(o.writeTotal)} (${units})` : ''} | ${o.writeRatio ? fmt(o.writeRatio) + 'x' : ''} | ${o.readUnits ? fmt(o.readUnits) : ''} | $${fmt(o.dollarsPerMillion)} | ${load} |`;
  });
  const m = report.dollarsPerMonth;
  return [
    `### schema.yaml ${report.design}`,
    '',
    '| operation | calls | ops/s | WCU per op | WCU / table WCU | RCU per op | $ per million ops | busiest partition key, units/s |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Total ${fmt(report.writeUnitsPerSecond)} WCU/s and ${fmt(report.readUnitsPerSecond)} RCU/s: $${fmt(m.writes)} writes + $${fmt(m.reads)} reads + $${fmt(m.storage)} storage per month on demand.`,
  ].join('\n');
}

/** Write units of each record type with a document the profile writes, by document size, as a share of the table's own units. */
function sizeTable(designs: TableDesign[], profile: LoadProfile): string {
  const sized = (rt: string) => designs.some((d) => d.recordTypes[rt] && bodyAttribute(d.recordTypes[rt]));
  const types = [...new Set(profile.operations.flatMap((o) => (o.write && sized(o.write) ? [o.write] : [])))];
  const rows = types.flatMap((rt) =>
    DOCUMENT_SIZES_KB.map((kb) => {
      const cells = designs.map((d) => {
        if (!d.recordTypes[rt]) return 'n/a';
        const cost = putCost(d, exampleItem(d, rt, kb * 1024));
        return `${cost.total} WCU = ${fmt(cost.total / cost.units.table!)}x table's ${cost.units.table}`;
      });
      return `| ${rt} | ${kb} KB | ${cells.join(' | ')} |`;
    }),
  );
  return [`| record type | document | ${designs.map((d) => `schema.yaml ${d.version}`).join(' | ')} |`, `|---|---|${designs.map(() => '---|').join('')}`, ...rows].join('\n');
}

function main(): number {
  let designs: TableDesign[];
  let profile: LoadProfile;
  try {
    designs = [loadDesign(), ...(opts.design ? [loadDesign(opts.design)] : [])];
    profile = profileFromFlags();
  } catch (e) {
    if (e instanceof SchemaYamlError || e instanceof LoadProfileError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
  const reports = designs.map((d) => capacityReport(d, profile));
  if (opts.json) {
    console.log(JSON.stringify({ prices: PRICES, limits: PARTITION_LIMITS, reports }, null, 2));
    return 0;
  }
  console.log(
    `Profile ${opts.profile}: ${profile.workspaces} workspaces x ${profile.schemas_per_workspace} schemas; busiest workspace ${fmt(profile.hot_workspace_share * 100)}% of traffic, its busiest schema ${fmt(profile.hot_schema_share * 100)}%; shards ${JSON.stringify(profile.shards)}.`,
  );
  console.log(
    `Prices (${PRICES.region}, on demand): $${PRICES.perMillionWriteUnits} per million write units, $${PRICES.perMillionReadUnits} per million read units, $${PRICES.perGbMonth} per GB-month. Per-partition limits: ${PARTITION_LIMITS.writeUnits} WCU/s, ${PARTITION_LIMITS.readUnits} RCU/s.\n`,
  );
  for (const r of reports) console.log(table(r) + '\n');
  console.log('### Write units by document size\n');
  console.log(sizeTable(designs, profile));
  return 0;
}

process.exitCode = main();
