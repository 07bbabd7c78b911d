/**
 * A sink's migrations as both sides know them: the sink's own tracking table and the registry's
 * attempts and approved requests, side by side, with every disagreement between the two named.
 */
import { authorize, type Principal } from '../auth/principal.js';
import type { MigrationAttemptItem, SchemaRequestItem } from '../generated/table.js';
import { SinkUnavailableError, type MigrationRunner, type TrackingRow } from '../sinks/index.js';
import type { MigrationAttemptStore } from '../store/migrations.js';
import type { SchemaRequestStore } from '../store/requests.js';
import type { SinkService } from './sinks.js';

type RegistryState = 'applied' | 'rolled_back' | 'failed' | 'waiting' | 'pending';

export interface SinkMigration {
  migration_id: string;
  request_id: string;
  schema_name: string;
  schema_version: number | null;
  /** The sink's word when it has a row, else the registry's: applied, rolled_back, failed, waiting or pending. */
  status: RegistryState;
  checksum: string | null;
  sink: Pick<TrackingRow, 'status' | 'checksum' | 'applied_sequence' | 'applied_at' | 'applied_by' | 'rolled_back_at' | 'error' | 'failed_statement'> | null;
  registry: { status: RegistryState; checksum: string | null; last_attempt_at: string | null; last_error?: string };
  /** Empty when both sides agree. */
  disagreements: string[];
}

export class SinkStatus {
  constructor(private readonly deps: { sinks: SinkService; attempts: MigrationAttemptStore; requests: SchemaRequestStore; runner?: MigrationRunner }) {}

  async migrations(principal: Principal, workspaceId: string, name: string) {
    authorize(principal, workspaceId, 'reader', 'workspace');
    const { sink } = await this.deps.sinks.resolve(workspaceId, name);
    if (!this.deps.runner) throw new SinkUnavailableError('this deployment runs no sinks');
    const [rows, attempts, approved] = await Promise.all([
      this.deps.runner.status(sink),
      this.deps.attempts.bySink(workspaceId, name),
      this.deps.requests.allWithStatus(workspaceId, 'approved'),
    ]);
    const byId = new Map<string, MigrationAttemptItem[]>();
    for (const a of attempts) byId.set(a.request_id, [...(byId.get(a.request_id) ?? []), a]);
    const ids = [...new Set([...rows.map((r) => r.migration_id), ...byId.keys(), ...approved.map((r) => r.id)])];
    const items = ids.map((id) => describe(id, rows.find((r) => r.migration_id === id), byId.get(id) ?? [], approved.find((r) => r.id === id)));
    // The sink's apply order first, then what the sink has not applied, in request (time) order.
    items.sort((a, b) => (a.sink?.applied_sequence ?? Infinity) - (b.sink?.applied_sequence ?? Infinity) || a.migration_id.localeCompare(b.migration_id));
    return { workspace_id: workspaceId, sink: sink.name, dialect: sink.dialect, ...(sink.namespace ? { namespace: sink.namespace } : {}), in_agreement: items.every((i) => i.disagreements.length === 0), items };
  }
}

function registryState(attempts: MigrationAttemptItem[]): { status: RegistryState; checksum: string | null; last?: MigrationAttemptItem } {
  let status: RegistryState = 'pending';
  let checksum: string | null = null;
  for (const a of attempts) {
    if (a.outcome === 'applied' || (a.outcome === 'unchanged' && a.operation === 'apply')) [status, checksum] = ['applied', a.checksum ?? null];
    else if (a.outcome === 'rolled_back' || (a.outcome === 'unchanged' && a.operation === 'rollback')) status = 'rolled_back';
    else if (a.operation === 'apply' && a.outcome === 'failed') status = 'failed';
    else if (a.outcome === 'waiting') status = 'waiting';
  }
  return { status, checksum, ...(attempts.length ? { last: attempts[attempts.length - 1] } : {}) };
}

function describe(id: string, row: TrackingRow | undefined, attempts: MigrationAttemptItem[], approved: SchemaRequestItem | undefined): SinkMigration {
  const registry = registryState(attempts);
  const disagreements: string[] = [];
  if (row && attempts.length === 0) disagreements.push(`the sink's tracking table has migration ${id} (${row.status}), but the registry never ran it on this sink`);
  if (row && attempts.length > 0) {
    if (row.status === 'applied' && registry.status !== 'applied') disagreements.push(`applied on the sink, but the registry's last attempt left it ${registry.status}; apply again to record it`);
    if (row.status !== 'applied' && registry.status === 'applied') disagreements.push(`the registry recorded it applied, but the sink's tracking table says ${row.status}`);
    if (registry.checksum && row.checksum !== registry.checksum) disagreements.push(`checksum differs: the sink records ${row.checksum.slice(0, 12)}…, the registry applied ${registry.checksum.slice(0, 12)}…; the tracking row or the table was changed outside the registry`);
  }
  if (!row && registry.status === 'applied') disagreements.push("the registry recorded it applied, but the sink's tracking table has no row for it");
  const first = attempts[0];
  return {
    migration_id: id,
    request_id: row?.request_id ?? first?.request_id ?? id,
    schema_name: row?.schema_name ?? first?.schema_name ?? approved?.schema_name ?? '',
    schema_version: row?.schema_version ?? first?.schema_version ?? null,
    status: row ? row.status : registry.status,
    checksum: row?.checksum ?? registry.checksum,
    sink: row
      ? { status: row.status, checksum: row.checksum, applied_sequence: row.applied_sequence, applied_at: row.applied_at, applied_by: row.applied_by, rolled_back_at: row.rolled_back_at, error: row.error, failed_statement: row.failed_statement }
      : null,
    registry: {
      status: registry.status,
      checksum: registry.checksum,
      last_attempt_at: registry.last?.at ?? null,
      // What it waits on, or why the last attempt failed.
      ...(registry.last?.error ? { last_error: registry.last.error } : {}),
    },
    disagreements,
  };
}
