/** Builds the registry's services from their dependencies: the composition every handler shares. */
import { DesignGuard } from './dynamo/design-record.js';
import { Table, type TableDeps } from './dynamo/table.js';
import { defaultEngines, type EngineRegistry } from './engines/registry.js';
import { PayloadService } from './payloads/service.js';
import { SchemaService } from './schemas/service.js';
import { SchemaVersionCache } from './schemas/version-cache.js';
import { WorkspaceService } from './workspaces/service.js';

export interface Services {
  table: Table;
  /** Awaited before the first write of a container: refuses a table of another major schema.yaml version. */
  design: DesignGuard;
  engines: EngineRegistry;
  schemas: SchemaService;
  payloads: PayloadService;
  workspaces: WorkspaceService;
}

export function buildServices(deps: TableDeps, engines: EngineRegistry = defaultEngines()): Services {
  const table = new Table(deps);
  const schemas = new SchemaService(table, engines);
  const versions = new SchemaVersionCache(schemas.repo, deps.now);
  return { table, design: new DesignGuard(table), engines, schemas, payloads: new PayloadService(table, engines, versions), workspaces: new WorkspaceService(table) };
}
