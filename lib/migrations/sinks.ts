/**
 * A workspace's sinks: the settings an admin keeps (a reference, never a credential), the built-in
 * `default` sink a deployment may give every workspace, and the reach rules that keep one workspace
 * off another's database or namespace.
 */
import { authorize, type Principal } from '../auth/principal.js';
import type { SinkRuntime } from '../deps.js';
import type { Clock, Transactor } from '../dynamo/table.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { SHARED_ATTRIBUTES, type SinkConfigItem } from '../generated/table.js';
import { namespaceForWorkspace, parseSinkSettings, SinkSettingsError, type Sink, type SinkConnection } from '../sinks/index.js';
import type { AuditStore } from '../store/audit.js';
import type { SinkStore } from '../store/sinks.js';
import { isObject } from '../util/json.js';

export const DEFAULT_SINK = 'default';

/** A sink as the registry uses it: where it is, and whether approval applies to it. */
export interface WorkspaceSink {
  sink: Sink;
  apply_on_approval: boolean;
  /** The deployment's built-in `default` sink (no settings stored). */
  built_in: boolean;
  /** Where it stands in promotion (absent: outside it). */
  environment?: SinkEnvironment;
}

/** A sink's environment and that environment's place in promotion order (lower first). */
export interface SinkEnvironment {
  name: string;
  order: number;
}

/** A sink as the API shows it: its reference, never what the reference resolves to. */
export interface SinkView {
  workspace_id: string;
  name: string;
  dialect: Sink['dialect'];
  connection: SinkConnection;
  namespace?: string;
  apply_on_approval: boolean;
  built_in: boolean;
  environment?: string;
  order?: number;
  updated_at?: string;
  updated_by?: string;
}

export class SinkService {
  constructor(
    private readonly deps: { stores: { sinks: SinkStore; audit: AuditStore }; tx: Transactor; clock: Clock; runtime?: SinkRuntime },
  ) {}

  async get(principal: Principal, workspaceId: string, name: string): Promise<SinkView> {
    authorize(principal, workspaceId, 'admin', 'workspace');
    return view(workspaceId, await this.resolve(workspaceId, name), await this.deps.stores.sinks.get(workspaceId, name));
  }

  async put(principal: Principal, workspaceId: string, name: string, input: unknown): Promise<SinkView> {
    authorize(principal, workspaceId, 'admin', 'workspace');
    const { apply_on_approval: applyOnApproval = false, environment: env, order, ...settings } = isObject(input) ? input : {};
    if (!isObject(input)) parseSinkSettings(name, input);
    if (typeof applyOnApproval !== 'boolean') {
      throw new SinkSettingsError('apply_on_approval must be true or false', { errors: [{ path: '/apply_on_approval', keyword: 'type', message: 'apply_on_approval must be true or false' }] });
    }
    const environment = parseEnvironment(env, order);
    const sink = this.reachable(workspaceId, parseSinkSettings(name, settings));
    const current = await this.deps.stores.sinks.get(workspaceId, name);
    if (environment) await this.checkOrder(workspaceId, name, environment);
    const next: SinkConfigItem = {
      workspace_id: workspaceId,
      name,
      dialect: sink.dialect,
      connection: JSON.stringify(sink.connection),
      ...(sink.namespace ? { namespace: sink.namespace } : {}),
      apply_on_approval: applyOnApproval,
      ...(environment ? { environment: environment.name, order: environment.order } : {}),
      updated_at: this.deps.clock.now().toISOString(),
      updated_by: principal.id,
    };
    await this.deps.tx.transactOrConflict(
      [this.deps.stores.sinks.put(next, current), this.audit(principal, workspaceId, name, 'sink.updated', current && settingsOf(current), settingsOf(next))],
      'the sink settings changed concurrently; read them again and retry',
    );
    return view(workspaceId, { sink, apply_on_approval: applyOnApproval, built_in: false, ...(environment ? { environment } : {}) }, next);
  }

  /** Deletes the stored settings; a built-in `default` sink then comes back as the deployment gives it. */
  async delete(principal: Principal, workspaceId: string, name: string): Promise<void> {
    authorize(principal, workspaceId, 'admin', 'workspace');
    const current = await this.deps.stores.sinks.get(workspaceId, name);
    if (!current) throw new NotFoundError(`sink "${name}" has no settings in workspace ${workspaceId}`);
    await this.deps.tx.transactOrConflict(
      [this.deps.stores.sinks.delete(current, principal.id, this.deps.clock.now().toISOString()), this.audit(principal, workspaceId, name, 'sink.deleted', settingsOf(current), undefined)],
      'the sink settings changed concurrently; read them again and retry',
    );
  }

  /** The sink `name` of a workspace, stored or built in; 404 when it has neither; 403 when its reference is no longer granted. */
  async resolve(workspaceId: string, name: string): Promise<WorkspaceSink> {
    const item = await this.deps.stores.sinks.get(workspaceId, name);
    if (item) return fromItem(item, this.reachable(workspaceId, sinkOf(item)));
    const builtIn = this.builtIn(workspaceId);
    if (name === DEFAULT_SINK && builtIn) return builtIn;
    throw new NotFoundError(`workspace ${workspaceId} has no sink "${name}"; an admin creates it with PUT /api/v1/workspaces/${workspaceId}/sinks/${name}`);
  }

  /** Every sink of a workspace: the stored ones, and the built-in default unless settings replace it. */
  async list(workspaceId: string): Promise<WorkspaceSink[]> {
    const stored = (await this.deps.stores.sinks.list(workspaceId)).map((item) => fromItem(item, sinkOf(item)));
    const builtIn = this.builtIn(workspaceId);
    return builtIn && !stored.some((s) => s.sink.name === DEFAULT_SINK) ? [builtIn, ...stored] : stored;
  }

