/**
 * Reconciling the registry with a sink's tracking table, for teams that apply the exported files with
 * their own runner: a request the tracking table shows applied (with the SQL the registry would run)
 * becomes `migrated` on that sink, and one it shows rolled back becomes `rolled_back`. Each change is
 * an attempt of outcome `synced`, written with its audit event and notification like any other.
 */
import { authorize, type Principal } from '../auth/principal.js';
import type { Clock, Transactor } from '../dynamo/table.js';
import type { SchemaRequestItem } from '../generated/table.js';
import { APPROVED_STATUSES, type RequestMigration } from '../requests/model.js';
import type { MigrationPreviewer } from '../requests/preview.js';
import { migrationSql, SinkUnavailableError, type MigrationRunner } from '../sinks/index.js';
import { AttemptRecorder, type RecordStores } from './record.js';
import type { SinkService } from './sinks.js';

export interface SyncResult {
  workspace_id: string;
  sink: string;
  marked: { request_id: string; schema_name: string; status: SchemaRequestItem['status'] }[];
  skipped: { request_id: string; reason: string }[];
}

export class SinkSync {
  readonly #recorder: AttemptRecorder;

  constructor(private readonly deps: { stores: RecordStores; tx: Transactor; clock: Clock; sinks: Pick<SinkService, 'resolve'>; planner: Pick<MigrationPreviewer, 'planFor'>; runner?: MigrationRunner }) {
    this.#recorder = new AttemptRecorder(deps.stores, deps.tx, deps.clock);
  }

  async sync(principal: Principal, workspaceId: string, name: string): Promise<SyncResult> {
    authorize(principal, workspaceId, 'reviewer', 'workspace');
    const target = await this.deps.sinks.resolve(workspaceId, name);
    const { sink } = target;
    if (!this.deps.runner) throw new SinkUnavailableError('this deployment runs no sinks');
    const result: SyncResult = { workspace_id: workspaceId, sink: sink.name, marked: [], skipped: [] };
    for (const row of await this.deps.runner.status(sink)) {
      if (row.status === 'failed') continue;
      const request = await this.deps.stores.requests.byId(row.request_id);
      if (!request || request.workspace_id !== workspaceId || !APPROVED_STATUSES.includes(request.status)) {
        result.skipped.push({ request_id: row.request_id, reason: 'no approved request of this workspace has this id' });
        continue;
      }
      const known = request.migrations ? (JSON.parse(request.migrations) as Record<string, RequestMigration>)[sink.name]?.state : undefined;
      const operation = row.status === 'applied' ? 'apply' : 'rollback';
      if ((operation === 'apply' && known === 'applied') || (operation === 'rollback' && known !== 'applied')) continue;
      const expected = migrationSql({ id: request.id, request_id: request.id, schema_name: request.schema_name, schema_version: row.schema_version, plan: (await this.deps.planner.planFor(request)).plan }, sink.dialect).checksum;
      if (row.checksum !== expected) {
        result.skipped.push({ request_id: request.id, reason: `the tracking row's checksum ${row.checksum.slice(0, 12)}… is not that of the registry's SQL (${expected.slice(0, 12)}…): what ran is not this request's migration` });
        continue;
      }
      const { request: written } = await this.#recorder.record(request, {
        sink: { name: sink.name, dialect: sink.dialect, ...(sink.namespace ? { namespace: sink.namespace } : {}), ...(target.environment ? { environment: target.environment.name } : {}) },
        operation,
        outcome: 'synced',
        schema_version: row.schema_version,
        statements: [],
        checksum: row.checksum,
        duration_ms: 0,
        actor: principal.id,
      });
      result.marked.push({ request_id: request.id, schema_name: request.schema_name, status: written.status });
    }
    return result;
  }
}
