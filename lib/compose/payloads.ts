/**
 * The payload services, for the group that serves only payloads: one Table, its stores, and the services
 * that validate, store, change and query payloads (with the schema service, whose settings an update to
 * a newer version is checked under). No workspace policies, SQL, audit or notification services: the core
 * composition (core.ts) builds those on top of this one. No ElectroDB either: every payload route builds
 * and reads its items from schema.yaml's rules and pages its listings itself.
 */
import { DesignGuard } from '../dynamo/design-record.js';
import { Table, type EntitiesLoader, type TableDeps } from '../dynamo/table.js';
import { defaultEngines, type EngineRegistry } from '../engines/registry.js';
import { PayloadChanges } from '../payloads/changes.js';
import { PayloadFieldIndex } from '../payloads/field-index.js';
import { PayloadService } from '../payloads/service.js';
import { ShardCounts } from '../payloads/shard.js';
import { SchemaService } from '../schemas/service.js';
import { SchemaVersionCache } from '../schemas/version-cache.js';
import { createStores, type Stores } from '../store/index.js';

export interface PayloadServices {
  table: Table;
  stores: Stores;
  /** Awaited before the first write of a container: refuses a table of another major schema.yaml version. */
  design: DesignGuard;
  engines: EngineRegistry;
  schemas: SchemaService;
  payloads: PayloadService;
  payloadChanges: PayloadChanges;
  payloadIndex: PayloadFieldIndex;
}

/** `loadEntities`: for compositions built on this one whose services page with ElectroDB (see Table). */
export function buildPayloadServices(deps: TableDeps, engines: EngineRegistry = defaultEngines(), loadEntities?: EntitiesLoader): PayloadServices {
  const table = new Table(deps, loadEntities);
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
  };
}
