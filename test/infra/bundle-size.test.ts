/**
 * Every Lambda function's bundle, built as deployed (infra/bundling.ts), stays within its stated budget:
 * a size test, so a dependency pulled into a function shows up here rather than as a slower cold start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGETS_KB, buildFunctionBundle, DEPLOYED_FUNCTIONS } from '../../infra/bundling.js';

const entries = DEPLOYED_FUNCTIONS.map((f) => f.entry);
const dir = mkdtempSync(join(tmpdir(), 'bundle-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('function bundle sizes', () => {
  it('states a budget for every function, and only for functions', () => {
    expect(Object.keys(BUNDLE_BUDGETS_KB).sort()).toEqual([...entries].sort());
  });

  it.each(DEPLOYED_FUNCTIONS)('$entry stays within its budget', async ({ entry, sinks }) => {
    const { bytes } = await buildFunctionBundle(entry, join(dir, entry.replace(/\W/g, '_')), sinks);
    expect(bytes / 1024, `${entry}: ${(bytes / 1024).toFixed(0)} KB`).toBeLessThanOrEqual(BUNDLE_BUDGETS_KB[entry]!);
  });
});
