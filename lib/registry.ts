/**
 * Builds the registry's services from their dependencies: the composition every handler shares. One
 * Table, one store per record family on it, and services that receive the stores, clock and id
 * generator they use.
 */
import { AuditService } from './audit/service.js';
import { DEFAULT_SETTINGS, type Settings } from './config.js';
import { DesignGuard } from './dynamo/design-record.js';
import { Table, type TableDeps } from './dynamo/table.js';
import { defaultEngines, type EngineRegistry } from './engines/registry.js';
import { NotificationService } from './notifications/service.js';
import { PayloadChanges } from './payloads/changes.js';
import { PayloadFieldIndex } from './payloads/field-index.js';
import { PayloadService } from './payloads/service.js';
import { TokenBucket } from './rate-limit/token-bucket.js';
import { SchemaRequestService } from './requests/service.js';
import { SchemaService } from './schemas/service.js';
import { SchemaVersionCache } from './schemas/version-cache.js';
import { createStores, type Stores } from './store/index.js';
import { WorkspaceService } from './workspaces/service.js';

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
}

export function buildServices(deps: TableDeps & { settings?: Settings }, engines: EngineRegistry = defaultEngines()): Services {
  const settings = deps.settings ?? DEFAULT_SETTINGS;
  const table = new Table(deps);
  const stores = createStores(table);
  const clock = { now: deps.now, newId: deps.newId };
  const schemas = new SchemaService(stores, table, engines, clock);
  const versions = new SchemaVersionCache(stores.schemas, deps.now);
  const workspaces = new WorkspaceService(stores, table, clock, settings.autoApproveDefault);
  const requests = new SchemaRequestService({
    stores,
    tx: table,
    clock,
    engines,
    schemas,
    workspaces,
    rateLimit: new TokenBucket(stores.rateLimit, clock),
    limits: [{ name: 'hour', capacity: settings.requestBurst, refillPerHour: settings.requestRatePerHour }],
  });
  return {
    table,
    stores,
    design: new DesignGuard(table),
    engines,
    schemas,
    payloads: new PayloadService(stores, engines, versions, clock),
    payloadChanges: new PayloadChanges(stores, table, engines, versions, schemas, clock),
    payloadIndex: new PayloadFieldIndex(stores, table, versions, clock),
    workspaces,
    notifications: new NotificationService(stores.notifications),
    audit: new AuditService(stores.audit),
    requests,
  };
}
