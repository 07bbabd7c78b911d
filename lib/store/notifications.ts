/** Notifications to one user: the Put written with the change it reports, the user's list, delivery. */
import type { Page, Table, TransactItem } from '../dynamo/table.js';
import { isConditionFailure } from '../dynamo/errors.js';
import { type NotificationItem } from '../generated/table.js';
import { notificationKeys } from '../generated/records/notification.js';
import { notificationRules } from '../generated/records/notification.js';

export class NotificationStore {
  constructor(private readonly table: Table) {}

  /** The Put of a new notification, for the caller's transaction; id and time from the table's clock. */
  put(userId: string, workspaceId: string, kind: string, subject: unknown): TransactItem {
    const n: NotificationItem = {
      id: this.table.clock.newId(),
      user_id: userId,
      workspace_id: workspaceId,
      kind,
      subject: JSON.stringify(subject),
      delivered: false,
      delivery_channel: 'api',
      created_at: this.table.clock.now().toISOString(),
    };
    return this.table.put(notificationRules, n, { expression: 'attribute_not_exists(PK)' });
  }

  /** A user's notifications, newest first; `delivered` filters. */
  async list(userId: string, delivered: boolean | undefined, limit: number, cursor?: string): Promise<Page<NotificationItem>> {
    const q = (await this.table.entities()).notification.query.notifications_by_user({ user_id: userId });
    const filtered = delivered === undefined ? q : q.where(({ delivered: d }, { eq }) => eq(d, delivered));
    return this.table.page('listing notifications', () => filtered.go({ limit, cursor: cursor ?? null, order: 'desc' }), (n: NotificationItem) => n);
  }

  /** Marks one of a user's notifications delivered; undefined when the user has none of that id. */
  async markDelivered(userId: string, id: string): Promise<NotificationItem | undefined> {
    try {
      return (await this.table.update({
        Key: { PK: notificationKeys.primary.pk({ user_id: userId }), SK: notificationKeys.primary.sk({ id }) },
        UpdateExpression: 'SET delivered = :t',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':t': true },
      })) as unknown as NotificationItem;
    } catch (e) {
      if (isConditionFailure(e)) return undefined;
      throw e;
    }
  }
}
