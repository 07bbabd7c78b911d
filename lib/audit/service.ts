/** Reading the audit trail: one entity's history, or a workspace's feed (admin). */
import { encodeTime } from 'ulid';
import { authorize, type Principal } from '../auth/principal.js';
import type { Page } from '../dynamo/table.js';
import { BadRequestError } from '../errors.js';
import type { AuditEventItem } from '../generated/table.js';
import type { AuditFilter, AuditStore } from '../store/audit.js';
import { instantMs } from '../util/instant.js';

export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  entity_type: AuditEventItem['entity_type'];
  entity_id: string;
  workspace_id: string;
  before: unknown;
  after: unknown;
  details: unknown;
}

const parse = (s: string | undefined) => (s === undefined ? null : (JSON.parse(s) as unknown));
export const toAuditEvent = (i: AuditEventItem): AuditEvent => ({
  id: i.id,
  at: i.at,
  actor: i.actor,
  action: i.action,
  entity_type: i.entity_type,
  entity_id: i.entity_id,
  workspace_id: i.workspace_id,
  before: parse(i.before),
  after: parse(i.after),
  details: parse(i.details),
});

export interface AuditQuery extends Omit<AuditFilter, 'floor'> {
  /** ISO-8601: only events at or after this time. */
  since?: string;
}

export class AuditService {
  constructor(private readonly store: AuditStore) {}

  /** Events in time order. Ids are ULIDs from the registry's clock, so `since` is a lower bound on the id. */
  async list(principal: Principal, q: AuditQuery, limit: number, cursor?: string, role: 'reader' | 'admin' = 'admin'): Promise<Page<AuditEvent>> {
    authorize(principal, q.workspace_id, role, 'workspace');
    // Ids hold no time before 1970 (ULIDs cannot encode it), so an earlier `since` bounds nothing.
    const sinceMs = q.since === undefined ? 0 : instantMs(q.since);
    if (Number.isNaN(sinceMs)) {
      throw new BadRequestError(`since ${JSON.stringify(q.since)} is not a date-time the registry can read; send an RFC 3339 date-time such as 2026-01-31T12:00:00Z`, {
        errors: [{ path: '/since', message: 'is not a readable date-time', keyword: 'format' }],
      });
    }
    const floor = sinceMs > 0 ? `${encodeTime(sinceMs, 10)}${'0'.repeat(16)}` : undefined;
    const { since: _since, ...filter } = q;
    const page = await this.store.list({ ...filter, ...(floor ? { floor } : {}) }, limit, cursor);
    return { items: page.items.map(toAuditEvent), next_cursor: page.next_cursor };
  }
}
