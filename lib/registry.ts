/**
 * Builds the registry's services from their dependencies: the composition every handler shares. One
 * Table, one store per record family on it, and services that receive the stores, clock and id
 * generator they use.
 */
import { ApiKeyService } from './api-keys/service.js';
import { AuditService } from './audit/service.js';
import { CcompatConfig } from './ccompat/config.js';
import { CcompatService } from './ccompat/service.js';
import { DEFAULT_SETTINGS, type Settings } from './config.js';
import { DesignGuard } from './dynamo/design-record.js';
import { Table, type TableDeps } from './dynamo/table.js';
import { defaultEngines, type EngineRegistry } from './engines/registry.js';
import { NotificationService } from './notifications/service.js';
import { PayloadChanges } from './payloads/changes.js';
import { PayloadFieldIndex } from './payloads/field-index.js';
import { PayloadService } from './payloads/service.js';
import { ShardCounts } from './payloads/shard.js';
import { TokenBucket } from './rate-limit/token-bucket.js';
import { SchemaRequestService } from './requests/service.js';
import { DEFAULT_ENGINE } from './schemas/model.js';
import { SchemaService } from './schemas/service.js';
import { SchemaVersionCache } from './schemas/version-cache.js';
import { createStores, type Stores } from './store/index.js';
import { WorkspaceService } from './workspaces/service.js';
import type { SinkRuntime } from './deps.js';
import { AutoCreator } from './migrations/auto-create.js';
import { MigrationService } from './migrations/service.js';
import { SinkService } from './migrations/sinks.js';
import { MigrationFiles } from './migrations/files.js';
import { SinkStatus } from './migrations/status.js';
import { SinkDrift } from './migrations/drift.js';
import { Promotion } from './migrations/promotion.js';
import { SinkSync } from './migrations/sync.js';
import { MigrationPreviewer } from './requests/preview.js';
import { createMigrationRunner } from './sinks/index.js';

export interface Services {
  table: Table;
  stores: Stores;
  /** Awaited before the first write of a container: refuses a table of another major schema.yaml version. */
  design: DesignGuard;
  engines: EngineRegistry;
  schemas: SchemaService;
  payloads: PayloadService;
  payloadChanges: PayloadChanges;
  payloadIndex: PayloadFieldIndex;
  workspaces: WorkspaceService;
  notifications: NotificationService;
  audit: AuditService;
  requests: SchemaRequestService;
  sinks: SinkService;
  migrations: MigrationService;
  sinkStatus: SinkStatus;
  drift: SinkDrift;
  promotion: Promotion;
  sinkSync: SinkSync;
  migrationFiles: MigrationFiles;
  autoCreate: AutoCreator;
  /** The Confluent-compatible API (/apis/ccompat/v7). */
  ccompat: CcompatService;
  ccompatConfig: CcompatConfig;
  /** Credentials of the Confluent-compatible API's static-secret clients. */
  apiKeys: ApiKeyService;
}

export function buildServices(deps: TableDeps & { settings?: Settings; sinks?: SinkRuntime }, engines: EngineRegistry = defaultEngines()): Services {
  const settings = deps.settings ?? DEFAULT_SETTINGS;
  const table = new Table(deps);
  const stores = createStores(table);
  const clock = { now: deps.now, newId: deps.newId };
  const schemas = new SchemaService(stores, table, engines, clock);
  const versions = new SchemaVersionCache(stores.schemas, deps.now);
  const shards = new ShardCounts(stores.schemas, deps.now);
  const workspaces = new WorkspaceService(stores, table, clock, settings.autoApproveDefault, engines.get(DEFAULT_ENGINE).defaultDialect ?? null);
  const requests = new SchemaRequestService({
    stores,
    tx: table,
    clock,
    engines,
    schemas,
    workspaces,
    rateLimit: new TokenBucket(stores.rateLimit, clock),
    limits: [{ name: 'hour', capacity: settings.requestBurst, refillPerHour: settings.requestRatePerHour }],
    afterApproval: (actor, approved) => migrations.applyOnApproval(actor, approved),
  });
  const runtime = deps.sinks;
  const runner = runtime && createMigrationRunner({ connect: (sink) => runtime.connector.connect(sink), clock: deps.now });
  const sinks = new SinkService({ stores, tx: table, clock, ...(runtime ? { runtime } : {}) });
  const previews = new MigrationPreviewer(stores.schemas, engines);
  const drift = new SinkDrift({ sinks, requests: stores.requests, planner: previews, ...(runner && runtime ? { runner, connect: (sink) => runtime.connector.connect(sink) } : {}) });
  const promotion = new Promotion({ sinks, workspaces, drift, stores, tx: table, clock });
  const migrations = new MigrationService({ stores, tx: table, clock, sinks, planner: previews, guard: promotion, drift, ...(runner ? { runner } : {}) });
  const ccompat = new CcompatService({ schemas, store: stores.schemas, ids: stores.ccompat, engines, now: deps.now });
  return {
    table,
    stores,
    design: new DesignGuard(table),
    engines,
    schemas,
    payloads: new PayloadService(stores, engines, versions, clock, shards),
    payloadChanges: new PayloadChanges(stores, table, engines, versions, schemas, clock),
    payloadIndex: new PayloadFieldIndex(stores, table, versions, clock, shards),
    workspaces,
    notifications: new NotificationService(stores.notifications),
    audit: new AuditService(stores.audit),
    requests,
    sinks,
    migrations,
    sinkStatus: new SinkStatus({ sinks, attempts: stores.migrations, requests: stores.requests, ...(runner ? { runner } : {}) }),
    drift,
    promotion,
    sinkSync: new SinkSync({ stores, tx: table, clock, sinks, planner: previews, ...(runner ? { runner } : {}) }),
    migrationFiles: new MigrationFiles({ requests: stores.requests, schemas: stores.schemas, previews }),
    autoCreate: new AutoCreator({ log: stores.autoCreateLog, requests: stores.requests, workspaces, migrations }),
    ccompat,
    ccompatConfig: new CcompatConfig({ ccompat, schemas, workspaces }),
    apiKeys: new ApiKeyService({ stores, tx: table, clock }),
  };
}