  /** One environment, one place in the order: a second sink of `staging` cannot put staging after prod. */
  private async checkOrder(workspaceId: string, name: string, environment: SinkEnvironment): Promise<void> {
    const other = (await this.list(workspaceId)).find((s) => s.sink.name !== name && s.environment?.name === environment.name && s.environment.order !== environment.order);
    if (!other) return;
    const message = `environment "${environment.name}" has order ${other.environment!.order} (sink "${other.sink.name}"); give every sink of one environment the same order, e.g. ${other.environment!.order}`;
    throw new SinkSettingsError(message, { errors: [{ path: '/order', keyword: 'sink', message }] });
  }

  private builtIn(workspaceId: string): WorkspaceSink | undefined {
    const d = this.deps.runtime?.defaultSink;
    if (!d) return undefined;
    const connection: SinkConnection = d.kind === 'embedded' ? { kind: 'embedded' } : { kind: 'env', variable: d.variable };
    return { sink: { name: DEFAULT_SINK, dialect: 'postgres', connection, namespace: namespaceForWorkspace(workspaceId) }, apply_on_approval: false, built_in: true };
  }

  /**
   * The reach rules. On the shared database (the embedded one, or the built-in default's) a workspace
   * gets its own namespace and no other; anything else must be granted to the workspace by the
   * deployment, so an admin cannot name a database the operator did not give them.
   */
  private reachable(workspaceId: string, sink: Sink): Sink {
    const own = namespaceForWorkspace(workspaceId);
    const d = this.deps.runtime?.defaultSink;
    const shared = sink.connection.kind === 'embedded' || (d?.kind === 'env' && sink.connection.kind === 'env' && sink.connection.variable === d.variable);
    if (shared) {
      if (sink.namespace !== undefined && sink.namespace !== own) {
        const message = `on the shared database, workspace ${workspaceId}'s tables live in its own namespace "${own}"; leave namespace out`;
        throw new SinkSettingsError(message, { errors: [{ path: '/namespace', keyword: 'sink', message }] });
      }
      return { ...sink, namespace: own };
    }
    const grants = this.deps.runtime?.grants ?? {};
    const granted = new Set([...(grants[workspaceId] ?? []), ...(grants['*'] ?? [])]);
    const missing = references(sink.connection).filter((r) => !granted.has(r));
    if (missing.length) {
      throw new ForbiddenError(`${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not granted to workspace ${workspaceId}; an operator grants references in the deployment's sink configuration (SINK_GRANTS, or the CDK context "sinks")`);
    }
    return sink;
  }

  private audit(principal: Principal, workspaceId: string, name: string, action: string, before: unknown, after: unknown) {
    return this.deps.stores.audit.put({ workspace_id: workspaceId, actor: principal.id, action, entity_type: 'sink', entity_id: name, before, after });
  }
}

/** What a connection reference names, in the grant vocabulary: `env:NAME` or the ARN itself. */
export function references(connection: SinkConnection): string[] {
  switch (connection.kind) {
    case 'env':
      return [`env:${connection.variable}`];
    case 'secret':
      return [connection.secret_arn];
    case 'data_api':
      return [connection.cluster_arn, connection.secret_arn];
    case 'embedded':
      return [];
  }
}

function sinkOf(item: SinkConfigItem): Sink {
  return { name: item.name, dialect: item.dialect, connection: JSON.parse(item.connection) as SinkConnection, ...(item.namespace ? { namespace: item.namespace } : {}) };
}

function fromItem(item: SinkConfigItem, sink: Sink): WorkspaceSink {
  return { sink, apply_on_approval: item.apply_on_approval, built_in: false, ...(item.environment !== undefined ? { environment: { name: item.environment, order: item.order ?? 0 } } : {}) };
}

function settingsOf(item: SinkConfigItem) {
  return { dialect: item.dialect, connection: JSON.parse(item.connection) as unknown, namespace: item.namespace ?? null, apply_on_approval: item.apply_on_approval, environment: item.environment ?? null, order: item.order ?? null };
}

// Environment names follow the snake_case of sink and schema names (schema.yaml gives them the same pattern).
const ENVIRONMENT = new RegExp(SHARED_ATTRIBUTES.schema_name.pattern);

/** `environment` and `order` come together: a sink in promotion needs its place in it. */
function parseEnvironment(name: unknown, order: unknown): SinkEnvironment | undefined {
  if (name === undefined && order === undefined) return undefined;
  const problems: { path: string; message: string }[] = [];
  if (typeof name !== 'string' || !ENVIRONMENT.test(name)) problems.push({ path: '/environment', message: 'environment must be a snake_case name, e.g. "staging"' });
  if (typeof order !== 'number' || !Number.isInteger(order) || order < 0) problems.push({ path: '/order', message: 'order must be a whole number of 0 or more giving the environment\'s place in promotion, e.g. 0 for dev, 1 for staging, 2 for prod' });
  if (problems.length) throw new SinkSettingsError(`sink environment is invalid: ${problems[0]!.message}`, { errors: problems.map((p) => ({ ...p, keyword: 'sink' })) });
  return { name: name as string, order: order as number };
}

function view(workspaceId: string, s: WorkspaceSink, item: SinkConfigItem | undefined): SinkView {
  return {
    workspace_id: workspaceId,
    name: s.sink.name,
    dialect: s.sink.dialect,
    connection: s.sink.connection,
    ...(s.sink.namespace ? { namespace: s.sink.namespace } : {}),
    apply_on_approval: s.apply_on_approval,
    built_in: s.built_in,
    ...(s.environment ? { environment: s.environment.name, order: s.environment.order } : {}),
    ...(item ? { updated_at: item.updated_at, updated_by: item.updated_by } : {}),
  };
}
