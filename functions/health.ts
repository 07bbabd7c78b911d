/** Route group `health`: GET /api/v1/health (public). */
import { HealthService } from '../lib/health.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { json, routeHandler } from '../lib/http/handler.js';

export function buildHandler(deps: Pick<Deps, 'dynamo' | 'tableName'>) {
  const health = new HealthService({ dynamo: deps.dynamo.raw, tableName: deps.tableName });
  return routeHandler({
    'GET /api/v1/health': async () => json(200, await health.check()),
  });
}

export const handler = buildHandler(defaultDeps());
