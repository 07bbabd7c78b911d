/** `schema-registry schemas ...`: publish (and check), read, compare, configure and retire schema versions. */
import { Command, Option } from 'commander';
import { contextFor, type Context } from '../context.js';
import { ReportedFailure, EXIT } from '../errors.js';
import { examples } from '../help.js';
import type { Io } from '../io.js';
import type { Schemas } from '../../typescript/src/index.js';
import { printChanges } from './changes.js';
import { readDefinitionFile } from './files.js';
import { listOptions, pageQuery, printList, type ListOptions } from './listing.js';
import { REF_HELP, resolveVersion, type SchemaVersion } from './refs.js';

const MODES = ['NONE', 'BACKWARD', 'FORWARD', 'FULL', 'BACKWARD_TRANSITIVE', 'FORWARD_TRANSITIVE', 'FULL_TRANSITIVE'] as const;

const versionColumns = (ctx: Context) => [
  { header: 'NAME', value: (v: SchemaVersion) => v.name },
  { header: 'VERSION', value: (v: SchemaVersion) => v.version },
  { header: 'STATE', value: (v: SchemaVersion) => v.state, color: (s: string, v: SchemaVersion) => (v.state === 'active' ? ctx.out.color.green(s) : v.state === 'deprecated' ? ctx.out.color.yellow(s) : ctx.out.color.red(s)) },
  { header: 'ID', value: (v: SchemaVersion) => v.id },
  { header: 'CREATED', value: (v: SchemaVersion) => v.created_at },
  { header: 'BY', value: (v: SchemaVersion) => v.created_by },
];

function printVersion(ctx: Context, v: SchemaVersion): void {
  ctx.out.fields([
    ['name', v.name],
    ['version', v.version],
    ['id', v.id],
    ['workspace', v.workspace_id],
    ['state', v.state],
    ['engine', v.engine],
    ['fingerprint', v.fingerprint],
    ['description', v.description],
    ['created', `${v.created_at} by ${v.created_by}`],
  ]);
  ctx.out.line();
  ctx.out.document(v.definition);
}

async function publish(ctx: Context, file: string, o: { name: string; description?: string; engine?: string; dryRun?: boolean }): Promise<void> {
  const body = { workspace_id: ctx.workspace, name: o.name, definition: readDefinitionFile(file), ...(o.description ? { description: o.description } : {}), ...(o.engine ? { engine: o.engine } : {}) };
  if (o.dryRun) {
    const { data } = await ctx.client.POST('/api/v1/schemas', { params: { query: { dry_run: 'true' } }, body });
    // dry_run=true answers the check, never a version.
    const result = data as Schemas['SchemaDryRun'];
    ctx.out.result(result, () => {
      const c = ctx.out.color;
      if (result.existing_version) ctx.out.line(`${o.name} version ${result.existing_version.version} already has this definition: publishing would change nothing.`);
      else if (!result.compatibility) ctx.out.line(`${o.name} is new: publishing would create version 1.`);
      else {
        const v = result.compatibility;
        const verdict = result.compatible ? c.green('compatible') : c.red('NOT compatible');
        ctx.out.line(`${o.name}: ${verdict} under ${v.compatibility} (checked against version ${v.checked_against.join(', ')}); publishing would create version ${result.would_create_version}.`);
        if (v.changes.length) {
          ctx.out.line();
          printChanges(ctx.out, v.changes);
        }
        if (!result.compatible) {
          ctx.out.line();
          ctx.out.line(c.red(`breaking under ${v.compatibility}:`));
          printChanges(ctx.out, v.breaking_changes);
        }
      }
    });
    if (!result.compatible) throw new ReportedFailure(EXIT.incompatible);
    return;
  }
  const { data, response } = await ctx.client.POST('/api/v1/schemas', { body });
  const v = data as SchemaVersion;
  ctx.out.result(v, () => ctx.out.line(response.status === 201 ? `published ${v.name} version ${v.version} (${v.id})` : `${v.name} version ${v.version} already has this definition (${v.id}); nothing published`));
}

