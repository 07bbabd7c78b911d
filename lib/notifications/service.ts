/**
 * Reading one's notifications, newest first. They are written (lib/store/notifications.ts) in the
 * transaction of the change they report.
 */
import type { ContractTypes } from '../api/contracts.js';
import { NotFoundError } from '../errors.js';
import type { Page } from '../dynamo/table.js';
import type { NotificationItem } from '../generated/table.js';
import type { Principal } from '../auth/principal.js';
import type { NotificationStore } from '../store/notifications.js';

export type Notification = ContractTypes['Notification'];

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
  constructor(private readonly store: NotificationStore) {}

  /** The caller's own notifications, newest first; `delivered` filters. */
  async list(principal: Principal, delivered: boolean | undefined, limit: number, cursor?: string): Promise<Page<Notification>> {
    const page = await this.store.list(principal.id, delivered, limit, cursor);
    return { items: page.items.map(toNotification), next_cursor: page.next_cursor };
  }

  /** Marks one of the caller's notifications delivered; another user's id is simply not found. */
  async markDelivered(principal: Principal, id: string): Promise<Notification> {
    const item = await this.store.markDelivered(principal.id, id);
    if (!item) throw new NotFoundError(`notification ${id} not found`);
    return toNotification(item);
  }
}
