/**
 * Deployed functions run without --enable-source-maps (it parses every map at every cold start); an error
 * they log or throw names its source position anyway, mapped from the bundle's map when it happens.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { functionBuildOptions } from '../../infra/bundling.js';
import { projectPath } from '../../infra/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'source-stack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a bundled function\u2019s stack traces', () => {
  it('name the source file and line of each frame, and stay as they are where no map exists', async () => {
    const entry = join(dir, 'failing.ts');
    writeFileSync(
      entry,
      [
        `import { sourceMappedStack, withSourceStack } from ${JSON.stringify(projectPath('lib/util/source-stack.ts'))};`,
        'export function fail(): never {',
        "  throw new Error('boom');",
        '}',
        'try {',
        '  fail();',
        '} catch (error) {',
        '  const raw = (error as Error).stack!;',
        "  console.log(JSON.stringify({ raw, mapped: withSourceStack(error as Error).stack, unmapped: sourceMappedStack('at x (/nowhere/file.mjs:1:2)') }));",
        '}',
      ].join('\n'),
    );
    // The deployed build options, with this file as the entry point.
    await build({ ...functionBuildOptions('functions/health.ts', join(dir, 'out')), entryPoints: { index: entry } });
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'out', 'index.mjs')]);
    const { raw, mapped, unmapped } = JSON.parse(stdout) as Record<string, string>;
    expect(raw).toMatch(/index\.mjs:\d+:\d+/);
    expect(mapped).toContain(`${entry}:3:9`);
    expect(mapped).not.toMatch(/index\.mjs:\d+:\d+/);
    expect(unmapped).toBe('at x (/nowhere/file.mjs:1:2)');
  });
});
