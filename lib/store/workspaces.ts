/** A workspace's settings item: its default compatibility and its policy document. */
import type { Table, TransactItem } from '../dynamo/table.js';
import type { WorkspaceConfigItem } from '../generated/table.js';
import { workspaceConfigRules } from '../generated/records/workspace_config.js';

export class WorkspaceStore {
  constructor(private readonly table: Table) {}

  /** The settings item; `consistent: false` where a moment's lag is harmless (a publish's default mode). */
  async get(workspace_id: string, { consistent = true } = {}): Promise<WorkspaceConfigItem | undefined> {
    return this.table.read(workspaceConfigRules, { workspace_id }, { consistent });
  }

  /** The Put of new settings, conditional on `current` (as read; undefined: none yet) being unchanged. */
  put(next: WorkspaceConfigItem, current: WorkspaceConfigItem | undefined): TransactItem {
    return this.table.put(workspaceConfigRules, next, current ? { expression: 'updated_at = :u', values: { ':u': current.updated_at } } : { expression: 'attribute_not_exists(PK)' });
  }
}
