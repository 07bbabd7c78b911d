/** `payloads import` end to end: formats, rejected lines, progress on terminals only, and resuming an interrupted import. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from './support.js';

const h = useCli();
const admin = ['--profile', 'ada'];
const bin = fileURLToPath(new URL('../../clients/cli/bin.js', import.meta.url));
const definition = { type: 'object', required: ['n'], additionalProperties: false, properties: { n: { type: 'integer' } } };

async function stored(schemaRef: string): Promise<number> {
  const token = await h.registry.token('counter', { acme: 'reader' });
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: { body: { items: unknown[]; next_cursor: string | null } } = await h.registry.call('GET', `/api/v1/payloads?schema_ref=${schemaRef}&limit=500${cursor ? `&cursor=${cursor}` : ''}`, { token });
    count += page.body.items.length;
    cursor = page.body.next_cursor;
  } while (cursor);
  return count;
}

async function schema(name: string): Promise<string> {
  const r = await h.cli(['schemas', 'publish', h.file(`${name}.json`, definition), '--name', name, '--json', ...admin]);
  expect(r.code, r.stderr).toBe(0);
  return r.json().id;
}

const ndjson = (n: number, bad: (i: number) => string | undefined = () => undefined) => Array.from({ length: n }, (_, i) => bad(i) ?? JSON.stringify({ n: i })).join('\n') + '\n';

beforeAll(async () => {
  expect((await h.login('ada', 'admin')).code).toBe(0);
});

describe('payloads import', () => {
  it('imports NDJSON, writes the rejected lines with their errors, and a second run stores nothing twice', async () => {
    const ref = await schema('numbers');
    const file = h.file('numbers.ndjson', ndjson(24, (i) => (i === 5 ? '{"n": "five"}' : i === 9 ? '{not json' : i === 20 ? '' : i === 22 ? '{"n": 1, "extra": true}' : undefined)));
    const first = await h.cli(['payloads', 'import', file, '--schema', 'numbers', '--json', ...admin]);
    expect(first.code).toBe(1); // some lines were rejected
    expect(first.json()).toMatchObject({ format: 'ndjson', schema_ref: ref, records: 23, stored: 20, replayed: 0, rejected: 3, rejected_file: `${file}.rejected.ndjson` });
    const rejected = readFileSync(`${file}.rejected.ndjson`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rejected.map((r) => r.position).sort((a, b) => a - b)).toEqual([6, 10, 23]);
    expect(rejected.find((r) => r.position === 6)).toMatchObject({ status: 422, record: '{"n": "five"}', errors: [expect.objectContaining({ path: '/n' })] });
    expect(rejected.find((r) => r.position === 10)).toMatchObject({ status: null, title: 'Not JSON' });
    expect(await stored(ref)).toBe(20);

    const second = await h.cli(['payloads', 'import', file, '--schema-ref', ref, '--json', ...admin]);
    expect(second.json()).toMatchObject({ stored: 0, replayed: 20, rejected: 3 });
    expect(await stored(ref)).toBe(20);
  }, 120_000);

  it('imports a JSON array, streamed element by element', async () => {
    const ref = await schema('array_numbers');
    const file = h.file('numbers.json', JSON.stringify(Array.from({ length: 12 }, (_, n) => ({ n })), null, 2));
    const r = await h.cli(['payloads', 'import', file, '--schema', 'array_numbers', '--concurrency', '3', ...admin]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/12 record\(s\)/);
    expect(r.stdout).toMatch(/stored\s+12/);
    expect(await stored(ref)).toBe(12);
  }, 120_000);

  it('stops with exit 1 on a malformed JSON array, keeping what was stored', async () => {
    await schema('broken_array');
    const r = await h.cli(['payloads', 'import', h.file('broken.json', '[{"n": 1}, {"n": 2}, {"n": '), '--schema', 'broken_array', ...admin]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('malformed');
  });

  it('draws a progress bar with rate and ETA on a terminal only', async () => {
    await schema('progress_numbers');
    const file = h.file('progress.ndjson', ndjson(10));
    const tty = await h.cli(['payloads', 'import', file, '--schema', 'progress_numbers', ...admin], { tty: true });
    expect(tty.code, tty.stderr).toBe(0);
    expect(tty.stderr).toMatch(/\d+% \| \d+ records \| \d+\/s \| 0 rejected \| ETA/);
    const pipe = await h.cli(['payloads', 'import', file, '--schema', 'progress_numbers', ...admin]);
    expect(pipe.stderr).toBe('');
    expect(pipe.stdout).toMatch(/already stored\s+10/);
  }, 120_000);

  it('resumes an import killed mid-way to exactly N stored payloads', async () => {
    const N = 200;
    const ref = await schema('resumed');
    const file = h.file('resumed.ndjson', ndjson(N));
    const child = spawn(process.execPath, [bin, 'payloads', 'import', file, '--schema-ref', ref, '--concurrency', '4', ...admin], { env: { PATH: process.env.PATH, HOME: h.home }, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let before = 0;
    for (let i = 0; i < 1200 && before < 10; i++) {
      await new Promise((r) => setTimeout(r, 100));
      before = await stored(ref);
    }
    child.kill('SIGKILL');
    expect(await exited).toBeNull(); // killed, not finished
    before = await stored(ref);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(N);

    const resumed = await h.cli(['payloads', 'import', file, '--schema-ref', ref, '--json', ...admin]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = resumed.json();
    expect(summary.stored + summary.replayed).toBe(N);
    expect(summary.replayed).toBeGreaterThanOrEqual(before);
    expect(await stored(ref)).toBe(N);
  }, 300_000);
});
