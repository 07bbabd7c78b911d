/**
 * Cold import of each deployed function: a fresh `node` process imports the bundle built as CDK builds
 * it (infra/bundling.ts), with the deployed Node options (none), against a hello-world handler that imports only
 * the DynamoDB document client (bench/hello-handler.ts), bundled the same way, in the same run. Rounds
 * alternate the two. Also prints each bundle's size (what a cold start loads, and in all) against its budget. Run: npx tsx bench/cold-import.ts
 * Target (issue 18): payloads at most 1.3x the baseline, and at most 300 KB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_BUDGETS_KB, buildFunctionBundle, DEPLOYED_FUNCTIONS } from '../infra/bundling.js';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Milliseconds a fresh process takes to import `file` (module loading and top-level code). */
function importMs(file: string): number {
  const script = 'const t = performance.now(); await import(process.argv[1]); console.log(performance.now() - t);';
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script, file], {
    env: {
      PATH: process.env.PATH,
      // What the stacks set: the table, the event bus, the authorizer's issuer and audience.
      TABLE_NAME: 'bench',
      EVENT_BUS_NAME: 'bench',
      JWT_ISSUER: 'https://issuer.example',
      JWT_AUDIENCE: 'bench',
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`importing ${file} failed: ${out.stderr}`);
  return Number(out.stdout.trim());
}

const hello = await buildFunctionBundle('bench/hello-handler.ts', join(dir, 'hello'));
console.log(
  `cold import in a fresh node process vs the hello-world handler (${(hello.bytes / 1024).toFixed(0)} KB), median of ${ROUNDS} alternated rounds (min-max ratio); ` +
    'KB loaded: the entry file and the chunks it imports statically (the rest is read on first use):',
);
for (const { entry, sinks } of DEPLOYED_FUNCTIONS) {
  const built = await buildFunctionBundle(entry, join(dir, entry.replace(/\W/g, '_')), sinks);
  importMs(built.file); // the file system cache warm for both, as on a Lambda host
  importMs(hello.file);
  const ratios: number[] = [];
  const times: number[] = [];
  const baselines: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const first = round % 2 === 0;
    const a = importMs(first ? hello.file : built.file);
    const b = importMs(first ? built.file : hello.file);
    const [baseline, measured] = first ? [a, b] : [b, a];
    ratios.push(measured / baseline);
    times.push(measured);
    baselines.push(baseline);
  }
  const kb = (bytes: number) => (bytes / 1024).toFixed(0).padStart(5);
  console.log(
    `${entry.padEnd(32)} ${kb(built.bytes)} KB loaded, ${kb(built.totalBytes)} KB in all (budget ${BUNDLE_BUDGETS_KB[entry]} KB loaded)  import ${median(times).toFixed(0).padStart(4)} ms vs ${median(baselines).toFixed(0)} ms  ` +
      `${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})${entry === 'functions/payloads.ts' ? '  (target <= 1.3x, <= 300 KB)' : ''}`,
  );
}
rmSync(dir, { recursive: true, force: true });
