/**
 * A sink's drift: its live catalog against what the migrations applied there (its tracking table) say
 * each managed table should be, and the check before an apply that the table is still what the
 * migration was planned against.
 */
import { authorize, type Principal } from '../auth/principal.js';
import { RegistryError } from '../errors.js';
import type { SchemaRequestItem } from '../generated/table.js';
import type { MigrationPreviewer } from '../requests/preview.js';
import { CATALOG_READERS, type LiveTable } from '../sinks/catalog/index.js';
import { compareTable, type DriftChange } from '../sinks/drift.js';
import type { SinkDriver } from '../sinks/drivers/driver.js';
import { scrubMessage, SinkUnavailableError, type MigrationRunner, type Sink, type TrackingRow } from '../sinks/index.js';
import type { MigrationPlan, TableDefinition } from '../sql/index.js';
import type { SchemaRequestStore } from '../store/requests.js';
import { SchemaDriftError } from './errors.js';
import type { SinkService } from './sinks.js';

export interface TableDrift {
  table: string;
  /** The applied migration whose table this should be; null: every migration of the table was rolled back. */
  expected_from: { migration_id: string; schema_version: number } | null;
  changes: DriftChange[];
}

export interface DriftReport {
  workspace_id: string;
  sink: string;
  dialect: Sink['dialect'];
  namespace?: string;
  in_sync: boolean;
  tables: TableDrift[];
}

export interface DriftDeps {
  sinks: Pick<SinkService, 'resolve'>;
  requests: Pick<SchemaRequestStore, 'byId'>;
  planner: Pick<MigrationPreviewer, 'planFor'>;
  runner?: MigrationRunner;
  /** Opens the sink's driver (the connector's `connect`); absent: no sinks here. */
  connect?: (sink: Sink) => Promise<SinkDriver>;
}

export class SinkDrift {
  constructor(private readonly deps: DriftDeps) {}

  /** GET …/sinks/{sink}/drift: every managed table's differences (reader). */
  async report(principal: Principal, workspaceId: string, name: string): Promise<DriftReport> {
    authorize(principal, workspaceId, 'reader', 'workspace');
    const { sink } = await this.deps.sinks.resolve(workspaceId, name);
    const tables = await this.tables(sink);
    return { workspace_id: workspaceId, sink: sink.name, dialect: sink.dialect, ...(sink.namespace ? { namespace: sink.namespace } : {}), in_sync: tables.every((t) => t.changes.length === 0), tables };
  }

  /** The drift of every table the sink's tracking table names. */
  async tables(sink: Sink, only?: string): Promise<TableDrift[]> {
    const rows = (await this.runner().status(sink)).filter((r) => only === undefined || r.table_name === only);
    const names = [...new Set(rows.map((r) => r.table_name))].sort();
    const live = await this.live(sink, names);
    const out: TableDrift[] = [];
    for (const table of names) {
      const latest = rows.filter((r) => r.table_name === table && r.status === 'applied').sort((a, b) => (b.applied_sequence ?? 0) - (a.applied_sequence ?? 0))[0];
      const expected = latest ? await this.expectedTable(latest) : null;
      out.push({ table, expected_from: latest ? { migration_id: latest.migration_id, schema_version: latest.schema_version } : null, changes: compareTable(table, expected, live.get(table), sink.dialect) });
    }
    return out;
  }

  /**
   * Before `request` is applied on `sink`: refuses (409 with the drift) when its table is not what the
   * migration was planned against, where that would make it fail or do the wrong thing: a table that
   * exists before a create, or, before an alter, any difference in the columns and indexes it changes
   * (on SQLite, any difference: its rebuild copies only the columns it knows, dropping the others).
   */
  async checkBeforeApply(sink: Sink, request: SchemaRequestItem, plan: MigrationPlan): Promise<void> {
    const rows = await this.runner().status(sink);
    // Applied: nothing to check. Failed: on MySQL its first statements may be kept, so the live table is
    // part-way to the plan's target by design; the runner's resume checks those statements itself.
    if (rows.some((r) => r.migration_id === request.id && (r.status === 'applied' || (r.status === 'failed' && sink.dialect === 'mysql')))) return;
    const live = (await this.live(sink, [plan.table])).get(plan.table);
    // An alter of a table not created yet waits on its base migration; the runner says so.
    if (plan.kind === 'alter' && !live) return;
    const touched = new Set(plan.steps.flatMap(({ step }) => ('column' in step ? [step.column.name] : 'index' in step ? [step.index.name] : [])));
    const changes = compareTable(plan.table, plan.previous, live, sink.dialect).filter(
      (c) => plan.kind === 'create' || sink.dialect === 'sqlite' || c.kind.startsWith('table') || touched.has(c.column ?? c.index ?? ''),
    );
    if (changes.length === 0) return;
    const what = plan.kind === 'create' ? `table "${plan.table}" already exists on sink "${sink.name}" without a migration of the registry` : `table "${plan.table}" on sink "${sink.name}" is not what request ${request.id} was planned against`;
    throw new SchemaDriftError(`${what}: ${changes.map((c) => c.explanation).join('; ')}; fix the table (or submit a request matching it) and apply again`, changes);
  }

  private async expectedTable(row: TrackingRow): Promise<TableDefinition | null> {
    const request = await this.deps.requests.byId(row.request_id);
    if (!request) throw new SinkUnavailableError(`the sink's tracking table names request ${row.request_id}, which this registry does not have; drift cannot be computed`);
    return (await this.deps.planner.planFor(request)).plan.next;
  }

  private async live(sink: Sink, tables: string[]): Promise<Map<string, LiveTable>> {
    if (!this.deps.connect) throw new SinkUnavailableError('this deployment runs no sinks');
    const driver = await this.deps.connect(sink);
    try {
      return await driver.transaction(sink.namespace, (tx) => CATALOG_READERS[sink.dialect](tx.query.bind(tx), tables));
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      throw new SinkUnavailableError(`sink "${sink.name}": its catalog cannot be read: ${scrubMessage(error, driver.secrets)}`);
    }
  }

  private runner(): MigrationRunner {
    if (!this.deps.runner) throw new SinkUnavailableError('this deployment runs no sinks');
    return this.deps.runner;
  }
}
