/**
 * Changes to stored payloads: updates and deletes under `If-Match`, and the erasure of a deleted payload's
 * history. Each change is one transaction holding the change, the revision it replaced, its index entries
 * and its audit event; the audit event names who changed what, never the data, so erasure leaves it in place.
 */
import { authorize, type Principal } from '../auth/principal.js';
import { cancellationCodes } from '../dynamo/errors.js';
import type { Clock, Transactor } from '../dynamo/table.js';
import type { EngineRegistry } from '../engines/registry.js';
import type { Json } from '../engines/types.js';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../errors.js';
import type { PayloadItem, PayloadRevisionItem, SchemaVersionItem } from '../generated/table.js';
import { matches, type IfMatch } from '../http/preconditions.js';
import { checkCompatibility } from '../schemas/compatibility.js';
import type { SchemaService } from '../schemas/service.js';
import type { SchemaVersionCache } from '../schemas/version-cache.js';
import type { AuditStore } from '../store/audit.js';
import type { PayloadIndexStore } from '../store/payload-index.js';
import type { PayloadStore } from '../store/payloads.js';
import { checkedDocument, validateAgainst } from './document.js';
import { declaredFields, indexedFields, indexWrites, withIndexedFields } from './index-entries.js';
import { revisionOf, toPayload, type Payload } from './model.js';

export interface UpdatePayloadInput {
  data: Json;
  meta?: Json;
  /** A newer version of the payload's schema to move it to; absent keeps its version. */
  schema_ref?: string;
}

/** Attempts of a change whose payload a backfill indexed meanwhile. */
const RETRIES = 3;
/** Kept revisions erased per transaction (DynamoDB allows 100 items; the marker and audit event take two). */
const ERASE_BATCH = 90;

export class PayloadChanges {
  constructor(
    private readonly stores: { payloads: PayloadStore; audit: AuditStore; index: PayloadIndexStore },
    private readonly tx: Transactor,
    private readonly engines: EngineRegistry,
    private readonly versions: SchemaVersionCache,
    /** The schema service, loaded when an update first moves a payload to a newer version (a rare path). */
    private readonly schemas: () => Promise<Pick<SchemaService, 'config'>>,
    private readonly clock: Clock,
  ) {}

  /** Replaces `data` (and `meta`) of the revision `expected` names, validated once; answers the new revision. */
  async update(principal: Principal, id: string, input: UpdatePayloadInput, expected: IfMatch): Promise<Payload> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.current(principal, id, 'writer');
      const revision = revisionOf(current);
      if (!matches(expected, revision)) throw this.stale(id, revision);
      const version = await this.target(principal, current, input.schema_ref);
      const doc = checkedDocument(input);
      await validateAgainst(this.engines, this.versions, version, input.data);

