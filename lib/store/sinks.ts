/**
 * Sink settings: one item per sink of a workspace, read by name or all at once, put and deleted. The
 * registry never deletes items (its functions hold no DeleteItem grant): a deleted sink is a tombstone,
 * which reads as absent and which the next put replaces.
 */
import type { Table, TransactItem } from '../dynamo/table.js';
import type { SinkConfigItem } from '../generated/table.js';
import { sinkConfigRules } from '../generated/records/sink_config.js';

export class SinkStore {
  constructor(private readonly table: Table) {}

  /** The live settings of a sink (a tombstone reads as none). */
  async get(workspace_id: string, name: string): Promise<SinkConfigItem | undefined> {
    const item = await this.table.read(sinkConfigRules, { workspace_id, name }, { consistent: true });
    return item?.deleted_at ? undefined : item;
  }

  /** Every live sink of a workspace, by name (a workspace has a handful; one Query). */
  async list(workspace_id: string): Promise<SinkConfigItem[]> {
    const { data } = await (await this.table.entities()).sink_config.query.sinks_by_workspace({ workspace_id }).go({ pages: 'all' });
    return (data as SinkConfigItem[]).filter((i) => !i.deleted_at);
  }

  /** The Put of new settings, conditional on `current` (as read; undefined: none yet, or a tombstone) being unchanged. */
  put(next: SinkConfigItem, current: SinkConfigItem | undefined): TransactItem {
    return this.table.put(sinkConfigRules, next, current ? { expression: 'updated_at = :u', values: { ':u': current.updated_at } } : { expression: 'attribute_not_exists(PK) OR attribute_exists(deleted_at)' });
  }

  /** The Put of a sink's tombstone, conditional on its settings being as read. */
  delete(current: SinkConfigItem, by: string, at: string): TransactItem {
    return this.put({ ...current, deleted_at: at, updated_at: at, updated_by: by }, current);
  }
}
