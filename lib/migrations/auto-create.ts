/**
 * Auto-create (seed 003): in a workspace that enables it, the auto-approval worker's decision on a
 * request is followed by creating its table on the workspace's `default` sink, and every outcome goes
 * into the workspace's auto-create log: created, skipped (and why), failed (and how).
 */
import { authorize, type Principal } from '../auth/principal.js';
import type { Page } from '../dynamo/table.js';
import type { AutoCreateLogEntryItem, SchemaRequestItem } from '../generated/table.js';
import { AUTO_APPROVER } from '../requests/auto-review.js';
import type { AutoApprovalDecision, Review } from '../requests/model.js';
import type { AutoCreateLogStore } from '../store/auto-create-log.js';
import type { SchemaRequestStore } from '../store/requests.js';
import type { WorkspaceService } from '../workspaces/service.js';
import type { MigrationService } from './service.js';
import { DEFAULT_SINK } from './sinks.js';

export type AutoCreateEntry = Omit<AutoCreateLogEntryItem, 'details'> & { details: unknown };

export class AutoCreator {
  constructor(
    private readonly deps: {
      log: AutoCreateLogStore;
      requests: SchemaRequestStore;
      workspaces: Pick<WorkspaceService, 'policies'>;
      migrations: Pick<MigrationService, 'applyAs'>;
    },
  ) {}

  /** Follows the worker's decision on `request`; answers the log entry, or undefined when the workspace does not auto-create. */
  async follow(request: SchemaRequestItem, decision: AutoApprovalDecision): Promise<AutoCreateLogEntryItem['action'] | undefined> {
    const policy = await this.deps.workspaces.policies(request.workspace_id);
    if (!policy.auto_create) return undefined;
    const review = JSON.parse(request.review ?? '{}') as Review;
    if (decision.decision !== 'approved') {
      await this.log(request, decision.decision, { reason: decision.reason, risk: review.risk ?? request.risk ?? null, risk_reasons: review.risk_reasons ?? [] });
      return decision.decision;
    }
    try {
      const approved = await this.deps.requests.byId(request.id);
      if (!approved) throw new Error(`request ${request.id} disappeared after its approval`);
      const { attempt } = await this.deps.migrations.applyAs(AUTO_APPROVER, approved, DEFAULT_SINK);
      await this.log(request, 'created', { risk: review.risk ?? 'low', outcome: attempt.outcome, sql: attempt.statements, duration_ms: attempt.duration_ms, attempt_id: attempt.id });
      return 'created';
    } catch (e) {
      const ext = (e as { extensions?: Record<string, unknown> }).extensions ?? {};
      await this.log(request, 'failed', { error: (e as Error).message, ...(ext.failed_statement ? { failed_statement: ext.failed_statement } : {}), ...(ext.waiting_on ? { waiting_on: ext.waiting_on } : {}) });
      return 'failed';
    }
  }

  private log(request: SchemaRequestItem, action: AutoCreateLogEntryItem['action'], details: unknown): Promise<void> {
    return this.deps.log.append({ workspace_id: request.workspace_id, request_id: request.id, schema_name: request.schema_name, table_name: request.schema_name, action, ...(action === 'skipped' ? {} : { sink: DEFAULT_SINK }), details });
  }

  /** A workspace's log, newest first (admin). */
  async list(principal: Principal, workspaceId: string, limit: number, cursor?: string): Promise<Page<AutoCreateEntry>> {
    authorize(principal, workspaceId, 'admin', 'workspace');
    const page = await this.deps.log.list(workspaceId, limit, cursor);
    return { items: page.items.map((i) => ({ ...i, details: JSON.parse(i.details) as unknown })), next_cursor: page.next_cursor };
  }
}
