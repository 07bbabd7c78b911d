/**
 * Approval: the request's review, renewed against today's head when the schema moved on, must have no
 * error-severity violation and a compatible verdict; the version is then published in the same
 * transaction as the approval, so no approval exists without its version or vice versa.
 */
import { ConflictError } from '../errors.js';
import type { SchemaItem, SchemaRequestItem } from '../generated/table.js';
import type { SchemaService } from '../schemas/service.js';
import type { SchemaStore } from '../store/schemas.js';
import { definitionFingerprint } from '../engines/registry.js';
import type { TransactItem } from '../dynamo/table.js';
import type { RequestChanges } from './changes.js';
import { toSchemaRequest, type AutoApprovalDecision, type SchemaRequest } from './model.js';
import type { Reviewer } from './review.js';
import { moved } from './transitions.js';

export class Approval {
  constructor(
    private readonly deps: { schemaStore: SchemaStore; schemas: Pick<SchemaService, 'verdict' | 'publishItems' | 'readSettings'>; reviews: Reviewer; changes: RequestChanges },
  ) {}

  async approve(actor: string, current: SchemaRequestItem, comment?: string, decision?: AutoApprovalDecision): Promise<SchemaRequest> {
    const { schemaStore, schemas, reviews, changes } = this.deps;
    const head: SchemaItem | undefined = await schemaStore.head(current.workspace_id, current.schema_name);
    const { review, renewed, resolved } = await reviews.current(current, head);
    const errors = review.violations.filter((v) => v.severity === 'error');
    if (errors.length) {
      throw new ConflictError(`the request has ${errors.length} error-severity violation(s); fix them in a new request: ${errors.map((v) => v.message).join('; ')}`, {
        extensions: { violations: errors },
      });
    }
    const { definition } = resolved;
    if (head) {
      // The schema may have moved on, or its mode changed, since the request was made: judge compatibility
      // against today's head (a renewed review already did, against this very head).
      const verdict = renewed && review.compatibility ? review.compatibility : await schemas.verdict(head, definition);
      if (!verdict.compatible) {
        throw new ConflictError(`the proposal is not ${verdict.compatibility} compatible with version ${verdict.breaking_changes[0]?.against_version}: ${verdict.breaking_changes[0]?.explanation}`, {
          extensions: { compatibility: verdict.compatibility, breaking_changes: verdict.breaking_changes },
        });
      }
    }
    const fp = definitionFingerprint(resolved.engine, definition);
    const existing = await schemaStore.fingerprint(current.workspace_id, current.schema_name, fp);
    const items: TransactItem[] = [];
    let schemaRef: string;
    if (existing) {
      schemaRef = existing.schema_version_id;
    } else {
      const read = await schemas.readSettings(current.workspace_id, head);
      const { dialect } = resolved.engine.checkDefinition(definition, read);
      const input = { workspace_id: current.workspace_id, name: current.schema_name, definition, dialect, engine: resolved.engine.name, ...(current.description ? { description: current.description } : {}) };
      const published = schemas.publishItems(actor, input, fp, head);
      items.push(...published.items);
      schemaRef = published.version.id;
      items.push(changes.notify(current, 'schema_version.published', { request_id: current.id, schema_ref: schemaRef, schema_name: current.schema_name, version: published.version.version }));
    }
    const next: SchemaRequestItem = { ...moved(current, 'approved', actor, changes.clock.now().toISOString(), comment), schema_ref: schemaRef };
    // The request keeps the review it was approved on.
    if (renewed) next.review = JSON.stringify(review);
    if (decision) {
      next.review = JSON.stringify({ ...review, auto_approval: decision });
      next.auto_reviewed_at = decision.at;
    }
    items.push(
      changes.update(next, current),
      changes.audit(actor, current, 'schema_request.approved', { status: current.status }, { status: 'approved', schema_ref: schemaRef }),
      changes.notify(current, 'schema_request.approved', { request_id: current.id, schema_ref: schemaRef, schema_name: current.schema_name }),
    );
    await changes.commit(items);
    return toSchemaRequest(next);
  }
}
