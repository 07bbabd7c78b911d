/**
 * What the Confluent-compatible API reads: subjects and their versions (soft-deleted ones only when asked),
 * schemas by content and by id, each answered with the integer id of its content (lib/ccompat/ids.ts).
 */
import { authorize, type Principal } from '../auth/principal.js';
import type { Role } from '../auth/roles.js';
import { definitionFingerprint, type EngineRegistry } from '../engines/registry.js';
import type { Json } from '../engines/types.js';
import type { SchemaVersionItem } from '../generated/table.js';
import { recordedReferences } from '../schemas/references.js';
import type { SchemaService } from '../schemas/service.js';
import type { CcompatStore } from '../store/ccompat.js';
import type { SchemaStore } from '../store/schemas.js';
import { SchemaNotFoundError, SubjectNotFoundError, VersionNotFoundError } from './errors.js';
import { CcompatIds } from './ids.js';
import { toConfluent, type ConfluentSchema } from './schema-types.js';
import type { Subject } from './subjects.js';

export interface CcompatDeps {
  schemas: SchemaService;
  store: SchemaStore;
  ids: CcompatStore;
  engines: EngineRegistry;
  now: () => Date;
  /** Picks the counter shard of a new id. @default Math.random */
  random?: () => number;
}

/** A registered schema as Confluent answers it. */
export interface SubjectVersion extends ConfluentSchema {
  subject: string;
  id: number;
  version: number;
}

/** Bounds a listing of every subject or every version (Confluent's listings are not paged). */
const MAX_LISTED = 1000;
const PAGE = 100;

/** The reads; CcompatService (lib/ccompat/service.ts) adds registering and soft deletes. */
export class CcompatReads {
  protected readonly idsOf: CcompatIds;
  constructor(protected readonly d: CcompatDeps) {
    this.idsOf = new CcompatIds(d.ids, d.now, d.random);
  }

  /** The version of the subject with this content (`POST /subjects/{subject}`). */
  async lookup(principal: Principal, s: Subject, content: { engine: string; definition: Json }, deleted = false): Promise<SubjectVersion> {
    await this.head(principal, s);
    const fp = definitionFingerprint(await this.d.engines.get(content.engine), content.definition);
    const found = await this.d.store.fingerprint(s.workspace, s.name, fp);
    const item = found && (await this.d.store.versionByNumber(s.workspace, s.name, found.version));
    if (!item || item.engine !== content.engine || (item.state === 'disabled' && !deleted)) throw new SchemaNotFoundError(`subject ${s.name} has no version with this schema`);
    return this.subjectVersion(item);
  }

  async byId(principal: Principal, id: number): Promise<{ record: NonNullable<Awaited<ReturnType<CcompatStore['byId']>>>; item: SchemaVersionItem }> {
    const record = await this.d.ids.byId(id);
    const item = record && principal.roles.has(record.workspace_id) ? await this.d.store.versionByNumber(record.workspace_id, record.name, record.version) : undefined;
    if (!record || !item) throw new SchemaNotFoundError(`schema ${id} not found`);
    return { record, item };
  }

  /** `GET /schemas/ids/{id}`: the schema with that id. */
  async schemaById(principal: Principal, id: number): Promise<ConfluentSchema> {
    const { item } = await this.byId(principal, id);
    return this.confluentOf(item);
  }

  /** Every subject of the workspace: schemas under the subject they were registered as, else their name. */
  async subjects(principal: Principal, workspace: string, deleted = false): Promise<string[]> {
    authorize(principal, workspace, 'reader', 'workspace');
    const subjects: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.d.store.heads(workspace, undefined, PAGE, cursor);
      const names = page.items.map((h) => h.name);
      const [latest, spelled] = await Promise.all([this.d.store.latestVersions(page.items), this.d.ids.subjects(workspace, names)]);
      const latestLive = new Set(latest.filter((v) => v.state !== 'disabled').map((v) => v.name));
      for (const name of names) {
        // Only a schema whose latest version is soft-deleted needs its other versions read.
        const live = deleted || latestLive.has(name) || (await this.liveVersions({ workspace, name, subject: name }, 1)).length > 0;
        if (live) subjects.push(spelled.get(name) ?? name);
      }
      cursor = page.next_cursor ?? undefined;
    } while (cursor && subjects.length < MAX_LISTED);
    return subjects;
  }

  /** The numbers of the subject's versions (soft-deleted ones only with `deleted`). */
  async versions(principal: Principal, s: Subject, deleted = false): Promise<number[]> {
    await this.head(principal, s);
    const numbers = (await this.versionItems(s, deleted)).map((v) => v.version);
    if (numbers.length === 0) throw new SubjectNotFoundError('subject not found');
    return numbers;
  }

  async version(principal: Principal, s: Subject, v: number | 'latest', deleted = false): Promise<SubjectVersion> {
    return this.subjectVersion(await this.versionItem(principal, s, v, deleted));
  }

  /** The head of the subject, authorized; 40401 when it does not exist. */
  async head(principal: Principal, s: Subject, role: Role = 'reader') {
    authorize(principal, s.workspace, role, 'subject');
    const head = await this.d.store.head(s.workspace, s.name);
    if (!head) throw new SubjectNotFoundError('subject not found');
    return head;
  }

  async versionItem(principal: Principal, s: Subject, v: number | 'latest', deleted = false, role: Role = 'reader'): Promise<SchemaVersionItem> {
    const head = await this.head(principal, s, role);
    if (v === 'latest') {
      const [latest] = await this.liveVersions(s, 1);
      if (!latest) throw new SubjectNotFoundError(`subject ${s.name} has no version that is not deleted`);
      return latest;
    }
    const item = v <= head.latest_version ? await this.d.store.versionByNumber(s.workspace, s.name, v) : undefined;
    if (!item || (item.state === 'disabled' && !deleted)) throw new VersionNotFoundError(`subject ${s.name} has no version ${v}`);
    return item;
  }

  /** The newest versions that are not soft-deleted, newest first, at most `limit`. */
  private async liveVersions(s: Subject, limit: number): Promise<SchemaVersionItem[]> {
    return (await this.versionItems(s, false)).reverse().slice(0, limit);
  }

  protected async versionItems(s: Subject, deleted: boolean): Promise<SchemaVersionItem[]> {
    const items: SchemaVersionItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.d.store.versions(s.workspace, s.name, PAGE, cursor);
      items.push(...page.items.filter((v) => deleted || v.state !== 'disabled'));
      cursor = page.next_cursor ?? undefined;
    } while (cursor && items.length < MAX_LISTED);
    return items;
  }

  /** The subject a schema answers to: as first registered, else its name. */
  async subjectOf(workspace: string, name: string): Promise<string> {
    return (await this.d.ids.subject(workspace, name))?.subject ?? name;
  }

  private async subjectVersion(item: SchemaVersionItem): Promise<SubjectVersion> {
    const [subject, id] = await Promise.all([this.subjectOf(item.workspace_id, item.name), this.idsOf.idOf(item)]);
    return { subject, version: item.version, id, ...this.confluentOf(item) };
  }

  private confluentOf(item: SchemaVersionItem): ConfluentSchema {
    return toConfluent(item.engine, JSON.parse(item.definition) as Json, recordedReferences(item));
  }
}
