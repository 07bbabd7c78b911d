/** Builds the registry's services from their dependencies: the composition every handler shares. */
import { DesignGuard } from './dynamo/design-record.js';
import { Table, type TableDeps } from './dynamo/table.js';
import { defaultEngines, type EngineRegistry } from './engines/registry.js';
import { PayloadService } from './payloads/service.js';
import { SchemaService } from './schemas/service.js';
import { SchemaVersionCache } from './schemas/version-cache.js';
import { WorkspaceService } from './workspaces/service.js';
import { DEFAULT_SETTINGS, type Settings } from './config.js';
import { NotificationService } from './notifications/service.js';
import { TokenBucket } from './rate-limit/token-bucket.js';
import { SchemaRequestService } from './requests/service.js';

export interface Services {
  table: Table;
  /** Awaited before the first write of a container: refuses a table of another major schema.yaml version. */
  design: DesignGuard;
  engines: EngineRegistry;
  schemas: SchemaService;
  payloads: PayloadService;
  workspaces: WorkspaceService;
  notifications: NotificationService;
  requests: SchemaRequestService;
}

export function buildServices(deps: TableDeps & { settings?: Settings }, engines: EngineRegistry = defaultEngines()): Services {
  const settings = deps.settings ?? DEFAULT_SETTINGS;
  const table = new Table(deps);
  const schemas = new SchemaService(table, engines);
  const versions = new SchemaVersionCache(schemas.repo, deps.now);
  const workspaces = new WorkspaceService(table, settings.autoApproveDefault);
  const notifications = new NotificationService(table);
  const requests = new SchemaRequestService({
    table,
    engines,
    schemas,
    workspaces,
    notifications,
    rateLimit: new TokenBucket(table),
    limits: [{ name: 'hour', capacity: settings.requestBurst, refillPerHour: settings.requestRatePerHour }],
  });
  return { table, design: new DesignGuard(table), engines, schemas, payloads: new PayloadService(table, engines, versions), workspaces, notifications, requests };
}
