/** Route group `health`: GET /api/v1/health (public). */
import { API_PREFIX, routeGroup } from '../lib/api/route.js';
import { defaultDeps, type Deps } from '../lib/deps.js';
import { HealthService } from '../lib/health.js';
import { CONTRACTS } from '../lib/generated/contracts/group-health.js';

export const group = routeGroup({
  name: 'health',
  contracts: CONTRACTS,
  deployedDeps: defaultDeps,
  access: 'describe',
  services: (deps: Pick<Deps, 'dynamo' | 'tableName' | 'dynamodbEndpoint'>) => new HealthService({ dynamo: deps.dynamo.raw, tableName: deps.tableName, endpoint: deps.dynamodbEndpoint }),
});

group.route({
  method: 'GET',
  path: `${API_PREFIX}/health`,
  operation: 'health',
  role: 'public',
  summary: 'Table status and the schema.yaml version the registry runs',
  response: { status: 200 },
  handle: async (_request, health) => health.check(),
});

export const { buildHandler, handler } = group;
