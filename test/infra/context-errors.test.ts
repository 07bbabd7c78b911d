/** What `cdk synth` prints for a bad context value: through the real CDK CLI, as a user runs it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'cdk-context-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const synth = (...context: string[]) => {
  const r = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-o', out, ...context.flatMap((c) => ['-c', c])], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  // The CLI's own last line says the app failed; everything before it is the app's.
  const lines = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '' && !l.includes('Subprocess exited with error'));
  return { status: r.status, lines };
};

describe('a bad context value', () => {
  it('stops synth with one line naming the parameter and what it takes, no stack trace', () => {
    const r = synth('throttleRateLimit=fast');
    expect(r.status).not.toBe(0);
    expect(r.lines).toEqual(['context parameter throttleRateLimit="fast" must be a positive number, e.g. 50']);
  });

  it('says that jwtIssuer was given without jwtAudience, not "jwtAudience=undefined"', () => {
    const r = synth('jwtIssuer=https://issuer.example.com');
    expect(r.status).not.toBe(0);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(/^context parameter jwtAudience is missing: jwtIssuer is set without jwtAudience; give jwtAudience too/);
    expect(r.lines[0]).not.toContain('undefined');
  });
});
