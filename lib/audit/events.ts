/**
 * Audit events: one per state change, always written in the same transaction as the change, so there is
 * no change without its event and no event without its change.
 */
import type { AuditEventItem } from '../generated/table.js';

export type AuditInput = Omit<AuditEventItem, 'id' | 'at' | 'before' | 'after' | 'details'> & {
  before?: unknown;
  after?: unknown;
  details?: unknown;
};

/** The audit_event attributes for a change, with id and time from the injected clock and id generator. */
export function auditEvent(input: AuditInput, deps: { now: () => Date; newId: () => string }): AuditEventItem {
  const item: AuditEventItem = {
    id: deps.newId(),
    at: deps.now().toISOString(),
    workspace_id: input.workspace_id,
    actor: input.actor,
    action: input.action,
    entity_type: input.entity_type,
    entity_id: input.entity_id,
  };
  if (input.before !== undefined) item.before = JSON.stringify(input.before);
  if (input.after !== undefined) item.after = JSON.stringify(input.after);
  if (input.details !== undefined) item.details = JSON.stringify(input.details);
  return item;
}
