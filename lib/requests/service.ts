/**
 * Schema requests, the facade: a proposal (a definition, or a table converted to one) reviewed against
 * the workspace's policies and the schema's compatibility when it is made, then moved through its
 * statuses. The parts: proposal.ts (what a proposal resolves to), review.ts, transitions.ts (who may
 * move it where), approval.ts, auto-review.ts, preview.ts (migrations), changes.ts (how a change is written).
 */
import type { ContractTypes } from '../api/contracts.js';
import { authorize, type Principal } from '../auth/principal.js';
import { BadRequestError, NotFoundError, PayloadTooLargeError } from '../errors.js';
import type { EngineRegistry } from '../engines/registry.js';
import { TABLE_ENGINE } from './proposal.js';
import type { Clock, IdGenerator, Page, Transactor } from '../dynamo/table.js';
import type { SchemaRequestItem } from '../generated/table.js';
import type { Limit, TokenBucket } from '../rate-limit/token-bucket.js';
import type { SchemaService } from '../schemas/service.js';
import type { Dialect, MigrationPreview } from '../sql/index.js';
import type { IdempotencyStore } from '../store/idempotency.js';
import type { SchemaStore } from '../store/schemas.js';
import { checkIdempotencyKey, idempotencyRecord, idempotentRequest, storedAnswer } from '../idempotency.js';
import type { WorkspaceService } from '../workspaces/service.js';
import { Approval } from './approval.js';
import { AutoReviewer } from './auto-review.js';
import { RequestChanges, type RequestStores } from './changes.js';
import { toSchemaRequest, type AutoApprovalDecision, type Proposal, type RequestStatus, type SchemaRequest } from './model.js';
import { MigrationPreviewer } from './preview.js';
import { Reviewer } from './review.js';
import { checkTransition, moved } from './transitions.js';

export { AUTO_APPROVER } from './auto-review.js';

/** A request as the API accepts it (its contract, lib/api/contracts.ts). */
export type CreateRequestInput = ContractTypes['CreateSchemaRequest'];

/** DynamoDB's item limit is 400 KB; keep a margin for keys and attributes. */
const MAX_REQUEST_ITEM_BYTES = 380 * 1024;

export interface RequestDeps {
  stores: RequestStores & { schemas: SchemaStore; idempotency: IdempotencyStore };
  tx: Transactor;
  clock: Clock & IdGenerator;
  engines: EngineRegistry;
  schemas: SchemaService;
  workspaces: WorkspaceService;
  rateLimit: TokenBucket;
  limits: Limit[];
  /** Runs after an approval is committed (applying to the sinks that apply on approval); answers the request as it then is. */
  afterApproval?: (actor: string, approved: SchemaRequest) => Promise<SchemaRequest | undefined>;
}

export class SchemaRequestService {
  readonly #changes: RequestChanges;
  readonly #reviews: Reviewer;
  readonly #previews: MigrationPreviewer;
  readonly #approval: Approval;
  readonly #autoReviewer: AutoReviewer;

  constructor(private readonly deps: RequestDeps) {
    const { stores, engines, schemas, workspaces, clock } = deps;
    const schemaStore = stores.schemas;
    this.#changes = new RequestChanges(stores, deps.tx, clock);
    this.#previews = new MigrationPreviewer(schemaStore, engines);
    this.#reviews = new Reviewer({ engines, schemaStore, schemas, workspaces, previews: this.#previews });
    this.#approval = new Approval({ schemaStore, schemas, reviews: this.#reviews, changes: this.#changes });
    this.#autoReviewer = new AutoReviewer({ schemaStore, workspaces, reviews: this.#reviews, approval: this.#approval, changes: this.#changes });
  }

