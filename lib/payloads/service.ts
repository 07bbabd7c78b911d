/**
 * Payloads: validated exactly once, here, against one exact schema version, then stored as sent. A warm
 * write is one DynamoDB call: the version comes from memory, and the payload (with its idempotency record
 * when the client sent a key) is one conditional put or one transaction.
 */
import { authorize, type Principal } from '../auth/principal.js';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';
import type { EngineRegistry } from '../engines/registry.js';
import type { Json } from '../engines/types.js';
import type { Clock, IdGenerator, Page } from '../dynamo/table.js';
import type { PayloadItem } from '../generated/table.js';
import type { SchemaVersionCache } from '../schemas/version-cache.js';
import type { IdempotencyStore } from '../store/idempotency.js';
import type { PayloadIndexStore } from '../store/payload-index.js';
import type { PayloadStore } from '../store/payloads.js';
import { checkIdempotencyKey, idempotencyRecord, idempotentRequest, storedAnswer } from '../idempotency.js';
import { checkedDocument, validateAgainst } from './document.js';
import { declaredFields, entriesFor, withIndexedFields } from './index-entries.js';
import { toPayload, type Payload } from './model.js';
import { payloadShard, type ShardCounts } from './shard.js';

export { MAX_DATA_BYTES, MAX_DATA_DEPTH, MAX_META_BYTES } from './document.js';
/** What an Idempotency-Key is scoped to, with the request body: a key reused for another body is refused. */
const IDEMPOTENT_OPERATION = 'payload.create';
/**
 * The idempotency record keeps the status of the first answer (schema.yaml's record type); a payload
 * create has one success, and a replay repeats it.
 */
const RECORDED_STATUS = 201;

export interface CreatePayloadInput {
  schema_ref: string;
  data: Json;
  meta?: Json;
}

export interface CreateResult {
  payload: Payload;
  /** true when this is the payload stored by an earlier request with the same Idempotency-Key. */
  replayed: boolean;
  /** Set when the version is deprecated: the RFC 9745 `Deprecation` header value (`@` + Unix seconds). */
  deprecation?: string;
}

export class PayloadService {
  constructor(
    private readonly stores: { payloads: PayloadStore; idempotency: IdempotencyStore; index: PayloadIndexStore },
    private readonly engines: EngineRegistry,
    private readonly versions: SchemaVersionCache,
    private readonly clock: Clock & IdGenerator,
    private readonly shards: ShardCounts,
  ) {}

  async create(principal: Principal, input: CreatePayloadInput, idempotencyKey?: string): Promise<CreateResult> {
    checkIdempotencyKey(idempotencyKey);
    const version = await this.versions.get(input.schema_ref);
    if (!version) throw new NotFoundError(`schema version ${input.schema_ref} not found`);
    authorize(principal, version.workspace_id, 'writer', `schema version ${input.schema_ref}`);
    if (version.state === 'disabled') {
      throw new ConflictError(`schema version ${version.name} v${version.version} is disabled: it accepts no new payloads; write against an active version`);
    }
    const deprecation = version.state === 'deprecated' ? `@${Math.floor(Date.parse(version.state_changed_at ?? version.created_at) / 1000)}` : undefined;
    const notice = deprecation ? { deprecation } : {};

    const { data, meta } = checkedDocument(input);
    await validateAgainst(this.engines, this.versions, version, input.data);

    const { now, newId } = this.clock;
    const id = newId();
    const unindexed: PayloadItem = {
      id,
      workspace_id: version.workspace_id,
      shard: payloadShard(id, await this.shards.forWrite(version.workspace_id, version.name)),
      schema_ref: version.id,
      schema_name: version.name,
      schema_version: version.version,
      data,
      created_at: now().toISOString(),
      created_by: principal.id,
      revision: 1,
      ...(meta !== undefined ? { meta } : {}),
    };
    const fields = declaredFields(version);
    const item = withIndexedFields(unindexed, fields);
    const entries = entriesFor(item, fields).map((e) => this.stores.index.put(e));
    const payload = toPayload(item, input);
    if (idempotencyKey === undefined) {
      await this.stores.payloads.create(item, entries);
      return { payload, replayed: false, ...notice };
    }

    const request = idempotentRequest(idempotencyKey, version.workspace_id, principal.id, IDEMPOTENT_OPERATION, input);
    const at = new Date(item.created_at);
    const record = idempotencyRecord(request, RECORDED_STATUS, payload, at);
    if (await this.stores.idempotency.commitOnce([this.stores.payloads.put(item), ...entries], record, Math.floor(at.getTime() / 1000), 'storing the payload')) {
      return { payload, replayed: false, ...notice };
    }
    const first = await storedAnswer<Payload>(this.stores.idempotency, request);
    if (!first) throw new BadRequestError('Idempotency-Key record vanished; retry the request');
    return { payload: first, replayed: true, ...notice };
  }

  /** One payload, strongly consistent: a GetItem on its primary key in the caller's workspaces, so a write is read back at once. */
  async get(principal: Principal, id: string): Promise<Payload> {
    const { payload: item } = await this.stores.payloads.find([...principal.roles.keys()], id);
    if (!item) throw new NotFoundError(`payload ${id} not found`);
    authorize(principal, item.workspace_id, 'reader', `payload ${id}`);
    return toPayload(item);
  }

  async listBySchemaVersion(principal: Principal, schemaRef: string, limit: number, cursor?: string): Promise<Page<Payload>> {
    const version = await this.versions.get(schemaRef);
    if (!version) throw new NotFoundError(`schema version ${schemaRef} not found`);
    authorize(principal, version.workspace_id, 'reader', `schema version ${schemaRef}`);
    const shards = await this.shards.forRead(version.workspace_id, version.name);
    const page = await this.stores.payloads.list({ workspace_id: version.workspace_id, schema_name: version.name, schema_ref: schemaRef }, shards, limit, cursor);
    return { items: page.items.map((item) => toPayload(item)), next_cursor: page.next_cursor };
  }

  async listBySchemaName(principal: Principal, workspaceId: string, schemaName: string, limit: number, cursor?: string): Promise<Page<Payload>> {
    authorize(principal, workspaceId, 'reader', 'workspace');
    const page = await this.stores.payloads.list({ workspace_id: workspaceId, schema_name: schemaName }, await this.shards.forRead(workspaceId, schemaName), limit, cursor);
    return { items: page.items.map((item) => toPayload(item)), next_cursor: page.next_cursor };
  }
}