      const at = this.clock.now().toISOString();
      const { meta: _old, ...kept } = current;
      const fields = [...new Set([...declaredFields(version), ...indexedFields(current)])];
      const unindexed: PayloadItem = {
        ...kept,
        ...doc,
        schema_ref: version.id,
        schema_version: version.version,
        revision: revision + 1,
        updated_at: at,
        updated_by: principal.id,
      };
      const next = withIndexedFields(unindexed, fields);
      const changed = (['data', 'meta', 'schema_ref'] as const).filter((f) => current[f] !== next[f]);
      const done = await this.commit(current, attempt, [
        this.stores.payloads.replace(next, current),
        this.stores.payloads.keepRevision(this.revisionItem(current, principal, at)),
        this.stores.audit.put({
          workspace_id: current.workspace_id,
          actor: principal.id,
          action: 'payload.updated',
          entity_type: 'payload',
          entity_id: id,
          before: { revision, schema_ref: current.schema_ref, schema_version: current.schema_version },
          after: { revision: revision + 1, schema_ref: next.schema_ref, schema_version: next.schema_version },
          details: { changed },
        }),
        ...indexWrites(this.stores.index, current, next),
      ]);
      if (done) return toPayload(next);
    }
  }

  /**
   * Deletes the payload: it leaves every listing with this transaction. Deleting a deleted payload again
   * is done already (true: nothing changed), whatever `If-Match` says.
   */
  async delete(principal: Principal, id: string, expected: IfMatch): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const { payload, deletion } = await this.stores.payloads.find([...principal.roles.keys()], id, true);
      const found = payload ?? deletion;
      if (!found) throw new NotFoundError(`payload ${id} not found`);
      authorize(principal, found.workspace_id, 'writer', `payload ${id}`);
      if (!payload) return;
      const revision = revisionOf(payload);
      if (!matches(expected, revision)) throw this.stale(id, revision);
      const at = this.clock.now().toISOString();
      const done = await this.commit(payload, attempt, [
        this.stores.payloads.remove(payload),
        this.stores.payloads.keepRevision(this.revisionItem(payload, principal, at)),
        this.stores.payloads.markDeleted({ id, workspace_id: payload.workspace_id, schema_name: payload.schema_name, last_revision: revision, deleted_at: at, deleted_by: principal.id }),
        this.stores.audit.put({
          workspace_id: payload.workspace_id,
          actor: principal.id,
          action: 'payload.deleted',
          entity_type: 'payload',
          entity_id: id,
          before: { revision, schema_ref: payload.schema_ref, schema_version: payload.schema_version },
        }),
        ...indexWrites(this.stores.index, payload, undefined),
      ]);
      if (done) return;
    }
  }

  /**
   * Erases every kept revision of a deleted payload (legal erasure; workspace admin). The first
   * transaction marks the payload erased with its audit event; later ones erase the rest, and running it
   * again finishes an erasure that was interrupted. Answers how many revisions were erased.
   */
  async erase(principal: Principal, id: string): Promise<{ erased_revisions: number }> {
    const { payload, deletion } = await this.stores.payloads.find([...principal.roles.keys()], id, true);
    const found = payload ?? deletion;
    if (!found) throw new NotFoundError(`payload ${id} not found`);
    authorize(principal, found.workspace_id, 'admin', `payload ${id}`);
    if (payload || !deletion) throw new ConflictError(`payload ${id} is not deleted: delete it first (DELETE with If-Match), then erase its history`);
    const workspace = deletion.workspace_id;
    let erased = 0;
    let first = !deletion.erased_at;
    for (;;) {
      const page = await this.stores.payloads.revisions(workspace, id, ERASE_BATCH);
      if (page.items.length === 0 && !first) return { erased_revisions: erased };
      const at = this.clock.now().toISOString();
      await this.tx.transact([
        ...page.items.map((r) => this.stores.payloads.eraseRevision(r)),
        ...(first
          ? [
              this.stores.payloads.markDeleted({ ...deletion, erased_at: at, erased_by: principal.id }, true),
              this.stores.audit.put({ workspace_id: workspace, actor: principal.id, action: 'payload.erased', entity_type: 'payload', entity_id: id, details: { revisions: deletion.last_revision } }),
            ]
          : []),
      ]);
      erased += page.items.length;
      first = false;
    }
  }

  /** The stored payload for a change by `role`: 404 when it is not in one of the caller's workspaces. */
  private async current(principal: Principal, id: string, role: 'writer'): Promise<PayloadItem> {
    const { payload } = await this.stores.payloads.find([...principal.roles.keys()], id);
    if (!payload) throw new NotFoundError(`payload ${id} not found`);
    authorize(principal, payload.workspace_id, role, `payload ${id}`);
    return payload;
  }

  /**
   * The version an update is validated against: the payload's own, or a newer version of the same schema,
   * not disabled, that the schema's compatibility mode would have accepted after the payload's version.
   */
  private async target(principal: Principal, current: PayloadItem, ref: string | undefined): Promise<SchemaVersionItem> {
    const own = await this.versions.get(current.schema_ref);
    if (!own) throw new NotFoundError(`schema version ${current.schema_ref} of payload ${current.id} not found`);
    if (ref === undefined || ref === own.id) return own;
    const next = await this.versions.get(ref);
    if (!next || next.workspace_id !== current.workspace_id) throw new NotFoundError(`schema version ${ref} not found`);
    if (next.name !== own.name || next.version <= own.version) {
      throw new ValidationError(`schema_ref must name a newer version of schema ${own.name} than version ${own.version}; ${ref} is ${next.name} version ${next.version}`, {
        errors: [{ path: '/schema_ref', keyword: 'schemaRef', message: 'is not a newer version of the payload\u2019s schema' }],
      });
    }
    if (next.state === 'disabled') throw new ConflictError(`schema version ${next.name} v${next.version} is disabled: it accepts no payloads`);
    const { compatibility } = await (await this.schemas()).config(principal, next.id);
    const verdict = checkCompatibility(await this.engines.get(next.engine), compatibility, [{ version: own.version, definition: JSON.parse(own.definition) as Json, dialect: own.dialect }], JSON.parse(next.definition) as Json);
    if (!verdict.compatible) {
      throw new ConflictError(`schema ${own.name} is ${compatibility}: version ${next.version} would not have been accepted after version ${own.version}, so payloads cannot move to it`, {
        extensions: { compatibility, breaking_changes: verdict.breaking_changes },
      });
    }
    return next;
  }

  private revisionItem(p: PayloadItem, principal: Principal, at: string): PayloadRevisionItem {
    return {
      id: p.id,
      workspace_id: p.workspace_id,
      revision: revisionOf(p),
      schema_ref: p.schema_ref,
      schema_name: p.schema_name,
      schema_version: p.schema_version,
      data: p.data,
      ...(p.meta !== undefined ? { meta: p.meta } : {}),
      written_at: p.updated_at ?? p.created_at,
      written_by: p.updated_by ?? p.created_by,
      replaced_at: at,
      replaced_by: principal.id,
    };
  }

  /** Commits a change guarded by the payload's revision: a lost race is a stale If-Match (412). */
  /**
   * Commits a change made from `read` (the payload's Put or Delete comes first): false when only its index
   * entries moved on meanwhile (a backfill: same revision), so the caller reads it again and redoes the
   * change, at most `RETRIES` times; a new revision is a 412.
   */
  private async commit(read: PayloadItem, attempt: number, items: Parameters<Transactor['transact']>[0]): Promise<boolean> {
    try {
      await this.tx.transact(items);
      return true;
    } catch (e) {
      if (cancellationCodes(e)?.[0] !== 'ConditionalCheckFailed') throw e;
      const { payload } = await this.stores.payloads.find([read.workspace_id], read.id);
      const revision = payload ? revisionOf(payload) : revisionOf(read);
      if (!payload || revision !== revisionOf(read) || attempt >= RETRIES) throw this.stale(read.id, revision);
      return false;
    }
  }

  private stale(id: string, revision: number): PreconditionFailedError {
    return new PreconditionFailedError(`payload ${id} changed since you read it: it is at revision ${revision} or later; GET it again and retry with its ETag`);
  }
}
