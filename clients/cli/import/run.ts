/**
 * `payloads import`: every record of a file POSTed by `concurrency` workers pulling from one stream.
 * Each record's Idempotency-Key is derived from the schema version, its position and its text, so
 * running the same import again (after Ctrl-C, a crash, a lost connection) replays what was stored and
 * stores only the rest. Documents the API refuses are written, with the problem, to the rejected file.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { ProblemError, type RegistryClient } from '../../typescript/src/index.js';
import type { Stream } from '../io.js';
import { progressBar } from './progress.js';
import { openRecords, type ImportRecord } from './records.js';

export interface ImportOptions {
  client: RegistryClient;
  file: string;
  schemaRef: string;
  concurrency: number;
  rejectedFile: string;
  /** Where to draw the progress bar (a terminal); none when undefined. */
  progress?: Stream;
}

export interface ImportSummary {
  file: string;
  format: 'ndjson' | 'json-array';
  schema_ref: string;
  records: number;
  stored: number;
  replayed: number;
  rejected: number;
  rejected_file: string | null;
  seconds: number;
  rate: number;
}

/** Statuses that condemn one document, not the import: bad document, too large, invalid. */
const REJECTED = new Set([400, 413, 422]);

export function importKey(schemaRef: string, record: Pick<ImportRecord, 'position' | 'text'>): string {
  return `import-${createHash('sha256').update(`${schemaRef}\n${record.position}\n${record.text}`).digest('hex')}`;
}

export async function importPayloads(o: ImportOptions): Promise<ImportSummary> {
  const source = openRecords(o.file);
  const started = performance.now();
  const counts = { records: 0, stored: 0, replayed: 0, rejected: 0 };
  const progress = o.progress ? progressBar(o.progress, source.size) : undefined;
  rmSync(o.rejectedFile, { force: true }); // a rejected file from an earlier run would mix old lines in
  let rejectedOut: WriteStream | undefined;
  let fatal: unknown;

  const reject = (r: ImportRecord, problem: { status: number | null; title: string; detail: string; errors?: unknown[] }) => {
    counts.rejected++;
    rejectedOut ??= createWriteStream(o.rejectedFile, { mode: 0o600 });
    rejectedOut.write(JSON.stringify({ position: r.position, ...problem, record: r.text }) + '\n');
  };

  const send = async (r: ImportRecord) => {
    if (r.parseError) return reject(r, { status: null, title: 'Not JSON', detail: r.parseError });
    try {
      const { response } = await o.client.POST('/api/v1/payloads', {
        body: { schema_ref: o.schemaRef, data: r.value },
        params: { header: { 'Idempotency-Key': importKey(o.schemaRef, r) } },
      });
      if (response.headers.get('idempotent-replayed') === 'true') counts.replayed++;
      else counts.stored++;
    } catch (e) {
      if (!(e instanceof ProblemError && REJECTED.has(e.status))) throw e;
      reject(r, { status: e.status, title: e.title, detail: e.detail, errors: e.errors });
    }
  };

  // Workers call next() on one generator (async generators queue concurrent calls), so at most
  // `concurrency` records are read ahead of the requests: the file is never loaded whole.
  const worker = async () => {
    while (fatal === undefined) {
      const next = await source.records.next();
      if (next.done) return;
      counts.records++;
      await send(next.value);
      progress?.update(source.bytesRead(), counts.records, counts.rejected);
    }
  };
  // The first failure stops every worker after its request in flight; it is rethrown once all have stopped.
  await Promise.all(Array.from({ length: o.concurrency }, () => worker().catch((e: unknown) => void (fatal ??= e))));
  progress?.stop();
  if (rejectedOut) await new Promise<void>((resolve, reject) => rejectedOut!.end((e?: Error | null) => (e ? reject(e) : resolve())));
  if (fatal !== undefined) throw fatal;
  const seconds = (performance.now() - started) / 1000;
  return {
    file: o.file,
    format: source.format,
    schema_ref: o.schemaRef,
    ...counts,
    rejected_file: counts.rejected ? o.rejectedFile : null,
    seconds,
    rate: seconds > 0 ? counts.records / seconds : 0,
  };
}
