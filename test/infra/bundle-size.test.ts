/**
 * What every Lambda function loads at a cold start, built as deployed (infra/bundling.ts), stays within its stated budget:
 * a size test, so a dependency pulled into a function shows up here rather than as a slower cold start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGETS_KB, buildFunctionBundle, bundleSizes, DEPLOYED_FUNCTIONS, functionBuildOptions } from '../../infra/bundling.js';

const entries = DEPLOYED_FUNCTIONS.map((f) => f.entry);
const dir = mkdtempSync(join(tmpdir(), 'bundle-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('function bundle sizes', () => {
  it('count what a cold start loads: the entry and its static imports, transitively, not the chunks imported on demand', () => {
    const output = (bytes: number, imports: { path: string; kind: 'import-statement' | 'dynamic-import'; external?: boolean }[] = [], sources: string[] = []) => ({
      bytes,
      imports,
      exports: [],
      inputs: Object.fromEntries(sources.map((source) => [source, { bytesInOutput: 1 }])),
    });
    const metafile = {
      inputs: {},
      outputs: {
        'out/index.mjs': output(100, [{ path: 'out/chunks/shared.mjs', kind: 'import-statement' }, { path: 'out/chunks/rare.mjs', kind: 'dynamic-import' }, { path: 'pg', kind: 'import-statement', external: true }]),
        'out/index.mjs.map': output(1000),
        'out/chunks/shared.mjs': output(10, [{ path: 'out/chunks/deeper.mjs', kind: 'import-statement' }], ['lib/shared.ts']),
        'out/chunks/deeper.mjs': output(1, [], ['lib/shared.ts', 'node_modules/dep/index.js']),
        'out/chunks/rare.mjs': output(50, [{ path: 'out/chunks/shared.mjs', kind: 'import-statement' }], ['node_modules/rare/index.js']),
      },
    };
    expect(bundleSizes(metafile, 'out')).toMatchObject({ bytes: 111, totalBytes: 161, eagerInputs: ['lib/shared.ts', 'node_modules/dep/index.js'] });
  });

  it('states a budget for every function, and only for functions', () => {
    expect(Object.keys(BUNDLE_BUDGETS_KB).sort()).toEqual([...entries].sort());
  });

  it.each(DEPLOYED_FUNCTIONS)('$entry stays within its budget, and loads the logger only with its first line', async ({ entry, sinks }) => {
    const { bytes, eagerInputs } = await buildFunctionBundle(entry, join(dir, entry.replace(/\W/g, '_')), sinks);
    expect(bytes / 1024, `${entry}: ${(bytes / 1024).toFixed(0)} KB loaded`).toBeLessThanOrEqual(BUNDLE_BUDGETS_KB[entry]!);
    expect(eagerInputs.filter((path) => path.includes('node_modules/@aws-lambda-powertools/'))).toEqual([]);
  });

  it.each(['functions/payloads.ts', 'functions/schemas.ts'])('leave ElectroDB out of %s altogether: even read on demand, its use of the document client would keep every DynamoDB command in what the function loads', async (entry) => {
    const { build } = await import('esbuild');
    const { metafile } = await build({ ...functionBuildOptions(entry, join(dir, `${entry.replace(/\W/g, '_')}-inputs`)), write: false });
    const inputs = Object.keys(metafile!.inputs);
    expect(inputs.some((path) => path.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(inputs.filter((path) => path.includes('node_modules/electrodb/') || path.includes('lib/generated/entities'))).toEqual([]);
  });
});
