/**
 * Applying and rolling back an approved request's migration on one of its workspace's sinks: the sink's
 * runner does the database side (lock, transaction, tracking table), the recorder the registry side
 * (status, attempt, audit, notification in one transaction). Every attempt is recorded, whatever its
 * outcome; the error of a failed one is then answered as it is (409 or 503, with what failed).
 */
import { authorize, type Principal } from '../auth/principal.js';
import type { Clock, Transactor } from '../dynamo/table.js';
import { ConflictError, ForbiddenError, NotFoundError, ServiceUnavailableError, ValidationError } from '../errors.js';
import type { MigrationAttemptItem, SchemaRequestItem } from '../generated/table.js';
import { APPROVED_STATUSES, toSchemaRequest, type SchemaRequest } from '../requests/model.js';
import type { MigrationPreviewer } from '../requests/preview.js';
import { MigrationFailedError, MigrationWaitingError, RollbackBlockedError, SinkUnavailableError, type Migration, type MigrationOutcome, type MigrationRunner, type Sink } from '../sinks/index.js';
import type { SchemaStore } from '../store/schemas.js';
import type { SinkDrift } from './drift.js';
import { SchemaDriftError } from './errors.js';
import type { Promotion } from './promotion.js';
import { AttemptRecorder, type AttemptRecord, type RecordStores } from './record.js';
import { DEFAULT_SINK, type SinkService } from './sinks.js';

export interface MigrationServiceDeps {
  stores: RecordStores & { schemas: SchemaStore };
  tx: Transactor;
  clock: Clock;
  sinks: SinkService;
  planner: Pick<MigrationPreviewer, 'planFor'>;
  /** Absent: this deployment runs no sinks, and every apply answers 503. */
  runner?: MigrationRunner;
  /** Checked before every apply: promotion order and second reviewer (lib/migrations/promotion). */
  guard?: Pick<Promotion, 'checkApply'>;
  /** Checked before every apply: the sink's live table is what the migration was planned against. */
  drift?: Pick<SinkDrift, 'checkBeforeApply'>;
}

export interface MigrationTarget {
  sink?: string;
  dialect?: string;
}

/** What an apply or rollback answers: the request as it now stands and the attempt just recorded. */
export interface MigrationResult {
  request: SchemaRequest;
  attempt: AttemptView;
}

export type AttemptView = Omit<MigrationAttemptItem, 'statements'> & { statements: string[] };

export function toAttemptView(item: MigrationAttemptItem): AttemptView {
  return { ...item, statements: JSON.parse(item.statements) as string[] };
}

export class MigrationService {
  readonly #recorder: AttemptRecorder;

  constructor(private readonly deps: MigrationServiceDeps) {
    this.#recorder = new AttemptRecorder(deps.stores, deps.tx, deps.clock);
  }

  async apply(principal: Principal, id: string, target: MigrationTarget): Promise<MigrationResult> {
    const current = await this.migratable(principal, id);
    return this.run(principal.id, current, 'apply', target);
  }

  async rollback(principal: Principal, id: string, target: MigrationTarget): Promise<MigrationResult> {
    const current = await this.migratable(principal, id);
    return this.run(principal.id, current, 'rollback', target);
  }

  /** Applies as `actor` without a person's check: the worker's auto-create and apply-on-approval. */
  applyAs(actor: string, current: SchemaRequestItem, sink: string = DEFAULT_SINK): Promise<MigrationResult> {
    return this.run(actor, current, 'apply', { sink });
  }

  /**
   * After an approval: applies the request on every sink of its workspace that applies on approval, as
   * the approver. Failures are recorded on the request (migration_failed, or waiting), not thrown: the
   * approval itself stands. Answers the request as it then is, or undefined when no sink applies.
   */
  async applyOnApproval(actor: string, approved: Pick<SchemaRequest, 'id' | 'workspace_id'>): Promise<SchemaRequest | undefined> {
    const sinks = (await this.deps.sinks.list(approved.workspace_id)).filter((s) => s.apply_on_approval);
    for (const { sink } of sinks) {
      const current = await this.deps.stores.requests.byId(approved.id);
      if (current) await this.run(actor, current, 'apply', { sink: sink.name }).catch(() => undefined);
    }
    const latest = sinks.length ? await this.deps.stores.requests.byId(approved.id) : undefined;
    return latest && toSchemaRequest(latest);
  }

  /** A request `principal` may apply or roll back: reviewer or admin, never the requester alone, approved already. */
  private async migratable(principal: Principal, id: string): Promise<SchemaRequestItem> {
    const current = await this.deps.stores.requests.byId(id);
    if (!current) throw new NotFoundError(`schema request ${id} not found`);
    authorize(principal, current.workspace_id, 'reader', `schema request ${id}`);
    authorize(principal, current.workspace_id, 'reviewer', `schema request ${id}`);
    if (principal.id === current.requester) throw new ForbiddenError('requesters cannot apply or roll back their own request, whatever their role; a reviewer or admin does');
    return current;
  }

