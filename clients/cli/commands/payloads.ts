/** `schema-registry payloads put|get|list|import`. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { Schemas } from '../../typescript/src/index.js';
import { contextFor, type Context } from '../context.js';
import { EXIT, ReportedFailure, UsageError } from '../errors.js';
import { examples, positiveInt } from '../help.js';
import { importPayloads, type ImportSummary } from '../import/run.js';
import type { Io } from '../io.js';
import { parseJson, readJsonFile } from './files.js';
import { listOptions, pageQuery, printList, type ListOptions } from './listing.js';
import { checkOneSchema, schemaChoice, schemaRefOf, type SchemaChoice } from './schema-ref.js';

type Payload = Schemas['Payload'];

function printPayload(ctx: Context, p: Payload): void {
  ctx.out.fields([
    ['id', p.id],
    ['schema', `${p.schema_name} version ${p.schema_version} (${p.schema_ref})`],
    ['workspace', p.workspace_id],
    ['created', `${p.created_at} by ${p.created_by}`],
    ['meta', p.meta],
  ]);
  ctx.out.line();
  ctx.out.document(p.data);
}

function printSummary(ctx: Context, s: ImportSummary): void {
  const c = ctx.out.color;
  ctx.out.result(s, () => {
    ctx.out.line(`${s.file}: ${s.records} record(s) in ${s.seconds.toFixed(1)} s (${Math.round(s.rate)}/s)`);
    ctx.out.fields([
      ['stored', c.green(String(s.stored))],
      ['already stored', `${s.replayed}${s.replayed ? c.dim(' (replayed by their Idempotency-Key: resumed import)') : ''}`],
      ['rejected', s.rejected ? c.red(`${s.rejected} (written with their errors to ${s.rejected_file})`) : '0'],
    ]);
  });
}

export function payloadsCommand(io: Io): Command {
  const payloads = examples(new Command('payloads').description('store documents validated against a schema version, read them, import files of them'), 'schema-registry payloads import people.ndjson --schema people');

  examples(
    schemaChoice(payloads.command('put').description('validate one document against a schema version and store it').argument('[file]', 'the document, a JSON file (- for stdin)'))
      .option('--data <json>', 'the document as inline JSON instead of a file')
      .option('--meta <json>', 'free-form metadata (a JSON object)')
      .option('--idempotency-key <key>', 'retry-safe key: the same key and body store one payload')
      .action(async (file: string | undefined, o: SchemaChoice & { data?: string; meta?: string; idempotencyKey?: string }, cmd: Command) => {
        checkOneSchema(o);
        if (Boolean(file) === Boolean(o.data)) throw new UsageError('give the document as FILE or as --data JSON (one of them)');
        const ctx = contextFor(cmd, io);
        const data = o.data !== undefined ? parseJson(o.data, '--data') : readJsonFile(file!);
        const meta = o.meta !== undefined ? (parseJson(o.meta, '--meta') as Record<string, never>) : undefined;
        const { data: p, response } = await ctx.client.POST('/api/v1/payloads', {
          body: { schema_ref: await schemaRefOf(ctx, o), data, ...(meta ? { meta } : {}) },
          ...(o.idempotencyKey ? { params: { header: { 'Idempotency-Key': o.idempotencyKey } } } : {}),
        });
        if (response.headers.get('deprecation')) ctx.out.warn(`schema version ${p!.schema_name}@${p!.schema_version} is deprecated`);
        ctx.out.result(p, () => ctx.out.line(`${response.headers.get('idempotent-replayed') === 'true' ? 'already stored' : 'stored'} payload ${p!.id} (${p!.schema_name} version ${p!.schema_version})`));
      }),
    `schema-registry payloads put --schema people --data '{"name":"Ada"}'`,
    'schema-registry payloads put person.json --schema-ref 01JABCDEFGHJKMNPQRSTVWXYZ0',
  );

  examples(
    payloads
      .command('get')
      .description('one payload')
      .argument('<id>')
      .action(async (id: string, _o, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const { data } = await ctx.client.GET('/api/v1/payloads/{id}', { params: { path: { id } } });
        ctx.out.result(data, () => printPayload(ctx, data!));
      }),
    'schema-registry payloads get 01JABCDEFGHJKMNPQRSTVWXYZ0 --json',
  );

  examples(
    listOptions(schemaChoice(payloads.command('list').description('payloads of a schema version (--schema-ref) or of every version of a schema (--schema), in creation order'))).action(
      async (o: SchemaChoice & ListOptions, cmd: Command) => {
        checkOneSchema(o);
        const ctx = contextFor(cmd, io);
        const which = o.schemaRef ? { schema_ref: o.schemaRef } : { workspace_id: ctx.workspace, schema_name: o.schema! };
        await printList(ctx, o, (cursor) => ctx.client.GET('/api/v1/payloads', { params: { query: { ...which, ...pageQuery(o, cursor) } } }).then((r) => r.data!), [
          { header: 'ID', value: (p) => p.id },
          { header: 'VERSION', value: (p) => p.schema_version },
          { header: 'CREATED', value: (p) => p.created_at },
          { header: 'DATA', value: (p) => JSON.stringify(p.data).slice(0, 60) },
        ]);
      },
    ),
    'schema-registry payloads list --schema people --all --json',
  );

  examples(
    schemaChoice(
      payloads
        .command('import')
        .description(
          'store every document of FILE (NDJSON, one per line, or a JSON array), streamed and concurrent; each record has its own deterministic Idempotency-Key, so running the same import again after an interruption stores nothing twice',
        )
        .argument('<file>', 'NDJSON or a JSON array'),
    )
      .option('--concurrency <n>', 'requests in flight', positiveInt('--concurrency', 64), 8)
      .option('--rejected <file>', 'where rejected records go, one JSON line each with its errors (default FILE.rejected.ndjson)')
      .action(async (file: string, o: SchemaChoice & { concurrency: number; rejected?: string }, cmd: Command) => {
        checkOneSchema(o);
        const ctx = contextFor(cmd, io);
        const summary = await importPayloads({
          client: ctx.client,
          file,
          schemaRef: await schemaRefOf(ctx, o),
          concurrency: o.concurrency,
          rejectedFile: resolve(o.rejected ?? `${file}.rejected.ndjson`),
          progress: !ctx.out.json && Boolean(io.stderr.isTTY) ? io.stderr : undefined,
        });
        printSummary(ctx, summary);
        if (summary.rejected) throw new ReportedFailure(EXIT.error);
      }),
    'schema-registry payloads import people.ndjson --schema people',
    'schema-registry payloads import export.json --schema-ref 01JABCDEFGHJKMNPQRSTVWXYZ0 --concurrency 16 --rejected bad.ndjson',
  );
  return payloads;
}
