/**
 * The production composition root: clients, clock and id generator built once per Lambda container from
 * the configuration. Tests build their own deps instead of mocking modules.
 */
import { config, type Settings, type SinkDeployment } from './config.js';
import { createDynamoClients, type DynamoClients } from './dynamo/client.js';
import type { SinkConnector } from './sinks/connect.js';
import { once } from './util/once.js';
import { ulidFactory } from './util/ulid.js';

/** The sinks of a deployment: how to reach them, and which built-in and granted ones exist. */
export interface SinkRuntime {
  connector: SinkConnector;
  defaultSink?: SinkDeployment['defaultSink'];
  grants: SinkDeployment['grants'];
}

export interface Deps {
  dynamo: DynamoClients;
  tableName: string;
  now: () => Date;
  newId: () => string;
  /** Deployment settings; tests leave them out to get the defaults. */
  settings?: Settings;
  /** Relational sinks; absent: sink settings can be kept, but nothing is applied. */
  sinks?: SinkRuntime;
  /** The DynamoDB endpoint when not AWS's (DynamoDB Local), shown by /health so other programs can reach it. */
  dynamodbEndpoint?: string;
}

let cached: Deps | undefined;
export function defaultDeps(): Deps {
  if (cached) return cached;
  const c = config();
  const ulid = ulidFactory();
  const now = () => new Date();
  const { defaultSink, grants, environment } = c.sinks;
  // The connector, its drivers and their SDK clients load on the first connection: a function that never applies never parses them.
  const connector = once(async () => {
    const { createSinkConnector, secretsManagerReader } = await import('./sinks/connect.js');
    return createSinkConnector({
      env: environment,
      ...(defaultSink?.kind === 'embedded' ? { embeddedDataDir: defaultSink.dir } : {}),
      readSecret: secretsManagerReader(once(async () => new (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient({ region: c.region }))),
      dataApi: once(async () => new (await import('@aws-sdk/client-rds-data')).RDSDataClient({ region: c.region })),
    });
  });
  cached = {
    dynamo: createDynamoClients({ region: c.region, ...(c.dynamodbEndpoint ? { endpoint: c.dynamodbEndpoint } : {}) }),
    tableName: c.tableName,
    settings: c.settings,
    ...(c.dynamodbEndpoint ? { dynamodbEndpoint: c.dynamodbEndpoint } : {}),
    now,
    // Monotonic within a container, so ids written in one millisecond still sort in creation order.
    newId: () => ulid(now().getTime()),
    sinks: {
      connector: { connect: async (sink) => (await connector()).connect(sink), close: async () => (await connector()).close() },
      ...(defaultSink ? { defaultSink } : {}),
      grants,
    },
  };
  return cached;
}
