/** Audit events: the Put written with every change, and the two ways to read them back. */
import { auditEvent, type AuditInput } from '../audit/events.js';
import type { Page, Table, TransactItem } from '../dynamo/table.js';
import type { AuditEventItem } from '../generated/table.js';
import { auditEventRules } from '../generated/records/audit_event.js';

export interface AuditFilter {
  workspace_id: string;
  entity_type?: AuditEventItem['entity_type'];
  entity_id?: string;
  /** The lowest event id to answer (ids are ULIDs, so this is a time bound). */
  floor?: string;
}

export class AuditStore {
  constructor(private readonly table: Table) {}

  /** The Put of a change's audit event, for the change's own transaction; id and time from the table's clock. */
  put(input: AuditInput): TransactItem {
    return this.table.put(auditEventRules, auditEvent(input, this.table.clock), { expression: 'attribute_not_exists(PK)' });
  }

  /** Events in id (time) order: one entity's history, or the workspace feed, optionally of one entity type. */
  async list(q: AuditFilter, limit: number, cursor?: string): Promise<Page<AuditEventItem>> {
    const e = (await this.table.entities()).audit_event.query;
    return this.table.page(
      'listing audit events',
      () => {
        const base =
          q.entity_type && q.entity_id
            ? e.audit_events_by_entity({ workspace_id: q.workspace_id, entity_type: q.entity_type, entity_id: q.entity_id })
            : e.audit_events_by_workspace({ workspace_id: q.workspace_id });
        const bounded = q.floor ? base.gte({ id: q.floor }) : base;
        // The workspace feed narrowed to one entity type (no id) filters in DynamoDB: still one Query a page.
        const narrowed = q.entity_type && !q.entity_id ? bounded.where(({ entity_type }, { eq }) => eq(entity_type, q.entity_type!)) : bounded;
        return narrowed.go({ limit, cursor: cursor ?? null });
      },
      (i: AuditEventItem) => i,
    );
  }
}
