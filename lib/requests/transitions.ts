/** Who may move a request to which status, and the request item a move produces. */
import { authorize, type Principal } from '../auth/principal.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import type { SchemaRequestItem } from '../generated/table.js';
import { TRANSITIONS, type RequestStatus } from './model.js';

/** Throws unless `principal` may move `current` to `to`: 409 for a move the status does not allow, 403 for the wrong person. */
export function checkTransition(principal: Principal, current: SchemaRequestItem, to: RequestStatus): void {
  // Readers may see a request but never move it; say so before anything about its state.
  authorize(principal, current.workspace_id, 'writer', `schema request ${current.id}`);
  const allowed = TRANSITIONS[current.status];
  const who = allowed[to];
  if (!who) {
    const options = Object.keys(allowed);
    throw new ConflictError(`a ${current.status} request cannot become ${to}; ${options.length ? `allowed: ${options.join(', ')}` : 'it is final'}`, {
      extensions: { current_status: current.status, allowed_transitions: options },
    });
  }
  if (who === 'requester' && principal.id !== current.requester) {
    throw new ForbiddenError(`only the requester (${current.requester}) can move this request to ${to}`);
  }
  if (who === 'reviewer') {
    if (principal.id === current.requester) throw new ForbiddenError('requesters cannot approve or reject their own request, whatever their role');
    authorize(principal, current.workspace_id, 'reviewer', `schema request ${current.id}`);
  }
}

/** The request moved to `to` at `at` by `actor`; a decision (approve, reject) records who made it. */
export function moved(current: SchemaRequestItem, to: RequestStatus, actor: string, at: string, comment?: string): SchemaRequestItem {
  const next: SchemaRequestItem = { ...current, status: to, updated_at: at };
  if (to === 'approved' || to === 'rejected') next.decided_by = actor;
  if (comment !== undefined) next.decision_comment = comment;
  return next;
}
