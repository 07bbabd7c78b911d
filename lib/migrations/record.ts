/**
 * How one apply or rollback attempt is written: the request's next item (its status and per-sink
 * migration state), the attempt, its audit event (sink, dialect, the SQL executed, duration, outcome)
 * and the requester's notification, in one DynamoDB transaction. A lost race re-reads the request
 * and writes again on top of what the winner wrote.
 */
import type { Clock, Transactor } from '../dynamo/table.js';
import { ConflictError } from '../errors.js';
import type { MigrationAttemptItem, SchemaRequestItem } from '../generated/table.js';
import type { RequestMigration, RequestStatus } from '../requests/model.js';
import type { AuditStore } from '../store/audit.js';
import type { MigrationAttemptStore } from '../store/migrations.js';
import type { NotificationStore } from '../store/notifications.js';
import type { SchemaRequestStore } from '../store/requests.js';
import type { SinkDialect } from '../sinks/index.js';

export interface AttemptRecord {
  sink: { name: string; dialect: SinkDialect; namespace?: string; environment?: string };
  operation: 'apply' | 'rollback';
  outcome: MigrationAttemptItem['outcome'];
  schema_version: number;
  statements: string[];
  checksum?: string;
  duration_ms: number;
  actor: string;
  error?: string;
  failed_statement?: string;
  waiting_on?: string[];
  dependents?: string[];
}

export interface RecordStores {
  requests: SchemaRequestStore;
  migrations: MigrationAttemptStore;
  audit: AuditStore;
  notifications: NotificationStore;
}

/** Each lost race means another writer committed; a handful of concurrent appliers settle well within this. */
const MAX_RACES = 8;

/** The request's status after an attempt: only a successful apply or rollback, or a failed apply, moves it. */
export function statusAfter(current: RequestStatus, record: Pick<AttemptRecord, 'operation' | 'outcome'>): RequestStatus {
  if (record.operation === 'apply') return record.outcome === 'applied' || record.outcome === 'unchanged' || record.outcome === 'synced' ? 'migrated' : record.outcome === 'failed' ? 'migration_failed' : current;
  return record.outcome === 'rolled_back' || record.outcome === 'unchanged' || record.outcome === 'synced' ? 'rolled_back' : current;
}

function stateOf(record: AttemptRecord, previous: RequestMigration | undefined): RequestMigration['state'] {
  switch (record.outcome) {
    case 'applied':
      return 'applied';
    case 'rolled_back':
      return 'rolled_back';
    case 'unchanged':
    // Synced: the sink's tracking table shows it applied (or rolled back) by someone else's runner.
    case 'synced':
      return record.operation === 'apply' ? 'applied' : 'rolled_back';
    case 'waiting':
      return 'waiting';
    case 'blocked':
      return 'blocked';
    case 'failed':
      // A failed rollback changed nothing on the sink: the migration is still applied.
      return record.operation === 'apply' ? 'failed' : (previous?.state ?? 'applied');
  }
}

export class AttemptRecorder {
  constructor(
    private readonly stores: RecordStores,
    private readonly tx: Transactor,
    private readonly clock: Clock,
  ) {}

  /** Writes the attempt with the request's change; answers the request as written and the attempt. */
  async record(current: SchemaRequestItem, record: AttemptRecord): Promise<{ request: SchemaRequestItem; attempt: MigrationAttemptItem }> {
    let request = current;
    for (let race = 0; ; race++) {
      try {
        return await this.write(request, record);
      } catch (e) {
        if (!(e instanceof ConflictError) || race + 1 >= MAX_RACES) throw e;
        const fresh = await this.stores.requests.byId(current.id);
        if (!fresh) throw e;
        request = fresh;
      }
    }
  }

  private async write(current: SchemaRequestItem, record: AttemptRecord) {
    const { stores } = this;
    const { sink } = record;
    const { item: attempt, put } = stores.migrations.put({
      workspace_id: current.workspace_id,
      sink: sink.name,
      request_id: current.id,
      schema_name: current.schema_name,
      schema_version: record.schema_version,
      operation: record.operation,
      outcome: record.outcome,
      dialect: sink.dialect,
      statements: JSON.stringify(record.statements),
      duration_ms: record.duration_ms,
      actor: record.actor,
      ...(record.checksum ? { checksum: record.checksum } : {}),
      ...(record.error ? { error: record.error.slice(0, 2048) } : {}),
      ...(record.failed_statement ? { failed_statement: record.failed_statement.slice(0, 8192) } : {}),
    });
    const migrations = current.migrations ? (JSON.parse(current.migrations) as Record<string, RequestMigration>) : {};
    const state: RequestMigration = {
      sink: sink.name,
      dialect: sink.dialect,
      ...(sink.namespace ? { namespace: sink.namespace } : {}),
      ...(sink.environment ? { environment: sink.environment } : {}),
      state: stateOf(record, migrations[sink.name]),
      ...(record.checksum ? { checksum: record.checksum } : {}),
      attempt_id: attempt.id,
      at: attempt.at,
      by: record.actor,
      ...(record.error ? { error: record.error } : {}),
      ...(record.failed_statement ? { failed_statement: record.failed_statement } : {}),
      ...(record.waiting_on ? { waiting_on: record.waiting_on } : {}),
      ...(record.dependents ? { dependents: record.dependents } : {}),
    };
    const status = statusAfter(current.status, record);
    const next: SchemaRequestItem = { ...current, status, updated_at: this.clock.now().toISOString(), migrations: JSON.stringify({ ...migrations, [sink.name]: state }) };
    const action = status !== current.status ? `schema_request.${status}` : `schema_request.${record.operation === 'apply' ? 'migration' : 'rollback'}_${record.outcome}`;
    const items = [
      stores.requests.update(next, current),
      put,
      stores.audit.put({
        workspace_id: current.workspace_id,
        actor: record.actor,
        action,
        entity_type: 'schema_request',
        entity_id: current.id,
        before: { status: current.status },
        after: { status },
        details: {
          schema_name: current.schema_name,
          attempt_id: attempt.id,
          sink: sink.name,
          dialect: sink.dialect,
          namespace: sink.namespace ?? null,
          environment: sink.environment ?? null,
          operation: record.operation,
          outcome: record.outcome,
          sql: record.statements,
          duration_ms: record.duration_ms,
          checksum: record.checksum ?? null,
          ...(record.error ? { error: record.error } : {}),
          ...(record.failed_statement ? { failed_statement: record.failed_statement } : {}),
          ...(record.waiting_on ? { waiting_on: record.waiting_on } : {}),
          ...(record.dependents ? { dependents: record.dependents } : {}),
        },
      }),
    ];
    // Requesters hear when their table exists, when creating it failed, and when it is gone again.
    if (status !== current.status) {
      items.push(stores.notifications.put(current.requester, current.workspace_id, `schema_request.${status}`, { request_id: current.id, schema_name: current.schema_name, sink: sink.name, ...(record.error ? { error: record.error } : {}) }));
    }
    await this.tx.transactOrConflict(items, 'the request changed while its migration ran; read it again');
    return { request: next, attempt };
  }
}
