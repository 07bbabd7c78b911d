/**
 * The auto-approval worker: takes up to `limit` pending requests no run has decided yet, across every
 * workspace (a Query on the by-status index, paged past decided requests; never a Scan), and approves the low-risk ones of
 * workspaces that opted in, as `system:auto-approver`. Each decision is recorded on its request.
 */
import type { Table } from '../dynamo/table.js';
import type { SchemaRequestItem } from '../generated/table.js';
import type { AutoApprovalDecision } from './model.js';
import type { SchemaRequestService } from './service.js';

export interface WorkerResult {
  request_id: string;
  workspace_id: string;
  decision: AutoApprovalDecision;
}

export const DEFAULT_BATCH = 10;

export async function runAutoApproval(deps: { table: Table; requests: SchemaRequestService }, limit = DEFAULT_BATCH): Promise<WorkerResult[]> {
  const out = await deps.table.entities.schema_request.query
    .schema_requests_by_status({ status: 'pending' })
    .where(({ auto_reviewed_at }, { notExists }) => notExists(auto_reviewed_at))
    // `count`, not `limit`: a Limit caps the items read before the filter, so a batch of already decided
    // requests (skipped ones stay pending) would hide every newer one; `count` pages until it has enough.
    .go({ count: limit });
  const results: WorkerResult[] = [];
  // One at a time: requests for one schema must be approved in order, and the batch is small.
  for (const item of out.data as SchemaRequestItem[]) {
    results.push({ request_id: item.id, workspace_id: item.workspace_id, decision: await deps.requests.autoReview(item) });
  }
  return results;
}
