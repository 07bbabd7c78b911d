/**
 * Publishing and reading schemas. A publish writes the version, its fingerprint guard, the new head and
 * the audit event in one transaction, conditional on the head not having moved since it was read; the
 * loser of a race re-reads and tries the next number, so concurrent publishes get consecutive versions.
 */
import { authorize, type Principal } from '../auth/principal.js';
import type { AuditInput } from '../audit/events.js';
import { ConflictError, NotFoundError, ServiceUnavailableError } from '../errors.js';
import { definitionFingerprint, type EngineRegistry } from '../engines/registry.js';
import type { DefinitionWarning, Json, ReferencedDefinition } from '../engines/types.js';
import { cancellationCodes } from '../dynamo/errors.js';
import { shardsOf } from '../payloads/shard.js';
import type { Clock, IdGenerator, Page, Transactor, TransactItem } from '../dynamo/table.js';
import type { IdempotencyRecordItem, SchemaItem, SchemaVersionItem } from '../generated/table.js';
import { checkIdempotencyKey, idempotencyRecord, idempotentRequest, storedAnswer, type IdempotentRequest } from '../idempotency.js';
import type { AuditStore } from '../store/audit.js';
import type { IdempotencyStore } from '../store/idempotency.js';
import type { SchemaReferenceStore } from '../store/references.js';
import type { SchemaStore } from '../store/schemas.js';
import type { WorkspaceStore } from '../store/workspaces.js';
import type { Role } from '../auth/roles.js';
import { checkCompatibility, describeVerdict, DEFAULT_COMPATIBILITY, isTransitive, type Compatibility, type CompatibilityVerdict, type VersionDefinition } from './compatibility.js';
import { DEFAULT_ENGINE, toSchemaVersion, type SchemaVersion } from './model.js';
import type { ResolvedReferences } from './references.js';
import { VersionReferences } from './version-references.js';

export interface PublishInput {
  workspace_id: string;
  name: string;
  definition: Json;
  engine?: string;
  description?: string;
  /** The dialect the engine read the definition in (its report; not caller input). */
  dialect?: string;
  /** The versions the definition references, resolved from the table (not caller input). */
  references?: ResolvedReferences;
}

export interface PublishResult {
  version: SchemaVersion;
  /** true when this answers an earlier request with the same Idempotency-Key. */
  replayed?: boolean;
  /** false when an identical definition was already a version (idempotent registration). */
  created: boolean;
  /** The compatibility check that let it through (absent for version 1 and for existing versions). */
  compatibility?: CompatibilityVerdict;
  /** What the engine noted about the definition (accepted, but worth knowing). */
  warnings: DefinitionWarning[];
}

/** What a dry run answers: the verdict and the version a publish would create, with nothing written. */
export interface DryRunResult {
  dry_run: true;
  compatible: boolean;
  /** The number the publish would get, or null when the definition already is a version. */
  would_create_version: number | null;
  existing_version: SchemaVersion | null;
  compatibility: CompatibilityVerdict | null;
  warnings: DefinitionWarning[];
}

export interface SchemaConfig {
  workspace_id: string;
  name: string;
  /** The mode in force. */
  compatibility: Compatibility;
  /** Where it comes from: the schema itself, the workspace default, or the registry default. */
  compatibility_source: 'schema' | 'workspace' | 'default';
  open_content_model: 'lenient' | 'strict';
  /** The dialect of definitions without `$schema` (JSON Schema: `2020-12` or `draft-07`), and where it comes from. */
  default_dialect: string | null;
  default_dialect_source: 'schema' | 'workspace' | 'default';
  /** Listing shards new payloads are spread over. */
  payload_shards: number;
}

/** How a schema's definitions are read and checked: the settings in force. */
export interface ReadSettings {
  defaultDialect?: string;
  refuseWarnings?: string[];
  source: SchemaConfig['default_dialect_source'];
}

export type VersionState = SchemaVersion['state'];

export interface SchemaConfigChange {
  compatibility?: Compatibility | null;
  open_content_model?: 'lenient' | 'strict';
  /** null removes the schema's own setting, so the workspace's applies. */
  default_dialect?: NonNullable<SchemaItem['default_dialect']> | null;
  /** Only ever raised: readers query every shard below it. */
  payload_shards?: number;
}

