/**
 * Environments: the checks before a request's migration is applied on a sink of an environment
 * (promotion order, the second reviewer), and the second reviewer's approval itself, written with its
 * audit event and the requester's notification in one transaction.
 */
import { authorize, type Principal } from '../auth/principal.js';
import type { Clock, Transactor } from '../dynamo/table.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { SchemaRequestItem } from '../generated/table.js';
import { APPROVED_STATUSES, toSchemaRequest, type EnvironmentApproval, type RequestMigration, type SchemaRequest } from '../requests/model.js';
import type { MigrationPlan } from '../sql/index.js';
import type { AuditStore } from '../store/audit.js';
import type { NotificationStore } from '../store/notifications.js';
import type { SchemaRequestStore } from '../store/requests.js';
import type { WorkspaceService } from '../workspaces/service.js';
import type { SinkDrift } from './drift.js';
import { PromotionOrderError, SecondApprovalRequiredError, SecondReviewerError } from './errors.js';
import type { SinkService, WorkspaceSink } from './sinks.js';

export interface PromotionDeps {
  sinks: Pick<SinkService, 'list'>;
  workspaces: Pick<WorkspaceService, 'promotion'>;
  drift: Pick<SinkDrift, 'tables'>;
  stores: { requests: SchemaRequestStore; audit: AuditStore; notifications: NotificationStore };
  tx: Transactor;
  clock: Clock;
}

export class Promotion {
  constructor(private readonly deps: PromotionDeps) {}

  /**
   * Throws unless `request` may be applied on `target` now: every sink of the previous environment (by
   * order) having it applied and without drift in its table where promotion is required, and its
   * environment's second approval given where required.
   */
  async checkApply(request: SchemaRequestItem, target: WorkspaceSink, plan: MigrationPlan): Promise<void> {
    const env = target.environment;
    if (env) {
      const rules = await this.deps.workspaces.promotion(request.workspace_id);
      if (rules.required) await this.checkPrevious(request, env, plan.table);
      if (rules.second_approval.includes(env.name) && !approvalsOf(request)[env.name]) {
        throw new SecondApprovalRequiredError(
          `environment "${env.name}" needs a second reviewer's approval before request ${request.id} is applied there; a reviewer other than ${request.decided_by ?? 'the approver'} and the requester gives it with POST /api/v1/schema-requests/${request.id}/environments/${env.name}/approval`,
          { extensions: { environment: env.name, approved_by: request.decided_by ?? null } },
        );
      }
    }
  }

  private async checkPrevious(request: SchemaRequestItem, env: NonNullable<WorkspaceSink['environment']>, table: string): Promise<void> {
    const staged = (await this.deps.sinks.list(request.workspace_id)).filter((s) => s.environment && s.environment.order < env.order);
    const order = Math.max(...staged.map((s) => s.environment!.order));
    const previous = staged.filter((s) => s.environment!.order === order);
    if (previous.length === 0) return;
    const migrations = request.migrations ? (JSON.parse(request.migrations) as Record<string, RequestMigration>) : {};
    const notReady: { sink: string; reason: string }[] = [];
    for (const { sink } of previous) {
      const state = migrations[sink.name]?.state;
      if (state !== 'applied') {
        notReady.push({ sink: sink.name, reason: state ? `its last attempt left it ${state}` : 'it was never applied there' });
        continue;
      }
      const drift = (await this.deps.drift.tables(sink, table)).flatMap((t) => t.changes);
      if (drift.length) notReady.push({ sink: sink.name, reason: `applied, but its table drifted: ${drift.map((d) => d.explanation).join('; ')}` });
    }
    if (notReady.length === 0) return;
    const name = previous[0]!.environment!.name;
    throw new PromotionOrderError(
      `request ${request.id} must be applied and healthy in environment "${name}" before "${env.name}": ${notReady.map((n) => `sink "${n.sink}": ${n.reason}`).join('; ')}; apply it there first`,
      { environment: env.name, previous_environment: name, not_ready: notReady },
    );
  }

  /**
   * The second reviewer's approval of `id` for `environment`: never the requester, never the approver.
   * Apply needs it only where the workspace's promotion.second_approval names the environment; given
   * elsewhere it is kept and shown all the same (a team may approve ahead of turning the rule on).
   */
  async approve(principal: Principal, id: string, environment: string, comment?: string): Promise<SchemaRequest> {
    const current = await this.deps.stores.requests.byId(id);
    if (!current) throw new NotFoundError(`schema request ${id} not found`);
    authorize(principal, current.workspace_id, 'reader', `schema request ${id}`);
    authorize(principal, current.workspace_id, 'reviewer', `schema request ${id}`);
    if (principal.id === current.requester) throw new SecondReviewerError('requesters cannot approve their own request for an environment, whatever their role; another reviewer does');
    if (principal.id === current.decided_by) throw new SecondReviewerError(`${principal.id} approved request ${id} already; the second approval for "${environment}" must come from a different reviewer`);
    if (!APPROVED_STATUSES.includes(current.status)) throw new ConflictError(`a ${current.status} request cannot be approved for an environment; it must be approved first`, { extensions: { current_status: current.status } });
    const approvals = approvalsOf(current);
    if (approvals[environment]) throw new ConflictError(`request ${id} was already approved for "${environment}" by ${approvals[environment].by}`);
    const at = this.deps.clock.now().toISOString();
    const approval: EnvironmentApproval = { by: principal.id, at, ...(comment ? { comment } : {}) };
    const next: SchemaRequestItem = { ...current, updated_at: at, environment_approvals: JSON.stringify({ ...approvals, [environment]: approval }) };
    const { stores } = this.deps;
    await this.deps.tx.transactOrConflict(
      [
        stores.requests.update(next, current),
        stores.audit.put({ workspace_id: current.workspace_id, actor: principal.id, action: 'schema_request.environment_approved', entity_type: 'schema_request', entity_id: id, before: { environment_approvals: approvals }, after: { environment_approvals: { ...approvals, [environment]: approval } }, details: { environment, approved_by: current.decided_by ?? null } }),
        stores.notifications.put(current.requester, current.workspace_id, 'schema_request.environment_approved', { request_id: id, schema_name: current.schema_name, environment, by: principal.id }),
      ],
      'the request changed concurrently; read it again and retry',
    );
    return toSchemaRequest(next);
  }
}

function approvalsOf(request: SchemaRequestItem): Record<string, EnvironmentApproval> {
  return request.environment_approvals ? (JSON.parse(request.environment_approvals) as Record<string, EnvironmentApproval>) : {};
}
