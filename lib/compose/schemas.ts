/**
 * The services of the group that publishes and reads schemas: one Table, the stores the schema service
 * uses, and the service. Like the payload composition (payloads.ts) it gives the Table no ElectroDB
 * entities: every schema route builds, reads and pages its items from schema.yaml's rules.
 */
import { DesignGuard } from '../dynamo/design-guard.js';
import { Table, type TableDeps } from '../dynamo/table.js';
import { defaultEngines, type EngineRegistry } from '../engines/registry.js';
import { SchemaService, type SchemaStores } from '../schemas/service.js';
import { AuditStore } from '../store/audit.js';
import { IdempotencyStore } from '../store/idempotency.js';
import { SchemaReferenceStore } from '../store/references.js';
import { SchemaStore } from '../store/schemas.js';
import { WorkspaceStore } from '../store/workspaces.js';

export interface SchemaServices {
  table: Table;
  /** Awaited before the first write of a container: refuses a table of another major schema.yaml version. */
  design: DesignGuard;
  schemas: SchemaService;
}

export function buildSchemaServices(deps: TableDeps, engines: EngineRegistry = defaultEngines()): SchemaServices {
  const table = new Table(deps);
  const stores: SchemaStores = {
    schemas: new SchemaStore(table),
    idempotency: new IdempotencyStore(table),
    references: new SchemaReferenceStore(table),
    workspaces: new WorkspaceStore(table),
    audit: new AuditStore(table),
  };
  return { table, design: new DesignGuard(table), schemas: new SchemaService(stores, table, engines, { now: deps.now, newId: deps.newId }) };
}
