/**
 * The payload services, for the group that serves only payloads: one Table, its stores, and the services
 * that validate, store, change and query payloads (the schema service, whose settings an update to a newer
 * version is checked under, loads on that rare path). No schema, policy, SQL, audit or notification services: the core
 * composition (core.ts) builds those on top of this one. No ElectroDB either: every payload route builds
 * and reads its items from schema.yaml's rules and pages its listings itself.
 */
import { DesignGuard } from '../dynamo/design-guard.js';
import { Table, type EntitiesLoader, type TableDeps } from '../dynamo/table.js';
import { defaultEngines, type EngineRegistry } from '../engines/registry.js';
import type { PayloadChanges } from '../payloads/changes.js';
import type { PayloadFieldIndex } from '../payloads/field-index.js';
import { PayloadService } from '../payloads/service.js';
import { ShardCounts } from '../payloads/shard.js';
import { SchemaVersionCache } from '../schemas/version-cache.js';
import { createPayloadStores, type PayloadStores } from '../store/payload-stores.js';
import { once } from '../util/once.js';

export interface PayloadServices {
  table: Table;
  stores: PayloadStores;
  /** Awaited before the first write of a container: refuses a table of another major schema.yaml version. */
  design: DesignGuard;
  engines: EngineRegistry;
  payloads: PayloadService;
  /** Updates, deletes and erasure: loaded on the first one, so creating and reading payloads never parses them. */
  payloadChanges: () => Promise<PayloadChanges>;
  /** Field queries and index backfills: loaded on the first one. */
  payloadIndex: () => Promise<PayloadFieldIndex>;
}

/** `loadEntities`: for compositions built on this one whose services page with ElectroDB (see Table). */
export function buildPayloadServices(deps: TableDeps, engines: EngineRegistry = defaultEngines(), loadEntities?: EntitiesLoader): PayloadServices {
  const table = new Table(deps, loadEntities);
  const stores = createPayloadStores(table);
  const clock = { now: deps.now, newId: deps.newId };
  // Only an update that moves a payload to a newer version reads its schema's settings: the schema service,
  // and the stores it uses beyond these, load then.
  const schemas = once(async () => {
    const [{ SchemaService }, { createStores }] = await Promise.all([import('../schemas/service.js'), import('../store/index.js')]);
    return new SchemaService(createStores(table, stores), table, engines, clock);
  });
  const versions = new SchemaVersionCache(stores.schemas, deps.now);
  const shards = new ShardCounts(stores.schemas, deps.now);
  return {
    table,
    stores,
    design: new DesignGuard(table),
    engines,
    payloads: new PayloadService(stores, engines, versions, clock, shards),
    payloadChanges: once(async () => new (await import('../payloads/changes.js')).PayloadChanges(stores, table, engines, versions, schemas, clock)),
    payloadIndex: once(async () => new (await import('../payloads/field-index.js')).PayloadFieldIndex(stores, table, versions, clock, shards)),
  };
}
