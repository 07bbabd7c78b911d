/**
 * Schema requests: a proposal (a JSON Schema, or a table converted to one) checked against the
 * workspace's policies and the schema's compatibility, with a migration preview; then reviewed. Every
 * status change writes its audit event, and the requester's notifications, in the same transaction;
 * approval also publishes the version there, so no approval exists without its version or vice versa.
 */
import { authorize, type Principal } from '../auth/principal.js';
import { auditEvent } from '../audit/events.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError, ValidationError } from '../errors.js';
import type { EngineRegistry } from '../engines/registry.js';
import type { Json } from '../engines/types.js';
import { translate } from '../dynamo/errors.js';
import type { Table, TransactItem } from '../dynamo/table.js';
import type { SchemaItem, SchemaRequestItem } from '../generated/table.js';
import type { NotificationService } from '../notifications/service.js';
import { evaluate, policyInput } from '../policies/index.js';
import type { TokenBucket, Limit } from '../rate-limit/token-bucket.js';
import type { SchemaService } from '../schemas/service.js';
import type { Page } from '../schemas/repository.js';
import { fingerprint } from '../util/canonical-json.js';
import { jsonSchemaToTable, parseTableDefinition, planMigration, renderMigration, tableToJsonSchema, type Dialect, type TableDefinition } from '../sql/index.js';
import type { WorkspaceService } from '../workspaces/service.js';
import { TRANSITIONS, toSchemaRequest, type AutoApprovalDecision, type Proposal, type RequestStatus, type Review, type SchemaRequest } from './model.js';

export interface CreateRequestInput {
  workspace_id: string;
  schema_name: string;
  description?: string;
  justification?: string;
  related_issue?: string;
  submit?: boolean;
  definition?: Json;
  table?: Json;
}

/** The system principal the auto-approval worker acts as. */
export const AUTO_APPROVER = 'system:auto-approver';
/** DynamoDB's item limit is 400 KB; keep a margin for keys and attributes. */
const MAX_REQUEST_ITEM_BYTES = 380 * 1024;

export interface RequestDeps {
  table: Table;
  engines: EngineRegistry;
  schemas: SchemaService;
  workspaces: WorkspaceService;
  notifications: NotificationService;
  rateLimit: TokenBucket;
  limits: Limit[];
}

export class SchemaRequestService {
  constructor(private readonly deps: RequestDeps) {}

  private get table() {
    return this.deps.table;
  }

