/** Migration previews: the DDL that would take a relational copy of the schema from its base version to the proposal. */
import { ConflictError, ValidationError } from '../errors.js';
import type { EngineRegistry } from '../engines/registry.js';
import type { Json } from '../engines/types.js';
import type { SchemaRequestItem } from '../generated/table.js';
import type { SchemaStore } from '../store/schemas.js';
import { jsonSchemaToTable, planMigration, renderMigration, type Dialect, type MigrationPreview } from '../sql/index.js';
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
    const next = proposal.table ?? jsonSchemaToTable(proposal.definition, name);
    const before = previous === undefined ? null : jsonSchemaToTable(previous, name);
    return renderMigration(planMigration(name, before, next), dialect, at);
  }

  /**
   * A stored request's preview in `dialect`, against the version its review was made against. Its file is
   * named after the request's approval, or its creation until then, never the time of the GET, so every
   * read names the same file.
   */
  async forRequest(request: SchemaRequestItem, dialect: Dialect): Promise<MigrationPreview> {
    const review = JSON.parse(request.review ?? '{}') as Review;
    const base = review.base_version ? await this.schemas.versionById(review.base_version.id) : undefined;
    const proposal = resolveProposal(this.engines, request.schema_name, JSON.parse(request.proposal) as Proposal, base, true);
    try {
      return this.render(request.schema_name, proposal, base ? (JSON.parse(base.definition) as Json) : undefined, dialect, migrationTime(request));
    } catch (e) {
      if (e instanceof ValidationError) throw new ConflictError(`this request has no relational projection: ${e.message}`);
      throw e;
    }
  }
}

/** When a request's migration is dated: approval is final, so an approved request's updated_at is its approval. */
export function migrationTime(request: Pick<SchemaRequestItem, 'status' | 'created_at' | 'updated_at'>): Date {
  return new Date(request.status === 'approved' ? request.updated_at : request.created_at);
}
