/**
 * The auto-approval worker: takes up to `limit` pending requests no run has decided yet, across every
 * workspace, and approves the low-risk ones of workspaces that opted in, as `system:auto-approver`.
 * Each decision is recorded on its request.
 */
import type { AutoCreator } from '../migrations/auto-create.js';
import type { AutoApprovalDecision } from './model.js';
import type { SchemaRequestService } from './service.js';

export interface WorkerResult {
  request_id: string;
  workspace_id: string;
  decision: AutoApprovalDecision;
  /** In a workspace that auto-creates: what became of the table (created, skipped, failed). */
  auto_create?: 'created' | 'skipped' | 'failed';
}

export const DEFAULT_BATCH = 10;

export async function runAutoApproval(deps: { requests: SchemaRequestService; autoCreate?: Pick<AutoCreator, 'follow'> }, limit = DEFAULT_BATCH): Promise<WorkerResult[]> {
  const results: WorkerResult[] = [];
  // One at a time: requests for one schema must be approved (and created) in order, and the batch is small.
  for (const item of await deps.requests.pendingAutoReview(limit)) {
    const decision = await deps.requests.autoReview(item);
    const created = await deps.autoCreate?.follow(item, decision);
    results.push({ request_id: item.id, workspace_id: item.workspace_id, decision, ...(created ? { auto_create: created } : {}) });
  }
  return results;
}