async function setState(ctx: Context, ref: string, state: 'active' | 'deprecated' | 'disabled'): Promise<void> {
  const v = await resolveVersion(ctx, ref);
  const { data } = await ctx.client.PATCH('/api/v1/schemas/{id}', { params: { path: { id: v.id } }, body: { state } });
  ctx.out.result(data, () => ctx.out.line(`${v.name} version ${v.version} is now ${data!.state}`));
}

export function schemasCommand(io: Io): Command {
  const schemas = new Command('schemas').description('publish, read, compare and configure schemas');
  examples(schemas, 'schema-registry schemas list', 'schema-registry schemas publish people.json --name people --dry-run');

  examples(
    schemas
      .command('publish')
      .description('publish FILE (a definition: JSON, or the source of an engine with its own language, e.g. .proto) as the next version of --name; --dry-run checks compatibility only (exit 3 when incompatible)')
      .argument('<file>', 'the definition file (- for stdin)')
      .requiredOption('--name <name>', 'schema name (snake_case)')
      .option('--description <text>', 'what the schema is for')
      .option('--engine <engine>', 'schema engine of a new schema: json-schema (default), avro, protobuf')
      .option('--dry-run', 'explain the changes and the compatibility verdict; publish nothing')
      .action(async (file: string, o, cmd: Command) => publish(contextFor(cmd, io), file, o)),
    'schema-registry schemas publish people.json --name people',
    'schema-registry schemas publish people-v2.json --name people --dry-run || echo "incompatible (exit $?)"',
  );

  examples(
    listOptions(schemas.command('list').description('the latest version of each schema in the workspace'))
      .option('--prefix <prefix>', 'only names starting with this')
      .action(async (o: ListOptions & { prefix?: string }, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        await printList(ctx, o, (cursor) => ctx.client.GET('/api/v1/schemas', { params: { query: { workspace_id: ctx.workspace, ...(o.prefix ? { prefix: o.prefix } : {}), ...pageQuery(o, cursor) } } }).then((r) => r.data!), versionColumns(ctx));
      }),
    'schema-registry schemas list --prefix user',
    'schema-registry schemas list --all --json | jq -r ".items[].name"',
  );

  examples(
    schemas
      .command('show')
      .description('one schema version and its definition')
      .argument('<ref>', REF_HELP)
      .action(async (ref: string, _o, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const v = await resolveVersion(ctx, ref);
        ctx.out.result(v, () => printVersion(ctx, v));
      }),
    'schema-registry schemas show people',
    'schema-registry schemas show people@1 --json',
  );

  examples(
    listOptions(schemas.command('versions').description('every version of a schema, oldest first').argument('<ref>', REF_HELP)).action(async (ref: string, o: ListOptions, cmd: Command) => {
      const ctx = contextFor(cmd, io);
      const v = await resolveVersion(ctx, ref);
      await printList(ctx, o, (cursor) => ctx.client.GET('/api/v1/schemas/{id}/versions', { params: { path: { id: v.id }, query: pageQuery(o, cursor) } }).then((r) => r.data!), versionColumns(ctx));
    }),
    'schema-registry schemas versions people',
  );

  examples(
    schemas
      .command('diff')
      .description('every change from an older version to REF, explained, with its compatibility')
      .argument('<ref>', REF_HELP)
      .option('--against <ref>', 'the older version (default: the version before REF)')
      .action(async (ref: string, o: { against?: string }, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const to = await resolveVersion(ctx, ref);
        const from = await resolveVersion(ctx, o.against ?? `${to.name}@${Math.max(1, to.version - 1)}`);
        const { data } = await ctx.client.GET('/api/v1/schemas/{id}/diff', { params: { path: { id: to.id }, query: { against: from.id } } });
        const diff = data!;
        ctx.out.result(diff, () => {
          ctx.out.line(`${to.name} version ${from.version} -> ${to.version}: backward compatible ${diff.backward_compatible ? 'yes' : 'no'}, forward compatible ${diff.forward_compatible ? 'yes' : 'no'}`);
          printChanges(ctx.out, diff.changes);
        });
      }),
    'schema-registry schemas diff people@2 --against people@1',
  );

  examples(
    schemas
      .command('fields')
      .description('every field of the definition: path, types, required, nullable, description')
      .argument('<ref>', REF_HELP)
      .action(async (ref: string, _o, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const v = await resolveVersion(ctx, ref);
        const { data } = await ctx.client.GET('/api/v1/schemas/{id}/fields', { params: { path: { id: v.id } } });
        const { fields } = data!;
        ctx.out.result({ fields }, () =>
          ctx.out.table(fields, [
            { header: 'PATH', value: (f) => f.path },
            { header: 'TYPES', value: (f) => f.types.join('|') + (f.format ? ` (${f.format})` : '') },
            { header: 'REQUIRED', value: (f) => (f.required ? 'yes' : '') },
            { header: 'NULLABLE', value: (f) => (f.nullable ? 'yes' : '') },
            { header: 'DESCRIPTION', value: (f) => f.description },
          ]),
        );
      }),
    'schema-registry schemas fields people',
  );

  examples(
    schemas
      .command('default')
      .description('a starting document for the schema (valid JSON, to edit and put)')
      .argument('<ref>', REF_HELP)
      .action(async (ref: string, _o, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const v = await resolveVersion(ctx, ref);
        const { data } = await ctx.client.GET('/api/v1/schemas/{id}/default', { params: { path: { id: v.id } } });
        ctx.out.document(data);
      }),
    'schema-registry schemas default people > person.json',
  );

  examples(
    schemas
      .command('config')
      .description('show the compatibility mode and default draft in force, or set them (and the open-content-model rule) for the whole schema')
      .argument('<ref>', REF_HELP)
      .addOption(new Option('--compatibility <mode>', 'set the mode; "default" removes it (the workspace default applies)').choices([...MODES, 'default']))
      .addOption(new Option('--open-content-model <rule>', 'lenient: a property added to an open model is compatible').choices(['lenient', 'strict']))
      .addOption(new Option('--default-dialect <draft>', 'draft of definitions without $schema; "default" removes it (the workspace default applies)').choices(['2020-12', 'draft-07', 'default']))
      .action(async (ref: string, o: { compatibility?: (typeof MODES)[number] | 'default'; openContentModel?: 'lenient' | 'strict'; defaultDialect?: '2020-12' | 'draft-07' | 'default' }, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const v = await resolveVersion(ctx, ref);
        const change = {
          ...(o.compatibility ? { compatibility: o.compatibility === 'default' ? null : o.compatibility } : {}),
          ...(o.openContentModel ? { open_content_model: o.openContentModel } : {}),
          ...(o.defaultDialect ? { default_dialect: o.defaultDialect === 'default' ? null : o.defaultDialect } : {}),
        };
        const path = { params: { path: { id: v.id } } };
        const { data } = Object.keys(change).length ? await ctx.client.PUT('/api/v1/schemas/{id}/config', { ...path, body: change }) : await ctx.client.GET('/api/v1/schemas/{id}/config', path);
        const config = data as { name: string; compatibility: string; compatibility_source: string; open_content_model: string; default_dialect: string; default_dialect_source: string };
        ctx.out.result(config, () =>
          ctx.out.fields([
            ['schema', config.name],
            ['compatibility', `${config.compatibility} (from ${config.compatibility_source})`],
            ['open content model', config.open_content_model],
            ['default draft', `${config.default_dialect} (from ${config.default_dialect_source})`],
          ]),
        );
      }),
    'schema-registry schemas config people',
    'schema-registry schemas config people --compatibility FULL',
    'schema-registry schemas config people --default-dialect draft-07',
  );

  const state = (name: string, target: 'active' | 'deprecated' | 'disabled', what: string, example: string) =>
    examples(
      schemas
        .command(name)
        .description(what)
        .argument('<ref>', REF_HELP)
        .action(async (ref: string, _o, cmd: Command) => setState(contextFor(cmd, io), ref, target)),
      example,
    );
  state('deprecate', 'deprecated', 'mark a version deprecated: writes are still accepted, with a Deprecation header', 'schema-registry schemas deprecate people@1');
  state('disable', 'disabled', 'disable a version: payload writes are refused, reads still work', 'schema-registry schemas disable people@1');
  state('activate', 'active', 'make a deprecated or disabled version active again', 'schema-registry schemas activate people@1');
  return schemas;
}
