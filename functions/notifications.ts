/** Route group `notifications`: the caller's own notifications. */
import { pageSize } from '../lib/api/contracts.js';
import { API_PREFIX, lazyHandler, routeGroup } from '../lib/api/route.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { buildServices } from '../lib/registry.js';

const notifications = `${API_PREFIX}/notifications`;

export const group = routeGroup({
  name: 'notifications',
  access: 'read-write',
  services: (deps: Deps) => buildServices(deps),
  beforeWrite: ({ design }) => design.ready(),
});

group.route({
  method: 'GET',
  path: notifications,
  operation: 'listNotifications',
  role: 'user',
  summary: 'Your own notifications, newest first',
  query: 'NotificationsQuery',
  response: { status: 200, list: true },
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
  response: { status: 200 },
  example: { path: { id: '<notification>' }, body: { delivered: true } },
  handle: async ({ principal, id }, { notifications }) => notifications.markDelivered(principal, id),
});

export const buildHandler = group.buildHandler;
export const handler = lazyHandler(() => buildHandler(defaultDeps()));
