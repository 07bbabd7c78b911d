/** Workspace-wide settings: the default compatibility mode of schemas that set none. */
import { authorize, type Principal } from '../auth/principal.js';
import { auditEvent } from '../audit/events.js';
import { ConflictError } from '../errors.js';
import { cancellationCodes } from '../dynamo/errors.js';
import type { Table } from '../dynamo/table.js';
import type { WorkspaceConfigItem } from '../generated/table.js';
import { DEFAULT_COMPATIBILITY, type Compatibility } from '../schemas/compatibility.js';

export interface WorkspaceConfig {
  workspace_id: string;
  compatibility: Compatibility;
  /** true when no default was set and the registry's own (BACKWARD) applies. */
  compatibility_is_default: boolean;
}

export class WorkspaceService {
  constructor(private readonly table: Table) {}

  private async item(workspaceId: string): Promise<WorkspaceConfigItem | undefined> {
    const { data } = await this.table.entities.workspace_config.get({ workspace_id: workspaceId }).go({ consistent: true });
    return (data ?? undefined) as WorkspaceConfigItem | undefined;
  }

  async config(principal: Principal, workspaceId: string): Promise<WorkspaceConfig> {
    authorize(principal, workspaceId, 'reader', 'workspace');
    const item = await this.item(workspaceId);
    return { workspace_id: workspaceId, compatibility: item?.compatibility ?? DEFAULT_COMPATIBILITY, compatibility_is_default: !item?.compatibility };
  }

  async setConfig(principal: Principal, workspaceId: string, change: { compatibility: Compatibility }): Promise<WorkspaceConfig> {
    authorize(principal, workspaceId, 'admin', 'workspace');
    const current = await this.item(workspaceId);
    const now = this.table.deps.now().toISOString();
    const next: WorkspaceConfigItem = { ...(current ?? { workspace_id: workspaceId }), compatibility: change.compatibility, updated_at: now, updated_by: principal.id };
    const audit = auditEvent(
      { workspace_id: workspaceId, actor: principal.id, action: 'workspace.config_changed', entity_type: 'workspace', entity_id: workspaceId, before: { compatibility: current?.compatibility ?? null }, after: { compatibility: change.compatibility } },
      this.table.deps,
    );
    try {
      await this.table.transact([
        this.table.put('workspace_config', next, current ? { expression: 'updated_at = :u', values: { ':u': current.updated_at } } : { expression: 'attribute_not_exists(PK)' }),
        this.table.put('audit_event', audit, { expression: 'attribute_not_exists(PK)' }),
      ]);
    } catch (e) {
      if (cancellationCodes(e)?.includes('ConditionalCheckFailed')) throw new ConflictError('the workspace settings changed concurrently; read them again and retry', { cause: e });
      throw e;
    }
    return this.config(principal, workspaceId);
  }
}
