/** Schema requests: reads by id, the review queue and requester listings, and their Puts. */
import type { Page, Table, TransactItem } from '../dynamo/table.js';
import type { SchemaRequestItem } from '../generated/table.js';
import { schemaRequestRules } from '../generated/records/schema_request.js';

export interface RequestFilter {
  workspace_id: string;
  status?: SchemaRequestItem['status'];
  requester?: string;
}

export class SchemaRequestStore {
  constructor(private readonly table: Table) {}

  /** A request by id: found on GSI1, then read strongly consistent from the table (the GSI copy may lag). */
  async byId(id: string): Promise<SchemaRequestItem | undefined> {
    const { data } = await (await this.table.entities()).schema_request.query.schema_request_by_id({ id }).go({ limit: 1 });
    const found = data[0] as SchemaRequestItem | undefined;
    if (!found) return undefined;
    const current = await this.table.read(schemaRequestRules, { workspace_id: found.workspace_id, id }, { consistent: true });
    return (current ?? found) as SchemaRequestItem;
  }

  /** A workspace's requests, newest first: by requester (optionally of one status), or by status (default pending). */
  async list(q: RequestFilter, limit: number, cursor?: string): Promise<Page<SchemaRequestItem>> {
    const e = (await this.table.entities()).schema_request.query;
    const options = { limit, cursor: cursor ?? null, order: 'desc' as const };
    return this.table.page(
      'listing schema requests',
      () =>
        q.requester
          ? (q.status
              ? e.schema_requests_by_requester({ workspace_id: q.workspace_id, requester: q.requester }).where(({ status }, { eq }) => eq(status, q.status!))
              : e.schema_requests_by_requester({ workspace_id: q.workspace_id, requester: q.requester })
            ).go(options)
          : // The workspace goes in the key composite, not begins(): ElectroDB then ends the prefix with its
            // separator (WS#acme#REQUEST#), where begins() would stop at WS#acme and match WS#acme-labs too.
            e.schema_requests_by_status({ status: q.status ?? 'pending', workspace_id: q.workspace_id }).go(options),
      (r: SchemaRequestItem) => r,
    );
  }

  /**
   * Up to `count` pending requests no auto-review has decided, across every workspace (a Query on the
   * by-status index, never a Scan).
   */
  async pendingUnreviewed(count: number): Promise<SchemaRequestItem[]> {
    const out = await (await this.table.entities()).schema_request.query
      .schema_requests_by_status({ status: 'pending' })
      .where(({ auto_reviewed_at }, { notExists }) => notExists(auto_reviewed_at))
      // `count`, not `limit`: a Limit caps the items read before the filter, so a batch of already decided
      // requests (skipped ones stay pending) would hide every newer one; `count` pages until it has enough.
      .go({ count });
    return out.data as SchemaRequestItem[];
  }

  /** Every request of a workspace in one status (the approved ones a sink's status lists as pending). */
  async allWithStatus(workspace_id: string, status: SchemaRequestItem['status']): Promise<SchemaRequestItem[]> {
    const { data } = await (await this.table.entities()).schema_request.query.schema_requests_by_status({ status, workspace_id }).go({ pages: 'all' });
    return data as SchemaRequestItem[];
  }

  /** The Put of a new request. */
  create(item: SchemaRequestItem): TransactItem {
    return this.table.put(schemaRequestRules, item, { expression: 'attribute_not_exists(PK)' });
  }

  /** The Put of a request's next state, conditional on nobody having changed it since it was read. */
  update(next: SchemaRequestItem, current: SchemaRequestItem): TransactItem {
    return this.table.put(schemaRequestRules, next, { expression: '#s = :s AND updated_at = :u', names: { '#s': 'status' }, values: { ':s': current.status, ':u': current.updated_at } });
  }
}
