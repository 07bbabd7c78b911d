/**
 * Payloads: validated exactly once, here, against one exact schema version, then stored as sent. A warm
 * write is one DynamoDB call: the version comes from memory, and the payload (with its idempotency record
 * when the client sent a key) is one conditional put or one transaction.
 */
import { authorize, type Principal } from '../auth/principal.js';
import { BadRequestError, ConflictError, NotFoundError, PayloadTooLargeError, ValidationError } from '../errors.js';
import type { EngineRegistry } from '../engines/registry.js';
import type { Json } from '../engines/types.js';
import type { Clock, IdGenerator, Page } from '../dynamo/table.js';
import type { IdempotencyRecordItem, PayloadItem } from '../generated/table.js';
import { loadReferences, recordedReferences } from '../schemas/references.js';
import type { SchemaVersionCache } from '../schemas/version-cache.js';
import type { IdempotencyStore } from '../store/idempotency.js';
import type { PayloadStore } from '../store/payloads.js';
import { fingerprint } from '../util/canonical-json.js';
import { inexactNumbers } from '../util/json-numbers.js';
import { toPayload, type Payload } from './model.js';

/** Largest `data` accepted, as UTF-8 JSON: well under DynamoDB's 400 KB item with room for the rest. */
export const MAX_DATA_BYTES = 256 * 1024;
export const MAX_META_BYTES = 16 * 1024;
/**
 * Deepest nesting of objects and arrays accepted in `data` and `meta` (the root is level 1). Serializing,
 * fingerprinting and validating recurse once per level; far deeper input would exhaust the stack.
 */
