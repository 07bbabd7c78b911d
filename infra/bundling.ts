/**
 * How every Lambda function's code is bundled, stated once: RegistryFunction hands these options to
 * NodejsFunction (which runs esbuild with them), and `buildFunctionBundle` runs esbuild with the same
 * arguments NodejsFunction passes, so that the size test and bench/cold-import.ts measure the bundle
 * that is deployed.
 */
import { join, resolve } from 'node:path';
import type { BuildOptions, Metafile } from 'esbuild';
import { ROUTE_GROUPS } from '../functions/routes.js';
import { projectPath } from './paths.js';
import { WORKERS } from './workers.js';

/**
 * The banner gives CommonJS dependencies bundled into the ESM output a working `require` (for Node
 * built-ins), which esbuild cannot provide in an ES module.
 */
const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export const FUNCTION_BUNDLING = {
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  // Stack traces need the mappings, not a second copy of the sources.
  sourcesContent: false,
  // The SDK version that ran in the tests is the one deployed, not whatever the runtime ships today.
  bundleAwsSDK: true,
  // Local-only sink drivers (a native module, a WASM PostgreSQL) and pg's optional native binding:
  // loaded on first use only, which never happens in Lambda.
  externalModules: ['better-sqlite3', '@electric-sql/pglite', 'pg-native'],
} as const;

/** Drivers that only functions reaching sinks load (on first use): left out of every other bundle. */
const SINK_ONLY_MODULES = ['mysql2'];

/** The modules a function's bundle leaves out; `sinks`: it applies migrations (its group or worker says so). */
export function externalModules(sinks: boolean): string[] {
  return [...FUNCTION_BUNDLING.externalModules, ...(sinks ? [] : SINK_ONLY_MODULES)];
}

/** Every function the stacks deploy: each route group, each worker, and the Lambda authorizer of the HTTP Basic routes. */
export const DEPLOYED_FUNCTIONS: readonly { entry: string; sinks: boolean }[] = [
  ...Object.entries(ROUTE_GROUPS).map(([group, spec]) => ({ entry: `functions/${group}.ts`, sinks: Boolean(spec.sinks) })),
  ...WORKERS.map((w) => ({ entry: w.entry, sinks: Boolean(w.sinks) })),
  { entry: 'functions/authorizer.ts', sinks: false },
];

/**
 * Most bytes each function may load at a cold start (index.mjs and the chunks it imports statically,
 * minified, without source maps); the size test (test/infra/bundle-size.test.ts) fails when one grows
 * past its budget (KB of 1,024 bytes, as esbuild counts them). The budgets are today's sizes with a little
 * room, except payloads and schemas (the read routes), held at issue 18's 300 KB: the DynamoDB client alone,
 * which the hello-world baseline of bench/cold-import.ts loads too, is 221 KB of it, so a change that adds
 * to their cold start has to move something its requests need only sometimes into a chunk read on first
 * use, as are the schema engines (ajv and RE2 on the first validation), ElectroDB (the listings it pages),
 * each request contract's generated validator, payload updates and field queries, the design record check
 * (on the first write), the sink drivers and their SDK clients (see the README's performance section).
 */
export const BUNDLE_BUDGETS_KB: Record<string, number> = {
  'functions/health.ts': 270,
  'functions/docs.ts': 105,
  'functions/console.ts': 40,
  'functions/schemas.ts': 300,
  'functions/workspaces.ts': 605,
  'functions/payloads.ts': 300,
  'functions/schema-requests.ts': 605,
  'functions/migrations.ts': 605,
  'functions/audit.ts': 360,
  'functions/notifications.ts': 360,
  'functions/ccompat.ts': 520,
  'functions/auto-approver.ts': 585,
  'functions/stream-processor.ts': 205,
  // Tokens need 52 KB; the table client for API keys is a chunk read on the first key.
  'functions/authorizer.ts': 60,
};

/**
 * esbuild's options for `entry` (relative to the project root). Code splitting puts every module reached
 * only through `import()` (a sink driver, the Avro and Protobuf engines, RE2) in a chunk of its own that
 * Node reads and compiles on first use, so a cold start parses only what the function's routes need.
 */
export function functionBuildOptions(entry: string, outdir: string, sinks = false): BuildOptions & { outdir: string } {
  return {
    entryPoints: { index: projectPath(entry) },
    bundle: true,
    splitting: true,
    platform: 'node',
    target: FUNCTION_BUNDLING.target,
    format: FUNCTION_BUNDLING.format,
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    minify: FUNCTION_BUNDLING.minify,
    sourcemap: FUNCTION_BUNDLING.sourceMap,
    sourcesContent: FUNCTION_BUNDLING.sourcesContent,
    external: externalModules(sinks),
    banner: { js: FUNCTION_BUNDLING.banner },
    mainFields: [...FUNCTION_BUNDLING.mainFields],
    tsconfig: projectPath('tsconfig.json'),
    logLevel: 'error',
    metafile: true,
  };
}

/** What a build wrote: the entry file, the bytes a cold start loads (the entry and the chunks it imports statically), and all bytes. */
export interface FunctionBundle {
  file: string;
  bytes: number;
  totalBytes: number;
  /** The source files (project and node_modules paths) compiled into what a cold start loads. */
  eagerInputs: string[];
}

/** The sizes of a build from its metafile: the entry and its static imports, transitively, against every output file. */
export function bundleSizes(metafile: Metafile, outdir: string): FunctionBundle {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((path) => resolve(path) === join(resolve(outdir), 'index.mjs'));
  if (entry === undefined) throw new Error(`esbuild wrote no entry point into ${outdir}`);
  const eager = new Set<string>();
  const visit = (path: string): void => {
    if (eager.has(path)) return;
    eager.add(path);
    for (const imported of outputs[path]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  const code = Object.keys(outputs).filter((path) => !path.endsWith('.map'));
  const sum = (paths: Iterable<string>) => [...paths].reduce((total, path) => total + outputs[path]!.bytes, 0);
  const eagerInputs = [...new Set([...eager].flatMap((path) => Object.keys(outputs[path]!.inputs)))];
  return { file: resolve(entry), bytes: sum(eager), totalBytes: sum(code), eagerInputs };
}

/** Bundles `entry` into `outdir` as deployed. */
export async function buildFunctionBundle(entry: string, outdir: string, sinks = false): Promise<FunctionBundle> {
  const { build } = await import('esbuild');
  const { metafile } = await build(functionBuildOptions(entry, outdir, sinks));
  return bundleSizes(metafile!, outdir);
}
