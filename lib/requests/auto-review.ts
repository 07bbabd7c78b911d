/**
 * The auto-approval decision on one pending request: approve it when the workspace opted in and the risk
 * is low, otherwise record why not. Fails closed: on any error it stays pending, with the failure
 * recorded where possible.
 */
import { ConflictError } from '../errors.js';
import type { SchemaRequestItem } from '../generated/table.js';
import type { SchemaStore } from '../store/schemas.js';
import type { WorkspaceService } from '../workspaces/service.js';
import type { Approval } from './approval.js';
import type { RequestChanges } from './changes.js';
import type { AutoApprovalDecision, Review } from './model.js';
import type { Reviewer } from './review.js';

/** The system principal the auto-approval worker acts as. */
export const AUTO_APPROVER = 'system:auto-approver';

export class AutoReviewer {
  constructor(
    private readonly deps: { schemaStore: SchemaStore; workspaces: Pick<WorkspaceService, 'policies'>; reviews: Reviewer; approval: Approval; changes: RequestChanges },
  ) {}

  async decide(current: SchemaRequestItem): Promise<AutoApprovalDecision> {
    const { schemaStore, workspaces, reviews, approval, changes } = this.deps;
    const at = () => changes.clock.now().toISOString();
    try {
      const policy = await workspaces.policies(current.workspace_id);
      const head = await schemaStore.head(current.workspace_id, current.schema_name);
      const { review } = await reviews.current(current, head);
      let reason: string | undefined;
      if (!policy.auto_approve && !policy.auto_create) reason = `workspace ${current.workspace_id} has not enabled auto-approval`;
      else if (review.risk !== 'low') reason = `risk is ${review.risk}: ${review.risk_reasons.join('; ') || 'see violations'}`;
      if (reason) {
        const decision: AutoApprovalDecision = { decision: 'skipped', reason, at: at() };
        await this.record(current, decision, true);
        return decision;
      }
      const decision: AutoApprovalDecision = { decision: 'approved', reason: 'low risk and the workspace auto-approves', at: at() };
      await approval.approve(AUTO_APPROVER, current, 'auto-approved: low risk', decision);
      return decision;
    } catch (e) {
      // Approval refused on the merits (error violations, an incompatible change) will not pass on a retry:
      // skip it like any other request a person must decide. Anything else (a lost race, a throttle) is a
      // failure, recorded but not marked reviewed, so the next run tries again.
      const refused = e instanceof ConflictError && (e.extensions?.violations !== undefined || e.extensions?.breaking_changes !== undefined);
      const decision: AutoApprovalDecision = { decision: refused ? 'skipped' : 'failed', reason: (e as Error).message, at: at() };
      await this.record(current, decision, refused).catch(() => undefined);
      return decision;
    }
  }

  private async record(current: SchemaRequestItem, decision: AutoApprovalDecision, reviewed: boolean): Promise<void> {
    const { changes } = this.deps;
    const review = { ...(JSON.parse(current.review ?? '{}') as Review), auto_approval: decision };
    const next: SchemaRequestItem = { ...current, review: JSON.stringify(review), updated_at: decision.at, ...(reviewed ? { auto_reviewed_at: decision.at } : {}) };
    await changes.commit([changes.update(next, current), changes.audit(AUTO_APPROVER, current, `schema_request.auto_${decision.decision}`, { status: current.status }, { status: current.status, reason: decision.reason })]);
  }
}
