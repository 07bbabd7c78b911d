/** Migration previews: the DDL that would take a relational copy of the schema from its base version to the proposal. */
import { ConflictError, ValidationError } from '../errors.js';
import type { EngineRegistry } from '../engines/registry.js';
import type { Json } from '../engines/types.js';
import type { Clock } from '../dynamo/table.js';
import type { SchemaRequestItem } from '../generated/table.js';
import type { SchemaStore } from '../store/schemas.js';
import { jsonSchemaToTable, planMigration, renderMigration, type Dialect, type MigrationPlan, type MigrationPreview } from '../sql/index.js';
import type { Proposal, Review } from './model.js';
import { resolveProposal, type ResolvedProposal } from './proposal.js';

export class MigrationPreviewer {
  constructor(
    private readonly schemas: SchemaStore,
    private readonly engines: EngineRegistry,
    private readonly clock: Clock,
  ) {}

  /** The preview from `previous` (undefined: a CREATE) to the proposal; ValidationError when there is no relational projection. */
  render(name: string, proposal: ResolvedProposal, previous: Json | undefined, dialect: Dialect): MigrationPreview {
    return renderMigration(plan(name, proposal, previous), dialect, this.clock.now());
  }

  /** A stored request's preview in `dialect`, against the version its review was made against. */
  async forRequest(request: SchemaRequestItem, dialect: Dialect): Promise<MigrationPreview> {
    const { plan } = await this.planFor(request);
    return renderMigration(plan, dialect, this.clock.now());
  }

  /**
   * A stored request's migration plan, against the version its review was made against (`base`): what
   * the preview shows and what a sink runs. 409 when the proposal has no relational projection.
   */
  async planFor(request: SchemaRequestItem): Promise<{ plan: MigrationPlan; base?: { id: string; version: number } }> {
    const review = JSON.parse(request.review ?? '{}') as Review;
    const base = review.base_version ? await this.schemas.versionById(review.base_version.id) : undefined;
    const proposal = resolveProposal(this.engines, request.schema_name, JSON.parse(request.proposal) as Proposal, base, true);
    try {
      return { plan: plan(request.schema_name, proposal, base ? (JSON.parse(base.definition) as Json) : undefined), ...(review.base_version ? { base: review.base_version } : {}) };
    } catch (e) {
      if (e instanceof ValidationError) throw new ConflictError(`this request has no relational projection: ${e.message}`);
      throw e;
    }
  }
}

function plan(name: string, proposal: ResolvedProposal, previous: Json | undefined): MigrationPlan {
  const next = proposal.table ?? jsonSchemaToTable(proposal.definition, name);
  const before = previous === undefined ? null : jsonSchemaToTable(previous, name);
  return planMigration(name, before, next);
}
