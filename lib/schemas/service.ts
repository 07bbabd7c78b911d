/**
 * Publishing and reading schemas. A publish writes the version, its fingerprint guard, the new head and
 * the audit event in one transaction, conditional on the head not having moved since it was read; the
 * loser of a race re-reads and tries the next number, so concurrent publishes get consecutive versions.
 */
import { authorize, type Principal } from '../auth/principal.js';
import { auditEvent } from '../audit/events.js';
import { ConflictError, NotFoundError, ServiceUnavailableError } from '../errors.js';
import type { EngineRegistry } from '../engines/registry.js';
import type { Json } from '../engines/types.js';
import { cancellationCodes } from '../dynamo/errors.js';
import type { Table } from '../dynamo/table.js';
import type { SchemaItem } from '../generated/table.js';
import { fingerprint } from '../table-design/canonical-json.js';
import type { Role } from '../../functions/routes.js';
import { toSchemaVersion, type SchemaVersion } from './model.js';
import { SchemaRepository, type Page } from './repository.js';

export interface PublishInput {
  workspace_id: string;
  name: string;
  definition: Json;
  engine?: string;
  description?: string;
}

export interface PublishResult {
  version: SchemaVersion;
  /** false when an identical definition was already a version (idempotent registration). */
  created: boolean;
}

/** Bounds the retries of a publish that keeps losing races; each retry re-reads the head. */
const MAX_PUBLISH_ATTEMPTS = 40;

export class SchemaService {
  readonly repo: SchemaRepository;
  constructor(
    private readonly table: Table,
    private readonly engines: EngineRegistry,
  ) {
    this.repo = new SchemaRepository(table);
  }

  async publish(principal: Principal, input: PublishInput): Promise<PublishResult> {
    authorize(principal, input.workspace_id, 'admin', 'workspace');
    const engineName = input.engine ?? 'json-schema';
    const engine = this.engines.get(engineName);
    engine.checkDefinition(input.definition);
    const fp = fingerprint(input.definition);

    for (let attempt = 0; attempt < MAX_PUBLISH_ATTEMPTS; attempt++) {
      const existing = await this.repo.fingerprint(input.workspace_id, input.name, fp);
      if (existing) {
        const v = await this.repo.versionByNumber(input.workspace_id, input.name, existing.version);
        if (v) return { version: toSchemaVersion(v), created: false };
      }
      const head = await this.repo.head(input.workspace_id, input.name);
      if (head && head.engine !== engineName) {
        throw new ConflictError(`schema "${input.name}" uses engine "${head.engine}"; a version cannot switch to "${engineName}"`);
      }
      const outcome = await this.tryPublish(principal, input, engineName, fp, head);
      if (outcome) return { version: outcome, created: true };
      // Lost a race: back off a little, with jitter, so twenty publishers do not retry in lockstep.
      await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
    }
    throw new ServiceUnavailableError(`schema "${input.name}" is being published concurrently too often; retry`, { headers: { 'Retry-After': '1' } });
  }

  /** One publish attempt: the version, or undefined when another writer moved the head first. */
  private async tryPublish(principal: Principal, input: PublishInput, engine: string, fp: string, head: SchemaItem | undefined): Promise<SchemaVersion | undefined> {
    const { now, newId } = this.table.deps;
    const at = now().toISOString();
    const number = (head?.latest_version ?? 0) + 1;
    const id = newId();
    const versionItem = {
      id,
      workspace_id: input.workspace_id,
      name: input.name,
      version: number,
      engine,
      definition: JSON.stringify(input.definition),
      fingerprint: fp,
      state: 'active' as const,
      created_at: at,
      created_by: principal.id,
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    const newHead: SchemaItem = {
      ...(head ?? { workspace_id: input.workspace_id, name: input.name, created_at: at, created_by: principal.id, state: 'active' as const }),
      latest_version: number,
      latest_version_id: id,
      engine,
      updated_at: at,
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    const audit = auditEvent(
      {
        workspace_id: input.workspace_id,
        actor: principal.id,
        action: 'schema_version.published',
        entity_type: 'schema_version',
        entity_id: id,
        after: { name: input.name, version: number, fingerprint: fp },
      },
      this.table.deps,
    );
    try {
      await this.table.transact([
        this.table.put('schema_version', versionItem, { expression: 'attribute_not_exists(PK)' }),
        this.table.put('schema_fingerprint', { workspace_id: input.workspace_id, name: input.name, fingerprint: fp, schema_version_id: id, version: number }, { expression: 'attribute_not_exists(PK)' }),
        this.table.put(
          'schema',
          newHead,
          head
            ? { expression: 'latest_version = :expected', values: { ':expected': head.latest_version } }
            : { expression: 'attribute_not_exists(PK)' },
        ),
        this.table.put('audit_event', audit, { expression: 'attribute_not_exists(PK)' }),
      ]);
    } catch (e) {
      if (cancellationCodes(e)?.includes('ConditionalCheckFailed')) return undefined;
      throw e;
    }
    return toSchemaVersion(versionItem);
  }

  /** A version the caller may read; 404 when it does not exist or is in a workspace they cannot see. */
  async get(principal: Principal, id: string, role: Role = 'reader'): Promise<SchemaVersion> {
    const item = await this.repo.versionById(id);
    if (!item) throw new NotFoundError(`schema version ${id} not found`);
    authorize(principal, item.workspace_id, role, `schema version ${id}`);
    return toSchemaVersion(item);
  }

  async versions(principal: Principal, id: string, limit: number, cursor?: string): Promise<Page<SchemaVersion>> {
    const v = await this.get(principal, id);
    const page = await this.repo.versions(v.workspace_id, v.name, limit, cursor);
    return { items: page.items.map(toSchemaVersion), next_cursor: page.next_cursor };
  }

  async listLatest(principal: Principal, workspaceId: string, prefix: string | undefined, limit: number, cursor?: string): Promise<Page<SchemaVersion>> {
    authorize(principal, workspaceId, 'reader', 'workspace');
    const page = await this.repo.heads(workspaceId, prefix, limit, cursor);
    const versions = await this.repo.latestVersions(page.items);
    return { items: versions.map(toSchemaVersion), next_cursor: page.next_cursor };
  }

  async fields(principal: Principal, id: string) {
    const v = await this.get(principal, id);
    return this.engines.get(v.engine).describeFields(v.definition);
  }

  async defaultValue(principal: Principal, id: string): Promise<Json> {
    const v = await this.get(principal, id);
    return this.engines.get(v.engine).defaultValue(v.definition);
  }
}