/** Bounds the retries of a publish that keeps losing races; each retry re-reads the head. */
const MAX_PUBLISH_ATTEMPTS = 40;

export interface SchemaStores {
  schemas: SchemaStore;
  idempotency: IdempotencyStore;
  references: SchemaReferenceStore;
  workspaces: WorkspaceStore;
  audit: AuditStore;
}

export class SchemaService {
  private readonly repo: SchemaStore;
  private readonly refs: VersionReferences;
  constructor(
    private readonly stores: SchemaStores,
    private readonly tx: Transactor,
    private readonly engines: EngineRegistry,
    private readonly clock: Clock & IdGenerator,
  ) {
    this.repo = stores.schemas;
    this.refs = new VersionReferences(stores, clock);
  }

  /**
   * Publishes the next version. With an Idempotency-Key, a retry of the same body within 24 hours answers
   * the first publish (`replayed`), even when later versions were published since.
   */
  async publish(principal: Principal, input: PublishInput, idempotencyKey?: string): Promise<PublishResult> {
    checkIdempotencyKey(idempotencyKey);
    const idempotent = idempotencyKey === undefined ? undefined : idempotentRequest(idempotencyKey, input.workspace_id, principal.id, 'schema.publish', input);
    return (await this.publishOrCheck(principal, input, false, idempotent)) as PublishResult;
  }

  /** Answers what a publish would do (verdict, version number) and writes nothing. */
  async dryRun(principal: Principal, input: PublishInput): Promise<DryRunResult> {
    return (await this.publishOrCheck(principal, input, true)) as DryRunResult;
  }

  private async publishOrCheck(principal: Principal, input: PublishInput, dryRun: boolean, idempotent?: IdempotentRequest): Promise<PublishResult | DryRunResult> {
    authorize(principal, input.workspace_id, 'admin', 'workspace');
    const engineName = input.engine ?? DEFAULT_ENGINE;
    const engine = await this.engines.get(engineName);
    // The version records the dialect it was checked in, so a setting changed meanwhile cannot make it inconsistent.
    const read = await this.readSettings(input.workspace_id, await this.repo.head(input.workspace_id, input.name));
    const references = await this.refs.resolve(input.workspace_id, engine.referencedUris(input.definition));
    const { dialect, warnings } = engine.checkDefinition(input.definition, { ...read, references: references.all });
    const fp = definitionFingerprint(engine, input.definition);

    for (let attempt = 0; attempt < MAX_PUBLISH_ATTEMPTS; attempt++) {
      // Read again after a lost race too: the winner may have been this request's own earlier attempt.
      const first = idempotent && (await storedAnswer<Pick<PublishResult, 'version' | 'warnings'>>(this.stores.idempotency, idempotent));
      if (first) return { ...first, created: true, replayed: true };
      const existing = await this.repo.fingerprint(input.workspace_id, input.name, fp);
      if (existing) {
        const v = await this.repo.versionByNumber(input.workspace_id, input.name, existing.version);
        if (v && v.engine !== engineName) {
          throw new ConflictError(`schema "${input.name}" uses engine "${v.engine}"; a version cannot switch to "${engineName}"`);
        }
        if (v && dryRun) return { dry_run: true, compatible: true, would_create_version: null, existing_version: toSchemaVersion(v), compatibility: null, warnings };
        if (v) return { version: toSchemaVersion(v), created: false, warnings };
      }
      const head = await this.repo.head(input.workspace_id, input.name);
      if (head && head.engine !== engineName) {
        throw new ConflictError(`schema "${input.name}" uses engine "${head.engine}"; a version cannot switch to "${engineName}"`);
      }
      const verdict = head ? await this.verdict(head, input.definition, references.all) : undefined;
      if (dryRun) {
        return { dry_run: true, compatible: verdict?.compatible ?? true, would_create_version: (head?.latest_version ?? 0) + 1, existing_version: null, compatibility: verdict ?? null, warnings };
      }
      if (verdict && !verdict.compatible) {
        throw new ConflictError(describeVerdict(input.name, verdict), { extensions: { compatibility: verdict.compatibility, breaking_changes: verdict.breaking_changes } });
      }
      const outcome = await this.tryPublish(principal, { ...input, dialect, references }, engineName, fp, head, idempotent && ((version) => idempotencyRecord(idempotent, 201, { version, warnings }, this.clock.now())));
      if (outcome) return { version: outcome, created: true, ...(verdict ? { compatibility: verdict } : {}), warnings };
      // A version it references may have been disabled meanwhile: that is a 409, not a race to retry.
      if (references.direct.length > 0) await this.refs.resolve(input.workspace_id, references.direct.map((r) => r.uri));
      // Lost a race: back off a little, with jitter, so twenty publishers do not retry in lockstep.
      await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
    }
    throw new ServiceUnavailableError(`schema "${input.name}" is being published concurrently too often; retry`);
  }