  async create(principal: Principal, input: CreateRequestInput): Promise<SchemaRequest> {
    authorize(principal, input.workspace_id, 'writer', 'workspace');
    if ((input.definition === undefined) === (input.table === undefined)) {
      throw new BadRequestError('send exactly one of "definition" (a JSON Schema) or "table" (columns and indexes)', {
        errors: [{ path: '', message: 'exactly one of definition or table is required', keyword: 'oneOf' }],
      });
    }
    await this.deps.rateLimit.take(principal.id, 'schema_request.create', this.deps.limits);
    const proposal: Proposal = input.definition !== undefined ? { definition: input.definition } : { table: input.table! };
    const review = await this.review(input.workspace_id, input.schema_name, proposal);
    const now = this.table.deps.now().toISOString();
    const status: RequestStatus = input.submit === false ? 'draft' : 'pending';
    const item: SchemaRequestItem = {
      id: this.table.deps.newId(),
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
    await this.table.transact([
      this.table.put('schema_request', item, { expression: 'attribute_not_exists(PK)' }),
      this.audit(principal.id, item, 'schema_request.created', undefined, { status, risk: review.risk }),
    ]);
    return toSchemaRequest(item);
  }

  /**
   * Everything the registry can say about a proposal: violations and risk, and for an existing schema
   * the diff, the compatibility verdict and an ALTER preview (a CREATE for a new one).
   */
  async review(workspaceId: string, schemaName: string, proposal: Proposal): Promise<Review> {
    const engine = this.deps.engines.get('json-schema');
    let table: TableDefinition | undefined;
    let definition: Json;
    if (proposal.table !== undefined) {
      table = parseTableDefinition(proposal.table, schemaName);
      definition = tableToJsonSchema(schemaName, table) as Json;
    } else {
      definition = proposal.definition!;
      engine.checkDefinition(definition);
    }
    const head = await this.deps.schemas.repo.head(workspaceId, schemaName);
    const base = head ? await this.deps.schemas.repo.versionByNumber(workspaceId, schemaName, head.latest_version) : undefined;
    const previousDefinition = base ? (JSON.parse(base.definition) as Json) : undefined;
    const compatibility = head ? await this.deps.schemas.verdict(head, definition) : undefined;
    const diff = previousDefinition !== undefined ? engine.compare(previousDefinition, definition, { openContentModel: head?.open_content_model ?? 'lenient' }) : undefined;

    const policy = await this.deps.workspaces.policies(workspaceId);
    const evaluation = evaluate(
      policyInput({ schema_name: schemaName, engine, ...(proposal.table !== undefined ? { table } : { definition }), ...(previousDefinition !== undefined ? { previous: previousDefinition } : {}), ...(diff ? { compare: diff } : {}) }),
      policy,
    );

    const review: Review = { violations: evaluation.violations, risk: evaluation.risk, risk_reasons: evaluation.risk_reasons, migration_preview: null };
    if (base) review.base_version = { id: base.id, version: base.version };
    if (diff) review.diff = diff;
    if (compatibility) review.compatibility = compatibility;
    try {
      review.migration_preview = this.migration(schemaName, definition, previousDefinition, table, 'postgres');
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      review.migration_note = `no relational projection: ${e.message}`;
    }
    return review;
  }

  private migration(name: string, definition: Json, previous: Json | undefined, table: TableDefinition | undefined, dialect: Dialect) {
    const next = table ?? jsonSchemaToTable(definition, name);
    const before = previous === undefined ? null : jsonSchemaToTable(previous, name);
    return renderMigration(planMigration(name, before, next), dialect, this.table.deps.now());
  }

  private async item(principal: Principal, id: string): Promise<SchemaRequestItem> {
    const { data } = await this.table.entities.schema_request.query.schema_request_by_id({ id }).go({ limit: 1 });
    const found = data[0] as SchemaRequestItem | undefined;
    if (!found) throw new NotFoundError(`schema request ${id} not found`);
    authorize(principal, found.workspace_id, 'reader', `schema request ${id}`);
    // The GSI copy may lag; decisions are made on the table's own item.
    const { data: current } = await this.table.entities.schema_request.get({ workspace_id: found.workspace_id, id }).go({ consistent: true });
    return (current ?? found) as SchemaRequestItem;
  }

  async get(principal: Principal, id: string): Promise<SchemaRequest> {
    return toSchemaRequest(await this.item(principal, id));
  }

  /**
   * A workspace's requests, newest first: by requester (optionally of one status), or by status, which
   * defaults to pending, the review queue.
   */
  async list(principal: Principal, q: { workspace_id: string; status?: RequestStatus; requester?: string }, limit: number, cursor?: string): Promise<Page<SchemaRequest>> {
    authorize(principal, q.workspace_id, 'reader', 'workspace');
    const e = this.table.entities.schema_request.query;
    const options = { limit, cursor: cursor ?? null, order: 'desc' as const };
    try {
      const out = q.requester
        ? await (q.status
            ? e.schema_requests_by_requester({ workspace_id: q.workspace_id, requester: q.requester }).where(({ status }, { eq }) => eq(status, q.status!))
            : e.schema_requests_by_requester({ workspace_id: q.workspace_id, requester: q.requester })
          ).go(options)
        : // The workspace goes in the key composite, not begins(): ElectroDB then ends the prefix with its
          // separator (WS#acme#REQUEST#), where begins() would stop at WS#acme and match WS#acme-labs too.
          await e.schema_requests_by_status({ status: q.status ?? 'pending', workspace_id: q.workspace_id }).go(options);
      return { items: (out.data as SchemaRequestItem[]).map(toSchemaRequest), next_cursor: out.cursor ?? null };
    } catch (err) {
      translate(err, 'listing schema requests');
    }
  }

  /** Applies a status change, enforcing who may make it; approval publishes in the same transaction. */
  async transition(principal: Principal, id: string, to: RequestStatus, comment?: string): Promise<SchemaRequest> {
    const current = await this.item(principal, id);
    // Readers may see a request but never move it; say so before anything about its state.
    authorize(principal, current.workspace_id, 'writer', `schema request ${id}`);
    const allowed = TRANSITIONS[current.status];
    const who = allowed[to];
    if (!who) {
      const options = Object.keys(allowed);
      throw new ConflictError(
        `a ${current.status} request cannot become ${to}; ${options.length ? `allowed: ${options.join(', ')}` : 'it is final'}`,
        { extensions: { current_status: current.status, allowed_transitions: options } },
      );
    }
    if (who === 'requester' && principal.id !== current.requester) {
      throw new ForbiddenError(`only the requester (${current.requester}) can move this request to ${to}`);
    }
    if (who === 'reviewer') {
      if (principal.id === current.requester) throw new ForbiddenError('requesters cannot approve or reject their own request, whatever their role');
      authorize(principal, current.workspace_id, 'reviewer', `schema request ${id}`);
    }
    return to === 'approved' ? this.approve(principal.id, current, comment) : this.decide(principal.id, current, to, comment);
  }

  private async decide(actor: string, current: SchemaRequestItem, to: RequestStatus, comment?: string): Promise<SchemaRequest> {
    const next = this.next(current, to, actor, comment);
    const items = [this.conditionalPut(next, current), this.audit(actor, current, `schema_request.${to === 'pending' ? 'submitted' : to}`, { status: current.status }, { status: to })];
    if (to === 'rejected') items.push(this.deps.notifications.item(current.requester, current.workspace_id, 'schema_request.rejected', { request_id: current.id, schema_name: current.schema_name, comment: comment ?? null }));
    await this.commit(items);
    return toSchemaRequest(next);
  }

  /**
   * The auto-approval worker's decision on one pending request: approve it when the workspace opted in
   * and the risk is low, otherwise record why not. Fails closed: on any error it stays pending, with the
   * failure recorded where possible.
   */
  async autoReview(current: SchemaRequestItem): Promise<AutoApprovalDecision> {
    const at = () => this.table.deps.now().toISOString();
    try {
      const policy = await this.deps.workspaces.policies(current.workspace_id);
      const head = await this.deps.schemas.repo.head(current.workspace_id, current.schema_name);
      const { review } = await this.currentReview(current, head);
      let reason: string | undefined;
      if (!policy.auto_approve) reason = `workspace ${current.workspace_id} has not enabled auto-approval`;
      else if (review.risk !== 'low') reason = `risk is ${review.risk}: ${review.risk_reasons.join('; ') || 'see violations'}`;
      if (reason) {
        const decision: AutoApprovalDecision = { decision: 'skipped', reason, at: at() };
        await this.recordDecision(current, decision, true);
        return decision;
      }
      const decision: AutoApprovalDecision = { decision: 'approved', reason: 'low risk and the workspace auto-approves', at: at() };
      await this.approve(AUTO_APPROVER, current, 'auto-approved: low risk', decision);
      return decision;
    } catch (e) {
      // Approval refused on the merits (error violations, an incompatible change) will not pass on a retry:
      // skip it like any other request a person must decide. Anything else (a lost race, a throttle) is a
      // failure, recorded but not marked reviewed, so the next run tries again.
      const refused = e instanceof ConflictError && (e.extensions?.violations !== undefined || e.extensions?.breaking_changes !== undefined);
      const decision: AutoApprovalDecision = { decision: refused ? 'skipped' : 'failed', reason: (e as Error).message, at: at() };
      await this.recordDecision(current, decision, refused).catch(() => undefined);
      return decision;
    }
  }

  private async recordDecision(current: SchemaRequestItem, decision: AutoApprovalDecision, reviewed: boolean): Promise<void> {
    const review = { ...(JSON.parse(current.review ?? '{}') as Review), auto_approval: decision };
    const next: SchemaRequestItem = { ...current, review: JSON.stringify(review), updated_at: decision.at, ...(reviewed ? { auto_reviewed_at: decision.at } : {}) };
    await this.commit([this.conditionalPut(next, current), this.audit(AUTO_APPROVER, current, `schema_request.auto_${decision.decision}`, { status: current.status }, { status: current.status, reason: decision.reason })]);
  }

  /**
   * The request's review as it stands against the schema's head now: the stored one while the head is the
   * version it was made against, otherwise made again (violations such as a removed field exist only
   * against the version that has it).
   */
  private async currentReview(current: SchemaRequestItem, head: SchemaItem | undefined): Promise<{ review: Review; renewed: boolean }> {
    const stored = JSON.parse(current.review ?? '{}') as Review;
    if (head?.latest_version_id === stored.base_version?.id) return { review: stored, renewed: false };
    const review = await this.review(current.workspace_id, current.schema_name, JSON.parse(current.proposal) as Proposal);
    return { review: stored.auto_approval ? { ...review, auto_approval: stored.auto_approval } : review, renewed: true };
  }

  private async approve(actor: string, current: SchemaRequestItem, comment?: string, decision?: AutoApprovalDecision): Promise<SchemaRequest> {
    const head: SchemaItem | undefined = await this.deps.schemas.repo.head(current.workspace_id, current.schema_name);
    const { review: stored, renewed } = await this.currentReview(current, head);
    const errors = stored.violations.filter((v) => v.severity === 'error');
    if (errors.length) {
      throw new ConflictError(`the request has ${errors.length} error-severity violation(s); fix them in a new request: ${errors.map((v) => v.message).join('; ')}`, {
        extensions: { violations: errors },
      });
    }
    // The schema may have moved on since the request was made: judge compatibility against today's head.
    const proposal = JSON.parse(current.proposal) as Proposal;
    const definition = proposal.table !== undefined ? (tableToJsonSchema(current.schema_name, parseTableDefinition(proposal.table, current.schema_name)) as Json) : proposal.definition!;
    if (head) {
      const verdict = await this.deps.schemas.verdict(head, definition);
      if (!verdict.compatible) {
        throw new ConflictError(`the proposal is not ${verdict.compatibility} compatible with version ${verdict.breaking_changes[0]?.against_version}: ${verdict.breaking_changes[0]?.explanation}`, {
          extensions: { compatibility: verdict.compatibility, breaking_changes: verdict.breaking_changes },
        });
      }
    }
    const fp = fingerprint(definition);
    const existing = await this.deps.schemas.repo.fingerprint(current.workspace_id, current.schema_name, fp);
    const items: TransactItem[] = [];
    let schemaRef: string;
    if (existing) {
      schemaRef = existing.schema_version_id;
    } else {
      const published = this.deps.schemas.publishItems(actor, { workspace_id: current.workspace_id, name: current.schema_name, definition, engine: 'json-schema', ...(current.description ? { description: current.description } : {}) }, fp, head);
      items.push(...published.items);
      schemaRef = published.version.id;
      items.push(this.deps.notifications.item(current.requester, current.workspace_id, 'schema_version.published', { request_id: current.id, schema_ref: schemaRef, schema_name: current.schema_name, version: published.version.version }));
    }
    const next: SchemaRequestItem = { ...this.next(current, 'approved', actor, comment), schema_ref: schemaRef };
    // The request keeps the review it was approved on.
    if (renewed) next.review = JSON.stringify(stored);
    if (decision) {
      next.review = JSON.stringify({ ...stored, auto_approval: decision });
      next.auto_reviewed_at = decision.at;
    }
    items.push(
      this.conditionalPut(next, current),
      this.audit(actor, current, 'schema_request.approved', { status: current.status }, { status: 'approved', schema_ref: schemaRef }),
      this.deps.notifications.item(current.requester, current.workspace_id, 'schema_request.approved', { request_id: current.id, schema_ref: schemaRef, schema_name: current.schema_name }),
    );
    await this.commit(items);
    return toSchemaRequest(next);
  }

  private next(current: SchemaRequestItem, to: RequestStatus, actor: string, comment?: string): SchemaRequestItem {
    const next: SchemaRequestItem = { ...current, status: to, updated_at: this.table.deps.now().toISOString() };
    if (to === 'approved' || to === 'rejected') next.decided_by = actor;
    if (comment !== undefined) next.decision_comment = comment;
    return next;
  }

  /** The new request item, conditional on nobody having changed it since it was read. */
  private conditionalPut(next: SchemaRequestItem, current: SchemaRequestItem): TransactItem {
    return this.table.put('schema_request', next, { expression: '#s = :s AND updated_at = :u', names: { '#s': 'status' }, values: { ':s': current.status, ':u': current.updated_at } });
  }

  private audit(actor: string, request: Pick<SchemaRequestItem, 'workspace_id' | 'id' | 'schema_name'>, action: string, before: unknown, after: unknown): TransactItem {
    return this.table.put(
      'audit_event',
      auditEvent({ workspace_id: request.workspace_id, actor, action, entity_type: 'schema_request', entity_id: request.id, before, after, details: { schema_name: request.schema_name } }, this.table.deps),
      { expression: 'attribute_not_exists(PK)' },
    );
  }

  private async commit(items: TransactItem[]): Promise<void> {
    await this.table.transactOrConflict(items, 'the request or its schema changed while this decision was made; read it again');
  }

  /** The migration preview in another dialect, for the version the request was checked against. */
  async migrationPreview(principal: Principal, id: string, dialect: Dialect) {
    const current = await this.item(principal, id);
    const proposal = JSON.parse(current.proposal) as Proposal;
    const review = JSON.parse(current.review ?? '{}') as Review;
    const table = proposal.table !== undefined ? parseTableDefinition(proposal.table, current.schema_name) : undefined;
    const definition = table ? (tableToJsonSchema(current.schema_name, table) as Json) : proposal.definition!;
    const base = review.base_version ? await this.deps.schemas.repo.versionById(review.base_version.id) : undefined;
    try {
      return this.migration(current.schema_name, definition, base ? (JSON.parse(base.definition) as Json) : undefined, table, dialect);
    } catch (e) {
      if (e instanceof ValidationError) throw new ConflictError(`this request has no relational projection: ${e.message}`);
      throw e;
    }
  }
}
