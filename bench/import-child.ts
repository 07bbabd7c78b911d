/**
 * One side of bench/import.ts, in its own process so its peak memory is its own:
 * `import` runs the CLI's `payloads import` engine on FILE; `loop` sends the same POSTs (same bodies,
 * same Idempotency-Keys, same concurrency) with plain fetch, as a script would. Prints JSON.
 */
import { readFileSync } from 'node:fs';
import { createRegistryClient } from '../clients/typescript/src/index.js';
import { importKey, importPayloads } from '../clients/cli/import/run.js';

const [mode, file, schemaRef, url, token, concurrency] = process.argv.slice(2) as [string, string, string, string, string, string];
const started = performance.now();
let records = 0;
if (mode === 'import') {
  const summary = await importPayloads({ client: createRegistryClient({ baseUrl: url, token }), file, schemaRef, concurrency: Number(concurrency), rejectedFile: `${file}.rejected` });
  if (summary.stored !== summary.records) throw new Error(`stored ${summary.stored} of ${summary.records}`);
  records = summary.records;
} else {
  // What a user would write instead: read the file, then POST each line with a pool of workers.
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  let next = 0;
  await Promise.all(
    Array.from({ length: Number(concurrency) }, async () => {
      while (next < lines.length) {
        const position = ++next;
        const text = lines[position - 1]!;
        const res = await fetch(`${url}/api/v1/payloads`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': importKey(schemaRef, { position, text }) },
          body: JSON.stringify({ schema_ref: schemaRef, data: JSON.parse(text) }),
        });
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`line ${position}: ${res.status}`);
      }
    }),
  );
  records = lines.length;
}
console.log(JSON.stringify({ mode, records, seconds: (performance.now() - started) / 1000, max_rss_mb: process.resourceUsage().maxRSS / 1024 }));