export const MAX_DATA_DEPTH = 256;
/** How long a retry with the same Idempotency-Key gets the first response back. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;
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

/** Whether `value` nests objects and arrays deeper than `max` levels; iterative, so any depth is safe to ask about. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

export class PayloadService {
  constructor(
    private readonly stores: { payloads: PayloadStore; idempotency: IdempotencyStore },
    private readonly engines: EngineRegistry,
    private readonly versions: SchemaVersionCache,
    private readonly clock: Clock & IdGenerator,
  ) {}

  async create(principal: Principal, input: CreatePayloadInput, idempotencyKey?: string): Promise<CreateResult> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestError('Idempotency-Key must be 1 to 128 characters of letters, digits and _ . : -, e.g. a UUID');
    }
    const version = await this.versions.get(input.schema_ref);
    if (!version) throw new NotFoundError(`schema version ${input.schema_ref} not found`);
    authorize(principal, version.workspace_id, 'writer', `schema version ${input.schema_ref}`);
    if (version.state === 'disabled') {
      throw new ConflictError(`schema version ${version.name} v${version.version} is disabled: it accepts no new payloads; write against an active version`);
    }
    const deprecation = version.state === 'deprecated' ? `@${Math.floor(Date.parse(version.state_changed_at ?? version.created_at) / 1000)}` : undefined;
    const notice = deprecation ? { deprecation } : {};

    for (const [field, value] of [['data', input.data], ['meta', input.meta]] as const) {
      if (nestsDeeperThan(value, MAX_DATA_DEPTH)) {
        throw new ValidationError(`${field} nests objects and arrays deeper than ${MAX_DATA_DEPTH} levels; flatten it`, {
          errors: [{ path: `/${field}`, keyword: 'maxDepth', message: `nests deeper than ${MAX_DATA_DEPTH} levels` }],
        });
      }
      // Stored exactly as sent means refusing what JSON.stringify would write back differently.
      const numbers = inexactNumbers(value, `/${field}`, 'send such numbers as strings');
      if (numbers.length > 0) throw new ValidationError(`${field} holds a number that cannot be stored exactly: ${numbers[0]!.message}`, { errors: numbers });
    }
    const data = JSON.stringify(input.data);
    if (Buffer.byteLength(data) > MAX_DATA_BYTES) throw new PayloadTooLargeError(`data is larger than ${MAX_DATA_BYTES} bytes of JSON; split it or store a reference`);
    const meta = input.meta === undefined ? undefined : JSON.stringify(input.meta);
    if (meta !== undefined && Buffer.byteLength(meta) > MAX_META_BYTES) throw new PayloadTooLargeError(`meta is larger than ${MAX_META_BYTES} bytes of JSON`);

    // The versions it references come from the same cache: a warm write reads nothing for them either.
    const references = version.references === undefined ? undefined : await loadReferences(recordedReferences(version), (ref) => this.versions.get(ref.schema_version_id));
    const result = this.engines.get(version.engine).validate(input.data, JSON.parse(version.definition) as Json, version.id, { defaultDialect: version.dialect, references });
    if (!result.valid) {
      throw new ValidationError(`data does not match schema ${version.name} version ${version.version}`, { errors: result.errors });
    }

    const { now, newId } = this.clock;
    const item: PayloadItem = {
      id: newId(),
      workspace_id: version.workspace_id,
      schema_ref: version.id,
      schema_name: version.name,
      schema_version: version.version,
      data,
      created_at: now().toISOString(),
      created_by: principal.id,
      ...(meta !== undefined ? { meta } : {}),
    };
    const payload = toPayload(item);
    if (idempotencyKey === undefined) {
      await this.stores.payloads.create(item);
      return { payload, replayed: false, ...notice };
    }

    const requestHash = fingerprint({ operation: IDEMPOTENT_OPERATION, body: input });
    const nowSeconds = Math.floor(now().getTime() / 1000);
    const record: IdempotencyRecordItem = {
      workspace_id: version.workspace_id,
      principal: principal.id,
      idempotency_key: idempotencyKey,
      request_hash: requestHash,
      response_status: RECORDED_STATUS,
      response_body: JSON.stringify(payload),
      created_at: item.created_at,
      expires_at: nowSeconds + IDEMPOTENCY_TTL_SECONDS,
    };
    if (await this.stores.idempotency.commitOnce(this.stores.payloads.put(item), record, nowSeconds, 'storing the payload')) {
      return { payload, replayed: false, ...notice };
    }
    const stored = await this.stores.idempotency.get({ workspace_id: version.workspace_id, principal: principal.id, idempotency_key: idempotencyKey });
    if (!stored) throw new BadRequestError('Idempotency-Key record vanished; retry the request');
    if (stored.request_hash !== requestHash) {
      throw new ValidationError(`Idempotency-Key "${idempotencyKey}" was already used with a different request body; use a new key for a new request`);
    }
    return { payload: JSON.parse(stored.response_body) as Payload, replayed: true, ...notice };
  }

  async get(principal: Principal, id: string): Promise<Payload> {
    const item = await this.stores.payloads.byId(id);
    if (!item) throw new NotFoundError(`payload ${id} not found`);
    authorize(principal, item.workspace_id, 'reader', `payload ${id}`);
    return toPayload(item);
  }

  async listBySchemaVersion(principal: Principal, schemaRef: string, limit: number, cursor?: string): Promise<Page<Payload>> {
    const version = await this.versions.get(schemaRef);
    if (!version) throw new NotFoundError(`schema version ${schemaRef} not found`);
    authorize(principal, version.workspace_id, 'reader', `schema version ${schemaRef}`);
    const page = await this.stores.payloads.bySchemaVersion(version.workspace_id, schemaRef, limit, cursor);
    return { items: page.items.map(toPayload), next_cursor: page.next_cursor };
  }

  async listBySchemaName(principal: Principal, workspaceId: string, schemaName: string, limit: number, cursor?: string): Promise<Page<Payload>> {
    authorize(principal, workspaceId, 'reader', 'workspace');
    const page = await this.stores.payloads.bySchemaName(workspaceId, schemaName, limit, cursor);
    return { items: page.items.map(toPayload), next_cursor: page.next_cursor };
  }
}
