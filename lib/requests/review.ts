/**
 * Reviews: everything the registry can say about a proposal (policy violations and risk, and for an
 * existing schema the diff, the compatibility verdict and a migration preview), made when a request is
 * created and made again when the schema has moved on since.
 */
import { ValidationError } from '../errors.js';
import type { EngineRegistry } from '../engines/registry.js';
import type { Json } from '../engines/types.js';
import type { SchemaItem, SchemaRequestItem } from '../generated/table.js';
import { evaluate, policyInput } from '../policies/index.js';
import type { SchemaService } from '../schemas/service.js';
import type { SchemaStore } from '../store/schemas.js';
import type { WorkspaceService } from '../workspaces/service.js';
import type { Proposal, Review } from './model.js';
import { migrationTime, type MigrationPreviewer } from './preview.js';
import { resolveProposal, type ResolvedProposal } from './proposal.js';

export interface ReviewDeps {
  engines: EngineRegistry;
  schemaStore: SchemaStore;
  schemas: Pick<SchemaService, 'verdict' | 'readSettings' | 'referencesOf'>;
  workspaces: Pick<WorkspaceService, 'policies'>;
  previews: MigrationPreviewer;
}

export class Reviewer {
  constructor(private readonly deps: ReviewDeps) {}

  /**
   * The review of a proposal against the schema's head (read here, or passed when the caller already has
   * it), with the proposal it resolved to.
   */
  async review(
    workspaceId: string,
    schemaName: string,
    proposal: Proposal,
    options: { head?: SchemaItem | undefined; stored?: boolean; at: Date },
  ): Promise<{ review: Review; resolved: ResolvedProposal }> {
    const head = 'head' in options ? options.head : await this.deps.schemaStore.head(workspaceId, schemaName);
    const read = await this.deps.schemas.readSettings(workspaceId, head);
    const resolved = await resolveProposal(this.deps.engines, schemaName, proposal, head, options.stored, read);
    const { engine, definition, table } = resolved;
    const base = head ? await this.deps.schemaStore.versionByNumber(workspaceId, schemaName, head.latest_version) : undefined;
    const previous = base ? (JSON.parse(base.definition) as Json) : undefined;
    const compatibility = head ? await this.deps.schemas.verdict(head, definition) : undefined;
    // The latest version is read as it was published: in its dialect, with the versions it references.
    const previousReading = base ? { defaultDialect: base.dialect, references: await this.deps.schemas.referencesOf(base) } : undefined;
    const diff =
      previous !== undefined
        ? engine.compare(previous, definition, { openContentModel: head?.open_content_model ?? 'lenient', previousDialect: base?.dialect, previousReferences: previousReading?.references, nextDialect: read.defaultDialect })
        : undefined;

    const policy = await this.deps.workspaces.policies(workspaceId);
    const evaluation = evaluate(
      policyInput({ schema_name: schemaName, engine, ...(table !== undefined ? { table } : { definition, reading: { defaultDialect: read.defaultDialect } }), ...(previous !== undefined ? { previous, previousReading } : {}), ...(diff ? { compare: diff } : {}) }),
      policy,
    );

    const review: Review = { violations: evaluation.violations, risk: evaluation.risk, risk_reasons: evaluation.risk_reasons, migration_preview: null };
    if (base) review.base_version = { id: base.id, version: base.version };
    if (diff) review.diff = diff;
    if (compatibility) review.compatibility = compatibility;
    if (resolved.warnings?.length) review.warnings = resolved.warnings;
    try {
      review.migration_preview = this.deps.previews.render(schemaName, resolved, previous, 'postgres', options.at);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      review.migration_note = `no relational projection: ${e.message}`;
    }
    return { review, resolved };
  }

  /**
   * A stored request's review as it stands against the schema's head now: the stored one while the head
   * is the version it was made against, otherwise made again (violations such as a removed field exist
   * only against the version that has it). A renewed review's verdict is against `head`.
   */
  async current(request: SchemaRequestItem, head: SchemaItem | undefined): Promise<{ review: Review; renewed: boolean; resolved: ResolvedProposal }> {
    const stored = JSON.parse(request.review ?? '{}') as Review;
    const proposal = JSON.parse(request.proposal) as Proposal;
    if (head?.latest_version_id === stored.base_version?.id) {
      return { review: stored, renewed: false, resolved: await resolveProposal(this.deps.engines, request.schema_name, proposal, head, true) };
    }
    const { review, resolved } = await this.review(request.workspace_id, request.schema_name, proposal, { head, stored: true, at: migrationTime(request) });
    return { review: stored.auto_approval ? { ...review, auto_approval: stored.auto_approval } : review, renewed: true, resolved };
  }
}
