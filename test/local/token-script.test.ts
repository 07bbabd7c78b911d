/** `npm run token`: what a capture gets, with and without npm's -s. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'token-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm <args>` with standard output a pipe, as `TOKEN=$(...)` runs it. */
const npm = (...args: string[]) => {
  const r = spawnSync('npm', args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

describe('npm run token', () => {
  it('with -s, prints the token alone: the documented TOKEN=$(npm run -s token -- ...) captures exactly it', () => {
    const r = npm('run', '-s', 'token', '--', '--user', 'ada', '--workspace', 'acme', '--role', 'writer', '--key-file', join(dir, 'key.json'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^[^\n]+\n$/);
    const token = r.stdout.trim();
    expect(token).toMatch(JWT);
    expect(decodeJwt(token)).toMatchObject({ sub: 'ada', 'cognito:groups': ['acme:writer'] });
    expect(r.stderr).toBe('');
  });

  it('without -s, says on standard error that npm printed its banner before the token, and how to capture it alone', () => {
    const r = npm('run', 'token', '--', '--user', 'ada', '--key-file', join(dir, 'key.json'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('> tsx scripts/token.ts');
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(JWT);
    expect(r.stderr).toContain('use npm run -s token');
  });
});
