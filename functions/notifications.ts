/** Route group `notifications`: the caller's own notifications. */
import { pageSize } from '../lib/api/request-check.js';
import { registryGroup } from '../lib/api/registry-group.js';
import { buildFeedServices } from '../lib/compose/feeds.js';
import { API_PREFIX } from '../lib/api/route.js';
import { CONTRACTS } from '../lib/generated/contracts/group-notifications.js';

const notifications = `${API_PREFIX}/notifications`;

export const group = registryGroup('notifications', 'read-write', buildFeedServices, CONTRACTS);

group.route({
  method: 'GET',
  path: notifications,
  operation: 'listNotifications',
  role: 'user',
  summary: 'Your own notifications, newest first',
  query: 'NotificationsQuery',
  response: { status: 200, contract: 'Notification', list: true },
  handle: async ({ principal, query: q }, { notifications }) =>
    notifications.list(principal, q.delivered === undefined ? undefined : q.delivered === 'true', pageSize(q.limit), q.cursor),
});

group.route({
  method: 'PATCH',
  path: `${notifications}/{id}`,
  operation: 'markNotificationDelivered',
  role: 'user',
  summary: 'Mark one of your notifications delivered',
  body: 'NotificationUpdate',
  response: { status: 200, contract: 'Notification' },
  example: { path: { id: '<notification>' }, body: { delivered: true } },
  handle: async ({ principal, id }, { notifications }) => notifications.markDelivered(principal, id),
});

export const { buildHandler, handler } = group;