  /** One publish attempt: the version, or undefined when another writer moved the head first. */
  private async tryPublish(
    principal: Principal,
    input: PublishInput,
    engine: string,
    fp: string,
    head: SchemaItem | undefined,
    record?: (version: SchemaVersion) => IdempotencyRecordItem,
  ): Promise<SchemaVersion | undefined> {
    const { items, version } = this.publishItems(principal.id, { ...input, engine }, fp, head);
    if (record) {
      const item = record(version);
      items.push(this.stores.idempotency.recordPut(item, Math.floor(Date.parse(item.created_at) / 1000)));
    }
    try {
      await this.tx.transact(items);
    } catch (e) {
      if (cancellationCodes(e)?.includes('ConditionalCheckFailed')) return undefined;
      throw e;
    }
    return version;
  }

  /**
   * The transaction items that publish the next version after `head`: the version, its fingerprint guard,
   * the head (conditional on not having moved, settings included) and the audit event. Approving a schema request adds its
   * own items to the same transaction.
   */
  publishItems(actor: string, input: PublishInput & { engine: string }, fp: string, head: SchemaItem | undefined): { items: TransactItem[]; version: SchemaVersion } {
    const { now, newId } = this.clock;
    const at = now().toISOString();
    const number = (head?.latest_version ?? 0) + 1;
    const id = newId();
    const versionItem: SchemaVersionItem = {
      id,
      workspace_id: input.workspace_id,
      name: input.name,
      version: number,
      engine: input.engine,
      definition: JSON.stringify(input.definition),
      fingerprint: fp,
      ...(input.dialect !== undefined ? { dialect: input.dialect } : {}),
      ...(input.references?.direct.length ? { references: JSON.stringify(input.references.direct) } : {}),
      state: 'active',
      created_at: at,
      created_by: actor,
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    const newHead: SchemaItem = {
      ...(head ?? { workspace_id: input.workspace_id, name: input.name, created_at: at, created_by: actor, state: 'active' as const }),
      latest_version: number,
      latest_version_id: id,
      engine: input.engine,
      updated_at: at,
      ...(input.description !== undefined ? { description: input.description } : {}),
    };
    const items = [
      ...this.repo.publishPuts(versionItem, newHead, head),
      ...(input.references ? this.refs.publishItems(versionItem, input.references) : []),
      this.stores.audit.put({ workspace_id: input.workspace_id, actor, action: 'schema_version.published', entity_type: 'schema_version', entity_id: id, after: { name: input.name, version: number, fingerprint: fp, ...(input.references?.direct.length ? { references: input.references.direct.map((r) => r.uri) } : {}) } }),
    ];
    return { items, version: toSchemaVersion(versionItem) };
  }

  /** The compatibility mode in force for a schema, and where it comes from. */
  async effectiveCompatibility(head: Pick<SchemaItem, 'workspace_id' | 'compatibility'>): Promise<{ mode: Compatibility; source: SchemaConfig['compatibility_source'] }> {
    if (head.compatibility) return { mode: head.compatibility, source: 'schema' };
    const data = await this.stores.workspaces.get(head.workspace_id, { consistent: false });
    if (data?.compatibility) return { mode: data.compatibility, source: 'workspace' };
    return { mode: DEFAULT_COMPATIBILITY, source: 'default' };
  }

  /**
   * How the schema's definitions are read: its default dialect, else the workspace's (else the engine's),
   * and the warnings the workspace refuses.
   */
  async readSettings(workspaceId: string, head: Pick<SchemaItem, 'default_dialect'> | undefined): Promise<ReadSettings> {
    const workspace = await this.stores.workspaces.get(workspaceId, { consistent: false });
    const refuse = workspace?.refuse_warnings ? { refuseWarnings: JSON.parse(workspace.refuse_warnings) as string[] } : {};
    if (head?.default_dialect) return { defaultDialect: head.default_dialect, source: 'schema', ...refuse };
    if (workspace?.default_dialect) return { defaultDialect: workspace.default_dialect, source: 'workspace', ...refuse };
    return { source: 'default', ...refuse };
  }

  /** Checks a definition (referencing `references`) against the versions its schema's mode requires. */
  async verdict(head: SchemaItem, definition: Json, references?: readonly ReferencedDefinition[]): Promise<CompatibilityVerdict> {
    const { mode } = await this.effectiveCompatibility(head);
    const items: SchemaVersionItem[] = [];
    if (isTransitive(mode)) {
      let cursor: string | undefined;
      do {
        const page = await this.repo.versions(head.workspace_id, head.name, 500, cursor);
        items.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      items.reverse();
    } else {
      const latest = await this.repo.versionByNumber(head.workspace_id, head.name, head.latest_version);
      if (latest) items.push(latest);
    }
    const previous: VersionDefinition[] = await Promise.all(
      items.map(async (v) => ({ version: v.version, definition: JSON.parse(v.definition) as Json, dialect: v.dialect, references: await this.refs.load(v) })),
    );
    // The new definition is read as it will be published: under the schema's default dialect.
    const { defaultDialect } = await this.readSettings(head.workspace_id, head);
    return checkCompatibility(await this.compareWith(head.engine), mode, previous, definition, {
      openContentModel: head.open_content_model ?? 'lenient',
      nextDialect: defaultDialect,
      nextReferences: references,
    });
  }

  private async compareWith(engineName: string) {
    const engine = await this.engines.get(engineName);
    return { compare: engine.compare.bind(engine) };
  }

  /** Every change between two versions of one workspace, explained; `against` is the older side. */
  async diff(principal: Principal, id: string, againstId: string) {
    const [toItem, fromItem] = await Promise.all([this.item(principal, id, 'reader'), this.item(principal, againstId, 'reader')]);
    const [to, from] = [toItem, fromItem].map(toSchemaVersion) as [SchemaVersion, SchemaVersion];
    if (to.workspace_id !== from.workspace_id) throw new NotFoundError(`schema version ${againstId} not found`);
    if (to.engine !== from.engine) throw new ConflictError(`versions use different engines (${from.engine}, ${to.engine}); they cannot be compared`);
    const head = await this.repo.head(to.workspace_id, to.name);
    const result = (await this.compareWith(to.engine)).compare(from.definition, to.definition, {
      openContentModel: head?.open_content_model ?? 'lenient',
      previousDialect: from.dialect,
      nextDialect: to.dialect,
      previousReferences: await this.refs.load(fromItem),
      nextReferences: await this.refs.load(toItem),
    });
    return { from: { id: from.id, name: from.name, version: from.version }, to: { id: to.id, name: to.name, version: to.version }, ...result };
  }

  async config(principal: Principal, id: string): Promise<SchemaConfig> {
    const v = await this.get(principal, id);
    const head = await this.repo.head(v.workspace_id, v.name);
    if (!head) throw new NotFoundError(`schema ${v.name} not found`);
    const { mode, source } = await this.effectiveCompatibility(head);
    const read = await this.readSettings(head.workspace_id, head);
    return {
      workspace_id: head.workspace_id,
      name: head.name,
      compatibility: mode,
      compatibility_source: source,
      open_content_model: head.open_content_model ?? 'lenient',
      default_dialect: read.defaultDialect ?? (await this.engines.get(head.engine)).defaultDialect ?? null,
      default_dialect_source: read.source,
      payload_shards: shardsOf(head),
    };
  }

  /** Changes the schema-wide settings (every version), with its audit event in the same transaction. */
  async setConfig(principal: Principal, id: string, change: SchemaConfigChange): Promise<SchemaConfig> {
    const v = await this.get(principal, id, 'admin');
    const head = await this.repo.head(v.workspace_id, v.name);
    if (!head) throw new NotFoundError(`schema ${v.name} not found`);
    const next: SchemaItem = { ...head, updated_at: this.clock.now().toISOString() };
    if (change.compatibility === null) delete next.compatibility;
    else if (change.compatibility !== undefined) next.compatibility = change.compatibility;
    if (change.open_content_model !== undefined) next.open_content_model = change.open_content_model;
    if (change.default_dialect === null) delete next.default_dialect;
    else if (change.default_dialect !== undefined) next.default_dialect = change.default_dialect;
    if (change.payload_shards !== undefined) {
      if (change.payload_shards < shardsOf(head)) {
        throw new ConflictError(`payload_shards ${change.payload_shards} is below the ${shardsOf(head)} in force: shards are only ever raised, or listings would miss the payloads of the higher shards`);
      }
      next.payload_shards = change.payload_shards;
    }
    const settings = (h: SchemaItem) => ({ compatibility: h.compatibility ?? null, open_content_model: h.open_content_model ?? 'lenient', default_dialect: h.default_dialect ?? null, payload_shards: shardsOf(h) });
    const [before, after] = [settings(head), settings(next)];
    await this.writeWithAudit(
      this.repo.putHeadSettings(next, head),
      { workspace_id: head.workspace_id, actor: principal.id, action: 'schema.config_changed', entity_type: 'schema', entity_id: head.name, before, after },
    );
    return this.config(principal, id);
  }

  /** Moves a version to active, deprecated or disabled; the definition itself never changes. */
  async setState(principal: Principal, id: string, state: VersionState): Promise<SchemaVersion> {
    const item = await this.item(principal, id, 'admin');
    // The GSI copy may lag a moment behind; the state change is judged on the table's own item.
    const current = await this.repo.versionByNumber(item.workspace_id, item.name, item.version);
    if (!current) throw new NotFoundError(`schema version ${id} not found`);
    if (current.state === state) return toSchemaVersion(current);
    const next = { ...current, state, state_changed_at: this.clock.now().toISOString() };
    const references = await this.refs.stateChange(current, state);
    await this.writeWithAudit(
      [this.repo.putVersionState(next, current), ...references],
      { workspace_id: item.workspace_id, actor: principal.id, action: 'schema_version.state_changed', entity_type: 'schema_version', entity_id: id, before: { state: current.state }, after: { state } },
    );
    return toSchemaVersion(next);
  }

  /** A change and its audit event in one transaction; a lost race is a 409 the client can retry. */
  private async writeWithAudit(change: TransactItem | TransactItem[], audit: AuditInput): Promise<void> {
    await this.tx.transactOrConflict(
      [...[change].flat(), this.stores.audit.put(audit)],
      'the schema changed while this request was processed; read it again and retry',
    );
  }

  /** A version the caller may read; 404 when it does not exist or is in a workspace they cannot see. */
  async get(principal: Principal, id: string, role: Role = 'reader'): Promise<SchemaVersion> {
    return toSchemaVersion(await this.item(principal, id, role));
  }

  private async item(principal: Principal, id: string, role: Role): Promise<SchemaVersionItem> {
    const item = await this.repo.versionById(id);
    if (!item) throw new NotFoundError(`schema version ${id} not found`);
    authorize(principal, item.workspace_id, role, `schema version ${id}`);
    return item;
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

  /** What a version references, and one page of the versions that reference it. */
  async references(principal: Principal, id: string, limit: number, cursor?: string) {
    const item = await this.item(principal, id, 'reader');
    return { id: item.id, name: item.name, version: item.version, ...(await this.refs.list(item, limit, cursor)) };
  }

  /** Every version a stored version reaches through references, as its engine reads them. */
  referencesOf(item: SchemaVersionItem): Promise<ReferencedDefinition[]> {
    return this.refs.load(item);
  }

  /** How an engine reads a stored version: its dialect and the versions it references. */
  private async readingOf(item: SchemaVersionItem) {
    return { defaultDialect: item.dialect, references: await this.refs.load(item) };
  }

  async fields(principal: Principal, id: string) {
    const item = await this.item(principal, id, 'reader');
    return (await this.engines.get(item.engine)).describeFields(JSON.parse(item.definition) as Json, await this.readingOf(item));
  }

  async defaultValue(principal: Principal, id: string): Promise<Json> {
    const item = await this.item(principal, id, 'reader');
    return (await this.engines.get(item.engine)).defaultValue(JSON.parse(item.definition) as Json, await this.readingOf(item));
  }
}
