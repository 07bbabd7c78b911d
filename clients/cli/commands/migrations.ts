/**
 * `schema-registry migrations show`: a request's migration preview. apply, rollback, status and export
 * come with the API routes for applying migrations, which do not exist yet.
 */
import { Command, Option } from 'commander';
import { contextFor } from '../context.js';
import { examples } from '../help.js';
import type { Io } from '../io.js';

interface Migration {
  file_name: string;
  dialect: string;
  up_sql: string;
  down_sql: string;
  reversible: boolean;
}

export function migrationsCommand(io: Io): Command {
  const migrations = examples(new Command('migrations').description("schema requests' migrations for relational sinks"), 'schema-registry migrations show 01JABCDEFGHJKMNPQRSTVWXYZ0 --dialect sqlite');
  examples(
    migrations
      .command('show')
      .description('the up and down SQL of a schema request, per dialect')
      .argument('<request-id>')
      .addOption(new Option('--dialect <dialect>').choices(['postgres', 'sqlite', 'mysql']).default('postgres'))
      .addOption(new Option('--only <part>', 'print only the up or the down SQL (to pipe into a client)').choices(['up', 'down']))
      .action(async (id: string, o: { dialect: 'postgres' | 'sqlite' | 'mysql'; only?: 'up' | 'down' }, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const { data } = await ctx.client.GET('/api/v1/schema-requests/{id}/migration', { params: { path: { id }, query: { dialect: o.dialect } } });
        const m = data as unknown as Migration;
        ctx.out.result(m, () => {
          if (o.only) return ctx.out.line(o.only === 'up' ? m.up_sql : m.down_sql);
          ctx.out.line(ctx.out.color.dim(`-- ${m.file_name} (${m.dialect})${m.reversible ? '' : ' -- NOT reversible: down loses data'}`));
          ctx.out.line(ctx.out.color.bold('-- up'));
          ctx.out.line(m.up_sql);
          ctx.out.line(ctx.out.color.bold('-- down'));
          ctx.out.line(m.down_sql);
        });
      }),
    'schema-registry migrations show 01JABCDEFGHJKMNPQRSTVWXYZ0 --only up | psql "$DATABASE_URL"',
  );
  return migrations;
}
