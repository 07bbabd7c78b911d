/** Workspace-wide settings: the default compatibility mode of schemas that set none. */
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
}

export class WorkspaceService {
  constructor(
    private readonly stores: { workspaces: WorkspaceStore; audit: AuditStore },
    private readonly tx: Transactor,
    private readonly clock: Clock,
    private readonly autoApproveDefault = false,
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

  private item(workspaceId: string): Promise<WorkspaceConfigItem | undefined> {
    return this.stores.workspaces.get(workspaceId);
  }

  async config(principal: Principal, workspaceId: string): Promise<WorkspaceConfig> {
    authorize(principal, workspaceId, 'reader', 'workspace');
    const item = await this.item(workspaceId);
    return { workspace_id: workspaceId, compatibility: item?.compatibility ?? DEFAULT_COMPATIBILITY, compatibility_is_default: !item?.compatibility };
  }

  async setConfig(principal: Principal, workspaceId: string, change: { compatibility: Compatibility }): Promise<WorkspaceConfig> {
    authorize(principal, workspaceId, 'admin', 'workspace');
    const current = await this.item(workspaceId);
    await this.write(principal, workspaceId, current, { ...(current ?? { workspace_id: workspaceId }), compatibility: change.compatibility }, 'workspace.config_changed', {
      before: { compatibility: current?.compatibility ?? null },
      after: { compatibility: change.compatibility },
    });
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