  private async run(actor: string, current: SchemaRequestItem, operation: 'apply' | 'rollback', target: MigrationTarget): Promise<MigrationResult> {
    if (!APPROVED_STATUSES.includes(current.status)) {
      throw new ConflictError(`a ${current.status} request has no migration to ${operation}; it must be approved first`, { extensions: { current_status: current.status } });
    }
    const resolved = await this.deps.sinks.resolve(current.workspace_id, target.sink ?? DEFAULT_SINK);
    const { sink } = resolved;
    if (target.dialect !== undefined && target.dialect !== sink.dialect) {
      throw new ValidationError(`sink "${sink.name}" is ${sink.dialect}; dialect "${target.dialect}" does not match it (leave dialect out, or name a ${target.dialect} sink)`);
    }
    const runner = this.deps.runner;
    if (!runner) throw new SinkUnavailableError('this deployment runs no sinks; migrations cannot be applied here');
    const { plan, base } = await this.deps.planner.planFor(current);
    const version = current.schema_ref ? (await this.deps.stores.schemas.versionById(current.schema_ref))?.version : undefined;
    if (version === undefined) throw new ConflictError(`request ${current.id} has no published version to migrate to`);
    // Refusals here change nothing, so they are no attempt: the request stays as it is.
    if (operation === 'apply') await this.deps.guard?.checkApply(current, resolved, plan);
    const environment = resolved.environment ? { environment: resolved.environment.name } : {};
    const attempt = { sink: { name: sink.name, dialect: sink.dialect, ...(sink.namespace ? { namespace: sink.namespace } : {}), ...environment }, operation, schema_version: version, actor };
    const migration: Migration = { id: current.id, request_id: current.id, schema_name: current.schema_name, schema_version: version, plan };
    let done: MigrationOutcome;
    try {
      if (operation === 'apply') {
        migration.depends_on = await this.dependencies(runner, sink, current, base);
        await this.deps.drift?.checkBeforeApply(sink, current, plan);
      }
      done = operation === 'apply' ? await runner.apply(sink, migration, { actor }) : await runner.rollback(sink, migration, { actor });
    } catch (error) {
      const failure = failureOf(error);
      if (failure) await this.#recorder.record(current, { ...attempt, ...failure });
      throw error;
    }
    const written = await this.#recorder.record(current, { ...attempt, outcome: done.outcome, statements: done.statements, checksum: done.checksum, duration_ms: done.duration_ms });
    return { request: toSchemaRequest(written.request), attempt: toAttemptView(written.attempt) };
  }

  /**
   * Approval order: a new version's migration changes the table its base version's migration made, so
   * it waits until that one is applied on this sink, and says so.
   */
  private async dependencies(runner: MigrationRunner, sink: Sink, current: SchemaRequestItem, base: { id: string; version: number } | undefined): Promise<string[]> {
    if (!base) return [];
    const rows = await runner.status(sink);
    const before = rows.find((r) => r.schema_name === current.schema_name && r.schema_version === base.version && r.status === 'applied');
    if (before) return [before.migration_id];
    const what = `${current.schema_name} version ${base.version}`;
    throw new MigrationWaitingError(`request ${current.id} changes ${what}, which is not applied on sink "${sink.name}" yet; apply the request that created it first`, [what]);
  }
}

/**
 * What an error of the runner records: the statements it executed, the failing one last (rolled back,
 * except what MySQL keeps), why, and what it waits on or would break. Undefined for errors that are no
 * attempt (a bad migration).
 */
function failureOf(error: unknown): Pick<AttemptRecord, 'outcome' | 'statements' | 'duration_ms' | 'error' | 'failed_statement' | 'waiting_on' | 'dependents'> | undefined {
  const base = { statements: [] as string[], duration_ms: 0 };
  // Refused before anything ran, and the request is still as approved: nothing to record.
  if (error instanceof SchemaDriftError) return undefined;
  if (error instanceof MigrationWaitingError) return { ...base, outcome: 'waiting', error: error.message, waiting_on: error.waitingOn };
  if (error instanceof RollbackBlockedError) return { ...base, outcome: 'blocked', error: error.message, dependents: error.dependents };
  if (error instanceof MigrationFailedError) {
    return { ...base, statements: error.details.statements, outcome: 'failed', error: error.message, failed_statement: error.details.failed_statement };
  }
  if (error instanceof ConflictError || error instanceof ServiceUnavailableError) return { ...base, outcome: 'failed', error: error.message };
  return undefined;
}
