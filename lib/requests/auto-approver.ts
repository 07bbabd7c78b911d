/**
 * The auto-approval worker: takes up to `limit` pending requests no run has decided yet, across every
 * workspace, and approves the low-risk ones of workspaces that opted in, as `system:auto-approver`.
 * Each decision is recorded on its request.
 */
import type { AutoApprovalDecision } from './model.js';
import type { SchemaRequestService } from './service.js';

export interface WorkerResult {
  request_id: string;
  workspace_id: string;
  decision: AutoApprovalDecision;
}

export const DEFAULT_BATCH = 10;

export async function runAutoApproval(deps: { requests: SchemaRequestService }, limit = DEFAULT_BATCH): Promise<WorkerResult[]> {
  const results: WorkerResult[] = [];
  // One at a time: requests for one schema must be approved in order, and the batch is small.
  for (const item of await deps.requests.pendingAutoReview(limit)) {
    results.push({ request_id: item.id, workspace_id: item.workspace_id, decision: await deps.requests.autoReview(item) });
  }
  return results;
}
