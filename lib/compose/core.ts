/**
 * The services most route groups need (schemas, payloads, workspaces, audit, notifications, API keys)
 * built from their dependencies: one Table, one store per record family on it, and services that receive
 * the stores, clock and id generator they use. Groups that apply migrations build on it in lib/registry.ts;
 * the others bundle only this.
 */
import { ApiKeyService } from '../api-keys/service.js';
import { AuditService } from '../audit/service.js';
import { DEFAULT_SETTINGS, type Settings } from '../config.js';
import { DesignGuard } from '../dynamo/design-record.js';
import { Table, type TableDeps } from '../dynamo/table.js';
import { defaultEngines, type EngineRegistry } from '../engines/registry.js';
import { NotificationService } from '../notifications/service.js';
import { PayloadChanges } from '../payloads/changes.js';
import { PayloadFieldIndex } from '../payloads/field-index.js';
import { PayloadService } from '../payloads/service.js';
import { ShardCounts } from '../payloads/shard.js';
import { DEFAULT_DRAFT } from '../engines/json-schema/names.js';
import { SchemaService } from '../schemas/service.js';
import { SchemaVersionCache } from '../schemas/version-cache.js';
import { createStores, type Stores } from '../store/index.js';
import { WorkspaceService } from '../workspaces/service.js';

export interface CoreServices {
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
  /** Credentials of the Confluent-compatible API's static-secret clients. */
  apiKeys: ApiKeyService;
}

export type CoreDeps = TableDeps & { settings?: Settings };

export function buildCoreServices(deps: CoreDeps, engines: EngineRegistry = defaultEngines()): CoreServices {
  const settings = deps.settings ?? DEFAULT_SETTINGS;
  const table = new Table(deps);
  const stores = createStores(table);
  const clock = { now: deps.now, newId: deps.newId };
  const schemas = new SchemaService(stores, table, engines, clock);
  const versions = new SchemaVersionCache(stores.schemas, deps.now);
  const shards = new ShardCounts(stores.schemas, deps.now);
  return {
    table,
    stores,
    design: new DesignGuard(table),
    engines,
    schemas,
    payloads: new PayloadService(stores, engines, versions, clock, shards),
    payloadChanges: new PayloadChanges(stores, table, engines, versions, schemas, clock),
    payloadIndex: new PayloadFieldIndex(stores, table, versions, clock, shards),
    // The default engine is JSON Schema; without a setting, definitions are read in its default draft.
    workspaces: new WorkspaceService(stores, table, clock, settings.autoApproveDefault, DEFAULT_DRAFT),
    notifications: new NotificationService(stores.notifications),
    audit: new AuditService(stores.audit),
    apiKeys: new ApiKeyService({ stores, tx: table, clock }),
  };
}
