/** Refusals of environments, promotion and drift, in the registry's one hierarchy. */
import { ConflictError, ForbiddenError } from '../errors.js';
import type { DriftChange } from '../sinks/drift.js';

/** The previous environment does not have the migration applied and healthy yet (409, with what is missing). */
export class PromotionOrderError extends ConflictError {
  constructor(message: string, details: { environment: string; previous_environment: string; not_ready: { sink: string; reason: string }[] }) {
    super(message, { extensions: details });
  }
}

/** The environment needs a second reviewer's approval before apply, and has none yet (409). */
export class SecondApprovalRequiredError extends ConflictError {}

/** The second approval must come from someone other than the approver (and the requester) (403). */
export class SecondReviewerError extends ForbiddenError {}

/** The sink's live table differs from what the migration was planned against (409, with the drift). */
export class SchemaDriftError extends ConflictError {
  constructor(message: string, readonly drift: DriftChange[]) {
    super(message, { extensions: { drift } });
  }
}
