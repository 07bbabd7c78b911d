/** `schema-registry api-keys [list]|create|revoke`: the workspace's API keys for the Confluent-compatible API. */
import { Command, Option } from 'commander';
import { contextFor } from '../context.js';
import { examples } from '../help.js';
import type { Io } from '../io.js';

export function apiKeysCommand(io: Io): Command {
  const keys = examples(
    new Command('api-keys').description('API keys of one role, for Kafka serializers on the Confluent-compatible API (HTTP Basic password)'),
    'schema-registry api-keys create orders-producer --role writer --valid-days 90',
  );
  examples(
    keys
      .command('list', { isDefault: true })
      .description('every key of the workspace, revoked and expired ones included (never a secret)')
      .action(async (_o, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const { data } = await ctx.client.GET('/api/v1/workspaces/{workspace_id}/api-keys', { params: { path: { workspace_id: ctx.workspace } } });
        ctx.out.result(data!, () =>
          ctx.out.table(data!.items, [
            { header: 'ID', value: (k) => k.id },
            { header: 'NAME', value: (k) => k.name },
            { header: 'ROLE', value: (k) => k.role },
            { header: 'STATE', value: (k) => k.state },
            { header: 'VALID UNTIL', value: (k) => k.valid_until ?? '-' },
            { header: 'CREATED', value: (k) => k.created_at },
            { header: 'BY', value: (k) => k.created_by },
          ]),
        );
      }),
    'schema-registry api-keys list --json',
  );
  examples(
    keys
      .command('create')
      .description('create a key; it is printed once, and cannot be shown again')
      .argument('<name>', 'what the key is for, e.g. orders-producer')
      .addOption(new Option('--role <role>', 'the role it holds in the workspace').choices(['reader', 'writer', 'reviewer', 'admin']).makeOptionMandatory())
      .option('--valid-days <days>', 'days until it expires (default: never; revoke it instead)', (v) => {
        if (!/^[0-9]{1,4}$/.test(v)) throw new Error(`--valid-days takes a number of days, got "${v}"`);
        return Number(v);
      })
      .action(async (name: string, o: { role: 'reader' | 'writer' | 'reviewer' | 'admin'; validDays?: number }, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const body = { name, role: o.role, ...(o.validDays !== undefined ? { valid_days: o.validDays } : {}) };
        const { data } = await ctx.client.POST('/api/v1/workspaces/{workspace_id}/api-keys', { params: { path: { workspace_id: ctx.workspace } }, body });
        ctx.out.result(data!, () => {
          ctx.out.line(data!.key!);
          ctx.out.note(`API key ${data!.id} (${data!.role} in ${data!.workspace_id}): store it now, it is not shown again. A Kafka serializer sends it as basic.auth.user.info=${data!.workspace_id}:<key>`);
        });
      }),
    'schema-registry api-keys create orders-producer --role writer',
  );
  examples(
    keys
      .command('revoke')
      .description('revoke a key: every later request presenting it is refused')
      .argument('<id>')
      .action(async (id: string, _o, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const { data } = await ctx.client.DELETE('/api/v1/workspaces/{workspace_id}/api-keys/{key_id}', { params: { path: { workspace_id: ctx.workspace, key_id: id } } });
        ctx.out.result(data!, () => ctx.out.line(`revoked API key ${data!.id} (${data!.name}) at ${data!.revoked_at}`));
      }),
    'schema-registry api-keys revoke 01JABCDEFGHJKMNPQRSTVWXYZ0',
  );
  return keys;
}
