/**
 * Workspace-wide settings: the default compatibility mode and default dialect of schemas that set none,
 * and the engine warnings the workspace refuses (a stricter house style).
 */
import { authorize, type Principal } from '../auth/principal.js';
import type { Clock, Transactor } from '../dynamo/table.js';
import type { WorkspaceConfigItem } from '../generated/table.js';
import type { AuditStore } from '../store/audit.js';
import type { WorkspaceStore } from '../store/workspaces.js';
import { checkWorkspacePolicy, rulesInForce, type WorkspacePolicy } from '../policies/index.js';
import { DEFAULT_COMPATIBILITY, type Compatibility } from '../schemas/compatibility.js';

export interface WorkspaceConfig {
  workspace_id: string;
  compatibility: Compatibility;
  /** true when no default was set and the registry's own (BACKWARD) applies. */
  compatibility_is_default: boolean;
  /** Dialect of definitions without `$schema` in schemas that set none (JSON Schema: `2020-12` or `draft-07`). */
  default_dialect: string | null;
  /** true when none was set and the engine's own applies. */
  default_dialect_is_default: boolean;
  /** Warning codes that refuse a definition (422 naming the warning) instead of being reported. */
  refuse_warnings: string[];
  /** How migrations move through the sinks' environments (lib/migrations/promotion). */
  promotion: PromotionRules;
}

/** Environment rules: promotion order, and the environments whose apply needs a second reviewer. */
export interface PromotionRules {
  /** A migration must be applied and healthy in the previous environment before the next. */
  required: boolean;
  /** Environments (e.g. prod) where apply needs a second reviewer's approval, distinct from the approver. */
  second_approval: string[];
}

export const NO_PROMOTION: PromotionRules = { required: false, second_approval: [] };

export interface WorkspaceConfigChange {
  compatibility?: Compatibility;
  /** null removes the setting. */
  default_dialect?: NonNullable<WorkspaceConfigItem['default_dialect']> | null;
  /** [] refuses none. */
  refuse_warnings?: string[];
  promotion?: PromotionRules;
}

export class WorkspaceService {
  constructor(
    private readonly stores: { workspaces: WorkspaceStore; audit: AuditStore },
    private readonly tx: Transactor,
    private readonly clock: Clock,
    private readonly autoApproveDefault = false,
    /** The default engine's dialect when no setting chooses one. */
    private readonly engineDefaultDialect: string | null = null,
  ) {}

  /** The workspace's policy document, with auto_approve resolved against the deployment default. */
  async policies(workspaceId: string): Promise<WorkspacePolicy & { auto_approve: boolean }> {
    const item = await this.item(workspaceId);
    const stored = item?.policies ? (JSON.parse(item.policies) as WorkspacePolicy) : {};
    return { ...stored, auto_approve: stored.auto_approve ?? this.autoApproveDefault };
  }

  async getPolicies(principal: Principal, workspaceId: string) {
    authorize(principal, workspaceId, 'admin', 'workspace');
    const policy = await this.policies(workspaceId);
    return { workspace_id: workspaceId, ...policy, rules: rulesInForce(policy) };
  }

  async setPolicies(principal: Principal, workspaceId: string, policy: WorkspacePolicy) {
    authorize(principal, workspaceId, 'admin', 'workspace');
    checkWorkspacePolicy(policy);
    const current = await this.item(workspaceId);
    await this.write(principal, workspaceId, current, { ...(current ?? { workspace_id: workspaceId }), policies: JSON.stringify(policy) }, 'workspace.policies_changed', {
      before: { policies: current?.policies ? JSON.parse(current.policies) : null },
      after: { policies: policy },
    });
    return this.getPolicies(principal, workspaceId);
  }

  /** The workspace's environment rules (none unless an admin set them). */
  async promotion(workspaceId: string): Promise<PromotionRules> {
    const item = await this.item(workspaceId);
    return item?.promotion ? (JSON.parse(item.promotion) as PromotionRules) : NO_PROMOTION;
  }

  private item(workspaceId: string): Promise<WorkspaceConfigItem | undefined> {
    return this.stores.workspaces.get(workspaceId);
  }

  async config(principal: Principal, workspaceId: string): Promise<WorkspaceConfig> {
    authorize(principal, workspaceId, 'reader', 'workspace');
    const item = await this.item(workspaceId);
    return {
      workspace_id: workspaceId,
      compatibility: item?.compatibility ?? DEFAULT_COMPATIBILITY,
      compatibility_is_default: !item?.compatibility,
      default_dialect: item?.default_dialect ?? this.engineDefaultDialect,
      default_dialect_is_default: !item?.default_dialect,
      refuse_warnings: item?.refuse_warnings ? (JSON.parse(item.refuse_warnings) as string[]) : [],
      promotion: item?.promotion ? (JSON.parse(item.promotion) as PromotionRules) : NO_PROMOTION,
    };
  }

  async setConfig(principal: Principal, workspaceId: string, change: WorkspaceConfigChange): Promise<WorkspaceConfig> {
    authorize(principal, workspaceId, 'admin', 'workspace');
    const current = await this.item(workspaceId);
    const next: Omit<WorkspaceConfigItem, 'updated_at' | 'updated_by'> = { ...(current ?? { workspace_id: workspaceId }) };
    if (change.compatibility !== undefined) next.compatibility = change.compatibility;
    if (change.default_dialect === null) delete next.default_dialect;
    else if (change.default_dialect !== undefined) next.default_dialect = change.default_dialect;
    if (change.refuse_warnings?.length === 0) delete next.refuse_warnings;
    else if (change.refuse_warnings !== undefined) next.refuse_warnings = JSON.stringify([...new Set(change.refuse_warnings)].sort());
    if (change.promotion !== undefined) next.promotion = JSON.stringify({ required: change.promotion.required, second_approval: [...new Set(change.promotion.second_approval)].sort() });
    const settings = (i: Partial<WorkspaceConfigItem> | undefined) => ({
      compatibility: i?.compatibility ?? null,
      default_dialect: i?.default_dialect ?? null,
      refuse_warnings: i?.refuse_warnings ? (JSON.parse(i.refuse_warnings) as string[]) : [],
      promotion: i?.promotion ? (JSON.parse(i.promotion) as PromotionRules) : NO_PROMOTION,
    });
    await this.write(principal, workspaceId, current, next, 'workspace.config_changed', { before: settings(current), after: settings(next) });
    return this.config(principal, workspaceId);
  }

  /** Writes the settings item and its audit event in one transaction, conditional on no concurrent change. */
  private async write(
    principal: Principal,
    workspaceId: string,
    current: WorkspaceConfigItem | undefined,
    fields: Omit<WorkspaceConfigItem, 'updated_at' | 'updated_by'>,
    action: string,
    change: { before: unknown; after: unknown },
  ): Promise<void> {
    const next: WorkspaceConfigItem = { ...fields, updated_at: this.clock.now().toISOString(), updated_by: principal.id };
    await this.tx.transactOrConflict(
      [
        this.stores.workspaces.put(next, current),
        this.stores.audit.put({ workspace_id: workspaceId, actor: principal.id, action, entity_type: 'workspace', entity_id: workspaceId, ...change }),
      ],
      'the workspace settings changed concurrently; read them again and retry',
    );
  }
}
