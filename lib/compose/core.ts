/**
 * The services most route groups need (schemas, payloads, workspaces, audit, notifications, API keys)
 * built from their dependencies: the payload composition's Table, stores and services, then the other
 * stores on the same Table and the services on them, each receiving the stores, clock and id generator it uses. Groups that apply
 * migrations build on it in lib/registry.ts; the others bundle only this.
 */
import { ApiKeyService } from '../api-keys/service.js';
import { AuditService } from '../audit/service.js';
import { DEFAULT_SETTINGS, type Settings } from '../config.js';
import type { TableDeps } from '../dynamo/table.js';
import { defaultEngines, type EngineRegistry } from '../engines/registry.js';
import { NotificationService } from '../notifications/service.js';
import { SchemaService } from '../schemas/service.js';
import { DEFAULT_DRAFT } from '../engines/json-schema/names.js';
import { createStores, type Stores } from '../store/index.js';
import { WorkspaceService } from '../workspaces/service.js';
import { loadEntities } from './entities.js';
import { buildPayloadServices, type PayloadServices } from './payloads.js';

export interface CoreServices extends PayloadServices {
  stores: Stores;
  schemas: SchemaService;
  workspaces: WorkspaceService;
  notifications: NotificationService;
  audit: AuditService;
  /** Credentials of the Confluent-compatible API's static-secret clients. */
  apiKeys: ApiKeyService;
}

export type CoreDeps = TableDeps & { settings?: Settings };

export function buildCoreServices(deps: CoreDeps, engines: EngineRegistry = defaultEngines()): CoreServices {
  const settings = deps.settings ?? DEFAULT_SETTINGS;
  const base = buildPayloadServices(deps, engines, loadEntities);
  const { table } = base;
  const stores = createStores(table, base.stores);
  const clock = { now: deps.now, newId: deps.newId };
  return {
    ...base,
    stores,
    schemas: new SchemaService(stores, table, engines, clock),
    // The default engine is JSON Schema; without a setting, definitions are read in its default draft.
    workspaces: new WorkspaceService(stores, table, clock, settings.autoApproveDefault, DEFAULT_DRAFT),
    notifications: new NotificationService(stores.notifications),
    audit: new AuditService(stores.audit),
    apiKeys: new ApiKeyService({ stores, tx: table, clock }),
  };
}
