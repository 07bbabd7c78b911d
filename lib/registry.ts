/**
 * Builds every service of the registry: the Confluent-compatible API's on the core ones, and the
 * schema-request, sink and migration services that apply approved changes. The groups that apply
 * migrations, the workers and the tests use it; the other groups build only what they serve (lib/compose/).
 */
import type { TableDeps } from './dynamo/table.js';
import { buildCcompatServices, type CcompatServices } from './compose/ccompat.js';
import { DEFAULT_SETTINGS, type Settings } from './config.js';
import { defaultEngines, type EngineRegistry } from './engines/registry.js';
import { TokenBucket } from './rate-limit/token-bucket.js';
import { SchemaRequestService } from './requests/service.js';
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

export interface Services extends CcompatServices {
  requests: SchemaRequestService;
  sinks: SinkService;
  migrations: MigrationService;
  sinkStatus: SinkStatus;
  drift: SinkDrift;
  promotion: Promotion;
  sinkSync: SinkSync;
  migrationFiles: MigrationFiles;
  autoCreate: AutoCreator;
}

export function buildServices(deps: TableDeps & { settings?: Settings; sinks?: SinkRuntime }, engines: EngineRegistry = defaultEngines()): Services {
  const settings = deps.settings ?? DEFAULT_SETTINGS;
  const core = buildCcompatServices(deps, engines);
  const { table, stores, schemas, workspaces } = core;
  const clock = { now: deps.now, newId: deps.newId };
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
  return {
    ...core,
    requests,
    sinks,
    migrations,
    sinkStatus: new SinkStatus({ sinks, attempts: stores.migrations, requests: stores.requests, ...(runner ? { runner } : {}) }),
    drift,
    promotion,
    sinkSync: new SinkSync({ stores, tx: table, clock, sinks, planner: previews, ...(runner ? { runner } : {}) }),
    migrationFiles: new MigrationFiles({ requests: stores.requests, schemas: stores.schemas, previews }),
    autoCreate: new AutoCreator({ log: stores.autoCreateLog, requests: stores.requests, workspaces, migrations }),
  };
}