  /**
   * Creates a request. With an Idempotency-Key, a retry of the same body within 24 hours answers the first
   * request (`replayed`) before any work, so it creates nothing and spends no rate-limit token.
   */
  async create(principal: Principal, input: CreateRequestInput, idempotencyKey?: string): Promise<{ request: SchemaRequest; replayed: boolean }> {
    authorize(principal, input.workspace_id, 'writer', 'workspace');
    checkIdempotencyKey(idempotencyKey);
    const idempotent = idempotencyKey === undefined ? undefined : idempotentRequest(idempotencyKey, input.workspace_id, principal.id, 'schema_request.create', input);
    const first = idempotent && (await storedAnswer<SchemaRequest>(this.deps.stores.idempotency, idempotent));
    if (first) return { request: first, replayed: true };
    if ((input.definition === undefined) === (input.table === undefined)) {
      throw new BadRequestError('send exactly one of "definition" (a JSON Schema) or "table" (columns and indexes)', {
        errors: [{ path: '', message: 'exactly one of definition or table is required', keyword: 'oneOf' }],
      });
    }
    if (input.engine !== undefined && input.table !== undefined && input.engine !== TABLE_ENGINE) {
      throw new BadRequestError(`a table is converted to JSON Schema; send "definition" to propose a schema for engine "${input.engine}"`);
    }
    const proposal: Proposal = input.definition !== undefined ? { definition: input.definition, ...(input.engine !== undefined && { engine: input.engine }) } : { table: input.table! };
    // Reviewed first: a proposal refused on its own (read-only work, within the work budgets) costs the
    // requester no token.
    const created = this.deps.clock.now();
    const { review } = await this.#reviews.review(input.workspace_id, input.schema_name, proposal, { at: created });
    await this.deps.rateLimit.take(principal.id, 'schema_request.create', this.deps.limits);
    const now = created.toISOString();
    const status: RequestStatus = input.submit === false ? 'draft' : 'pending';
    const item: SchemaRequestItem = {
      id: this.deps.clock.newId(),
      workspace_id: input.workspace_id,
      schema_name: input.schema_name,
      status,
      requester: principal.id,
      risk: review.risk,
      proposal: JSON.stringify(proposal),
      review: JSON.stringify(review),
      created_at: now,
      updated_at: now,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.justification !== undefined ? { justification: input.justification } : {}),
      ...(input.related_issue !== undefined ? { related_issue: input.related_issue } : {}),
    };
    if (Buffer.byteLength(JSON.stringify(item)) > MAX_REQUEST_ITEM_BYTES) {
      throw new PayloadTooLargeError('the request with its review is larger than one DynamoDB item can hold; split the definition');
    }
    const changes = [this.deps.stores.requests.create(item), this.#changes.audit(principal.id, item, 'schema_request.created', undefined, { status, risk: review.risk })];
    const request = toSchemaRequest(item);
    if (!idempotent) {
      await this.deps.tx.transact(changes);
      return { request, replayed: false };
    }
    const at = new Date(now);
    if (await this.deps.stores.idempotency.commitOnce(changes, idempotencyRecord(idempotent, 201, request, at), Math.floor(at.getTime() / 1000), 'creating the schema request')) {
      return { request, replayed: false };
    }
    // A concurrent retry with the same key committed first: answer what it stored.
    const stored = await storedAnswer<SchemaRequest>(this.deps.stores.idempotency, idempotent);
    if (!stored) throw new BadRequestError('Idempotency-Key record vanished; retry the request');
    return { request: stored, replayed: true };
  }

  /** A request the caller may read; 404 when it does not exist or is in a workspace they cannot see. */
  private async item(principal: Principal, id: string): Promise<SchemaRequestItem> {
    const found = await this.deps.stores.requests.byId(id);
    if (!found) throw new NotFoundError(`schema request ${id} not found`);
    authorize(principal, found.workspace_id, 'reader', `schema request ${id}`);
    return found;
  }

  async get(principal: Principal, id: string): Promise<SchemaRequest> {
    return toSchemaRequest(await this.item(principal, id));
  }

  /** A workspace's requests, newest first: by requester (optionally of one status), or by status (default pending, the review queue). */
  async list(principal: Principal, q: { workspace_id: string; status?: RequestStatus; requester?: string }, limit: number, cursor?: string): Promise<Page<SchemaRequest>> {
    authorize(principal, q.workspace_id, 'reader', 'workspace');
    const page = await this.deps.stores.requests.list(q, limit, cursor);
    return { items: page.items.map(toSchemaRequest), next_cursor: page.next_cursor };
  }

  /** Applies a status change, enforcing who may make it; approval publishes in the same transaction. */
  async transition(principal: Principal, id: string, to: RequestStatus, comment?: string): Promise<SchemaRequest> {
    const current = await this.item(principal, id);
    checkTransition(principal, current, to);
    if (to === 'approved') {
      const approved = await this.#approval.approve(principal.id, current, comment);
      return (await this.deps.afterApproval?.(principal.id, approved)) ?? approved;
    }
    const changes = this.#changes;
    const next = moved(current, to, principal.id, this.deps.clock.now().toISOString(), comment);
    const items = [changes.update(next, current), changes.audit(principal.id, current, `schema_request.${to === 'pending' ? 'submitted' : to}`, { status: current.status }, { status: to })];
    if (to === 'rejected') items.push(changes.notify(current, 'schema_request.rejected', { request_id: current.id, schema_name: current.schema_name, comment: comment ?? null }));
    await changes.commit(items);
    return toSchemaRequest(next);
  }

  /** Pending requests no auto-review has decided yet, for the worker. */
  pendingAutoReview(count: number): Promise<SchemaRequestItem[]> {
    return this.deps.stores.requests.pendingUnreviewed(count);
  }

  /** The auto-approval worker's decision on one pending request (see auto-review.ts). */
  autoReview(current: SchemaRequestItem): Promise<AutoApprovalDecision> {
    return this.#autoReviewer.decide(current);
  }

  /** The migration preview in another dialect, for the version the request was checked against. */
  async migrationPreview(principal: Principal, id: string, dialect: Dialect): Promise<MigrationPreview> {
    return this.#previews.forRequest(await this.item(principal, id), dialect);
  }
}
