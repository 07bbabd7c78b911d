/** Route group `notifications`: the caller's own notifications. */
import { check, pageSize } from '../lib/api/contracts.js';
import { principalFromEvent } from '../lib/auth/principal.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { json, routeHandler } from '../lib/http/handler.js';
import { idParam, query } from '../lib/http/params.js';
import { buildServices } from '../lib/registry.js';

export function buildHandler(deps: Deps) {
  const { notifications, design } = buildServices(deps);
  return routeHandler({
    'GET /api/v1/notifications': async (event) => {
      const q = check<{ delivered?: 'true' | 'false'; limit?: string; cursor?: string }>('NotificationsQuery', query(event), 'query');
      const delivered = q.delivered === undefined ? undefined : q.delivered === 'true';
      return json(200, await notifications.list(principalFromEvent(event), delivered, pageSize(q.limit), q.cursor));
    },
    'PATCH /api/v1/notifications/{id}': async (event) => {
      check('NotificationUpdate', event.body);
      return json(200, await notifications.markDelivered(principalFromEvent(event), idParam(event)));
    },
  }, { beforeWrite: () => design.ready() });
}

export const handler = buildHandler(defaultDeps());
