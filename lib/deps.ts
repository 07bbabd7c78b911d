/**
 * The production composition root: clients, clock and id generator built once per Lambda container from
 * the configuration. Tests build their own deps instead of mocking modules.
 */
import { monotonicFactory } from 'ulid';
import { config, type Settings } from './config.js';
import { createDynamoClients, type DynamoClients } from './dynamo/client.js';

export interface Deps {
  dynamo: DynamoClients;
  tableName: string;
  now: () => Date;
  newId: () => string;
  /** Deployment settings; tests leave them out to get the defaults. */
  settings?: Settings;
  /** The DynamoDB endpoint when not AWS's (DynamoDB Local), shown by /health so other programs can reach it. */
  dynamodbEndpoint?: string;
}

let cached: Deps | undefined;
export function defaultDeps(): Deps {
  if (cached) return cached;
  const c = config();
  const ulid = monotonicFactory();
  const now = () => new Date();
  cached = {
    dynamo: createDynamoClients({ region: c.region, ...(c.dynamodbEndpoint ? { endpoint: c.dynamodbEndpoint } : {}) }),
    tableName: c.tableName,
    settings: c.settings,
    ...(c.dynamodbEndpoint ? { dynamodbEndpoint: c.dynamodbEndpoint } : {}),
    now,
    // Monotonic within a container, so ids written in one millisecond still sort in creation order.
    newId: () => ulid(now().getTime()),
  };
  return cached;
}
