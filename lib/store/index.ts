/**
 * The persistence boundary: one store per record family, all on one Table. Only these modules (and the
 * table's own admin code in lib/dynamo/) build keys or call DynamoDB; services receive the stores they use.
 * A new record type: declare it in schema.yaml, run `npm run codegen`, and add its store here.
 */
import type { Table } from '../dynamo/table.js';
import { ApiKeyStore } from './api-keys.js';
import { AutoCreateLogStore } from './auto-create-log.js';
import { CcompatStore } from './ccompat.js';
import { MigrationAttemptStore } from './migrations.js';
import { NotificationStore } from './notifications.js';
import { createPayloadStores, type PayloadStores } from './payload-stores.js';
import { RateLimitStore } from './rate-limit.js';
import { SchemaReferenceStore } from './references.js';
import { SchemaRequestStore } from './requests.js';
import { SinkStore } from './sinks.js';
import { WorkspaceStore } from './workspaces.js';

export interface Stores extends PayloadStores {
  references: SchemaReferenceStore;
  notifications: NotificationStore;
  workspaces: WorkspaceStore;
  requests: SchemaRequestStore;
  rateLimit: RateLimitStore;
  sinks: SinkStore;
  migrations: MigrationAttemptStore;
  autoCreateLog: AutoCreateLogStore;
  ccompat: CcompatStore;
  apiKeys: ApiKeyStore;
}

/** `payloadStores`: those already built on the same table (the payload composition's), kept rather than built twice. */
export function createStores(table: Table, payloadStores: PayloadStores = createPayloadStores(table)): Stores {
  return {
    ...payloadStores,
    references: new SchemaReferenceStore(table),
    notifications: new NotificationStore(table),
    workspaces: new WorkspaceStore(table),
    requests: new SchemaRequestStore(table),
    rateLimit: new RateLimitStore(table),
    sinks: new SinkStore(table),
    migrations: new MigrationAttemptStore(table),
    autoCreateLog: new AutoCreateLogStore(table),
    ccompat: new CcompatStore(table),
    apiKeys: new ApiKeyStore(table),
  };
}
