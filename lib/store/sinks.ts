/** Sink settings: one item per sink of a workspace, read by name or all at once, put and deleted. */
import type { Table, TransactItem } from '../dynamo/table.js';
import { sinkConfigKeys, type SinkConfigItem } from '../generated/table.js';

export class SinkStore {
  constructor(private readonly table: Table) {}

  async get(workspace_id: string, name: string): Promise<SinkConfigItem | undefined> {
    const { data } = await this.table.entities.sink_config.get({ workspace_id, name }).go({ consistent: true });
    return (data ?? undefined) as SinkConfigItem | undefined;
  }

  /** Every sink of a workspace, by name (a workspace has a handful; one Query). */
  async list(workspace_id: string): Promise<SinkConfigItem[]> {
    const { data } = await this.table.entities.sink_config.query.sinks_by_workspace({ workspace_id }).go({ pages: 'all' });
    return data as SinkConfigItem[];
  }

  /** The Put of new settings, conditional on `current` (as read; undefined: none yet) being unchanged. */
  put(next: SinkConfigItem, current: SinkConfigItem | undefined): TransactItem {
    return this.table.put('sink_config', next, current ? { expression: 'updated_at = :u', values: { ':u': current.updated_at } } : { expression: 'attribute_not_exists(PK)' });
  }

  /** The Delete of a sink's settings, conditional on them being as read. */
  delete(current: SinkConfigItem): TransactItem {
    return {
      Delete: {
        TableName: this.table.name,
        Key: { PK: sinkConfigKeys.primary.pk(current), SK: sinkConfigKeys.primary.sk(current) },
        ConditionExpression: 'updated_at = :u',
        ExpressionAttributeValues: { ':u': current.updated_at },
      },
    };
  }
}
