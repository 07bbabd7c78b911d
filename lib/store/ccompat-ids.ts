/**
 * The integer schema ids of the Confluent-compatible API: one record per content of a workspace (found by
 * engine and fingerprint, or by id on GSI1) and the 16 counter shards the ids come from (schema.yaml,
 * ccompat_schema_id and ccompat_id_counter).
 */
import { ccompatIdCounterKeys, type CcompatSchemaIdItem } from '../generated/table.js';
import { isConditionFailure } from '../dynamo/errors.js';
import type { Table } from '../dynamo/table.js';

/** schema.yaml's ccompat_id_counter: shards 0-15, id = (n - 1) * SHARDS + shard + 1. */
export const COUNTER_SHARDS = 16;

export class CcompatIdStore {
  constructor(private readonly table: Table) {}

  async byContent(workspace_id: string, engine: string, fingerprint: string): Promise<CcompatSchemaIdItem | undefined> {
    const { data } = await this.table.entities.ccompat_schema_id.get({ workspace_id, engine, fingerprint }).go({ consistent: true });
    return (data ?? undefined) as CcompatSchemaIdItem | undefined;
  }

  /** By id: one Query on GSI1 (eventually consistent, as every GSI). */
  async byId(id: number): Promise<CcompatSchemaIdItem | undefined> {
    const { data } = await this.table.entities.ccompat_schema_id.query.ccompat_id_by_id({ id }).go({ limit: 1 });
    return data[0] as CcompatSchemaIdItem | undefined;
  }

  /** A fresh id from one shard (`shard` in 0..15): one atomic UpdateItem ADD on that shard only. */
  async allocate(shard: number): Promise<number> {
    const item = await this.table.update({
      Key: { PK: ccompatIdCounterKeys.primary.pk({ shard }), SK: ccompatIdCounterKeys.primary.sk() },
      UpdateExpression: 'ADD #next :one SET #e = :e, #v = :v, #shard = :shard',
      ExpressionAttributeNames: { '#next': 'next', '#shard': 'shard', '#e': '__edb_e__', '#v': '__edb_v__' },
      ExpressionAttributeValues: { ':one': 1, ':e': 'ccompat_id_counter', ':v': '1', ':shard': shard },
    });
    return (Number(item.next) - 1) * COUNTER_SHARDS + shard + 1;
  }

  /** Records the id of a content; false when another writer recorded one first (its id stands). */
  async create(item: CcompatSchemaIdItem): Promise<boolean> {
    try {
      await this.table.putItem(this.table.put('ccompat_schema_id', item, { expression: 'attribute_not_exists(PK)' }));
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }
}
