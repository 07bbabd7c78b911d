/** `schema-registry notifications [list]|ack`: your own notifications. */
import { Command } from 'commander';
import { contextFor } from '../context.js';
import { examples } from '../help.js';
import type { Io } from '../io.js';
import { listOptions, pageQuery, printList, type ListOptions } from './listing.js';

export function notificationsCommand(io: Io): Command {
  const notifications = examples(new Command('notifications').description('your notifications (approvals, rejections, publications)'), 'schema-registry notifications', 'schema-registry notifications ack 01JABCDEFGHJKMNPQRSTVWXYZ0');
  examples(
    listOptions(notifications.command('list', { isDefault: true }).description('undelivered notifications, newest first (--all-states for delivered ones too)'))
      .option('--all-states', 'delivered ones too')
      .action(async (o: ListOptions & { allStates?: boolean }, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        await printList(
          ctx,
          o,
          (cursor) => ctx.client.GET('/api/v1/notifications', { params: { query: { ...(o.allStates ? {} : { delivered: 'false' }), ...pageQuery(o, cursor) } } }).then((r) => r.data!),
          [
            { header: 'ID', value: (n) => n.id },
            { header: 'KIND', value: (n) => n.kind },
            { header: 'WORKSPACE', value: (n) => n.workspace_id },
            { header: 'CREATED', value: (n) => n.created_at },
            { header: 'DELIVERED', value: (n) => (n.delivered ? 'yes' : 'no') },
            { header: 'SUBJECT', value: (n) => n.subject },
          ],
        );
      }),
    'schema-registry notifications list --all-states --json',
  );
  examples(
    notifications
      .command('ack')
      .description('mark notifications delivered')
      .argument('<id...>')
      .action(async (ids: string[], _o, cmd: Command) => {
        const ctx = contextFor(cmd, io);
        const done = [];
        for (const id of ids) done.push((await ctx.client.PATCH('/api/v1/notifications/{id}', { params: { path: { id } }, body: { delivered: true } })).data);
        ctx.out.result({ items: done }, () => ctx.out.line(`marked ${ids.length} notification(s) delivered`));
      }),
    'schema-registry notifications ack 01JABCDEFGHJKMNPQRSTVWXYZ0',
  );
  return notifications;
}
