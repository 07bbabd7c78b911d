/** Migration previews: the DDL that would take a relational copy of the schema from its base version to the proposal. */
import { ConflictError, ValidationError } from '../errors.js';
import type { EngineRegistry } from '../engines/registry.js';
import type { Json } from '../engines/types.js';
import type { SchemaRequestItem } from '../generated/table.js';
import type { SchemaStore } from '../store/schemas.js';
import { jsonSchemaToTable, planMigration, renderMigration, type Dialect, type MigrationPlan, type MigrationPreview } from '../sql/index.js';
import type { Proposal, Review } from './model.js';
import { resolveProposal, type ResolvedProposal } from './proposal.js';

export class MigrationPreviewer {
  constructor(
    private readonly schemas: SchemaStore,
    private readonly engines: EngineRegistry,
  ) {}

  /**
   * The preview from `previous` (undefined: a CREATE) to the proposal, its file named after `at`;
   * ValidationError when there is no relational projection.
   */
  render(name: string, proposal: ResolvedProposal, previous: Json | undefined, dialect: Dialect, at: Date): MigrationPreview {
    return renderMigration(plan(name, proposal, previous), dialect, at);
  }

  /**
   * A stored request's preview in `dialect`, against the version its review was made against. Its file is
   * named after the request's creation, never the time of the GET, so every read names the same file.
   */
  async forRequest(request: SchemaRequestItem, dialect: Dialect): Promise<MigrationPreview> {
    const { plan } = await this.planFor(request);
    return renderMigration(plan, dialect, migrationTime(request));
  }

  /**
   * A stored request's migration plan, against the version its review was made against (`base`): what
   * the preview shows and what a sink runs. 409 when the proposal has no relational projection.
   */
  async planFor(request: SchemaRequestItem): Promise<{ plan: MigrationPlan; base?: { id: string; version: number } }> {
    const review = JSON.parse(request.review ?? '{}') as Review;
    const base = review.base_version ? await this.schemas.versionById(review.base_version.id) : undefined;
    const proposal = await resolveProposal(this.engines, request.schema_name, JSON.parse(request.proposal) as Proposal, base, true);
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

/**
 * When a request's migration file is dated: its creation, which never changes (its updated_at moves on
 * with approval, apply and rollback), so every read and every sink names the same file.
 */
export function migrationTime(request: Pick<SchemaRequestItem, 'created_at'>): Date {
  return new Date(request.created_at);
}
