/**
 * Every Lambda function's bundle, built as deployed (infra/bundling.ts), stays within its stated budget:
 * a size test, so a dependency pulled into a function shows up here rather than as a slower cold start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGETS_KB, buildFunctionBundle } from '../../infra/bundling.js';
import { WORKERS } from '../../infra/workers.js';
import { ROUTE_GROUPS } from '../../functions/routes.js';

// The route groups, the workers and the Lambda authorizer of the HTTP Basic routes.
const entries = [...Object.keys(ROUTE_GROUPS).map((group) => `functions/${group}.ts`), ...WORKERS.map((w) => w.entry), 'functions/authorizer.ts'];
const dir = mkdtempSync(join(tmpdir(), 'bundle-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('function bundle sizes', () => {
  it('states a budget for every function, and only for functions', () => {
    expect(Object.keys(BUNDLE_BUDGETS_KB).sort()).toEqual([...entries].sort());
  });

  it.each(entries)('%s stays within its budget', async (entry) => {
    const { bytes } = await buildFunctionBundle(entry, join(dir, entry.replace(/\W/g, '_')));
    expect(bytes / 1024, `${entry}: ${(bytes / 1024).toFixed(0)} KB`).toBeLessThanOrEqual(BUNDLE_BUDGETS_KB[entry]!);
  });
});
