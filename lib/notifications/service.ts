/** Notifications to one user, newest first; written in the transaction of the change they report. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors.js';
import { isConditionFailure, translate } from '../dynamo/errors.js';
import type { Table, TransactItem } from '../dynamo/table.js';
import { notificationKeys, type NotificationItem } from '../generated/table.js';
import type { Principal } from '../auth/principal.js';
import type { Page } from '../schemas/repository.js';

export interface Notification {
  id: string;
  workspace_id: string;
  kind: string;
  subject: unknown;
  delivered: boolean;
  delivery_channel: string;
  created_at: string;
}

const toNotification = (i: NotificationItem): Notification => ({
  id: i.id,
  workspace_id: i.workspace_id,
  kind: i.kind,
  subject: JSON.parse(i.subject),
  delivered: i.delivered,
  delivery_channel: i.delivery_channel,
  created_at: i.created_at,
});

export class NotificationService {
  constructor(private readonly table: Table) {}

  /** The Put of a new notification, for the caller's transaction. */
  item(userId: string, workspaceId: string, kind: string, subject: unknown): TransactItem {
    const n: NotificationItem = {
      id: this.table.deps.newId(),
      user_id: userId,
      workspace_id: workspaceId,
      kind,
      subject: JSON.stringify(subject),
      delivered: false,
      delivery_channel: 'api',
      created_at: this.table.deps.now().toISOString(),
    };
    return this.table.put('notification', n, { expression: 'attribute_not_exists(PK)' });
  }

  /** The caller's own notifications, newest first; `delivered` filters. */
  async list(principal: Principal, delivered: boolean | undefined, limit: number, cursor?: string): Promise<Page<Notification>> {
    try {
      const q = this.table.entities.notification.query.notifications_by_user({ user_id: principal.id });
      const filtered = delivered === undefined ? q : q.where(({ delivered: d }, { eq }) => eq(d, delivered));
      const out = await filtered.go({ limit, cursor: cursor ?? null, order: 'desc' });
      return { items: (out.data as NotificationItem[]).map(toNotification), next_cursor: out.cursor ?? null };
    } catch (e) {
      translate(e, 'listing notifications');
    }
  }

  /** Marks one of the caller's notifications delivered; another user's id is simply not found. */
  async markDelivered(principal: Principal, id: string): Promise<Notification> {
    try {
      const out = await this.table.deps.dynamo.doc.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: { PK: notificationKeys.primary.pk({ user_id: principal.id }), SK: notificationKeys.primary.sk({ id }) },
          UpdateExpression: 'SET delivered = :t',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':t': true },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toNotification(out.Attributes as NotificationItem);
    } catch (e) {
      if (isConditionFailure(e)) throw new NotFoundError(`notification ${id} not found`);
      throw e;
    }
  }
}
