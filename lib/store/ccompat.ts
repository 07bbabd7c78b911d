/**
 * The Confluent-compatible API's records (schema.yaml): the integer id of each content of a workspace
 * (found by engine and fingerprint, or by id on GSI1), the 16 counter shards the ids come from, and the
 * subject each schema was registered under.
 */
import { type CcompatSchemaIdItem, type CcompatSubjectItem } from '../generated/table.js';
import { ccompatIdCounterKeys } from '../generated/records/ccompat_id_counter.js';
import { ccompatSubjectKeys } from '../generated/records/ccompat_subject.js';
import type { Table } from '../dynamo/table.js';
import { ccompatSchemaIdRules } from '../generated/records/ccompat_schema_id.js';
import { ccompatSubjectRules } from '../generated/records/ccompat_subject.js';

/** schema.yaml's ccompat_id_counter: shards 0-15, id = (n - 1) * SHARDS + shard + 1. */
export const COUNTER_SHARDS = 16;

export class CcompatStore {
  constructor(private readonly table: Table) {}

  async byContent(workspace_id: string, engine: string, fingerprint: string): Promise<CcompatSchemaIdItem | undefined> {
    return this.table.read(ccompatSchemaIdRules, { workspace_id, engine, fingerprint }, { consistent: true });
  }

  /** By id: one Query on GSI1 (eventually consistent, as every GSI). */
  async byId(id: number): Promise<CcompatSchemaIdItem | undefined> {
    const { data } = await (await this.table.entities()).ccompat_schema_id.query.ccompat_id_by_id({ id }).go({ limit: 1 });
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
  create(item: CcompatSchemaIdItem): Promise<boolean> {
    return this.table.putItemIf(this.table.put(ccompatSchemaIdRules, item, { expression: 'attribute_not_exists(PK)' }));
  }

  async subject(workspace_id: string, name: string): Promise<CcompatSubjectItem | undefined> {
    return this.table.read(ccompatSubjectRules, { workspace_id, name }, { consistent: true });
  }

  /** The subjects of several schemas of a workspace, in one BatchGetItem (schemas without one left out). */
  async subjects(workspace_id: string, names: string[]): Promise<Map<string, string>> {
    const keys = names.map((name) => ({ PK: ccompatSubjectKeys.primary.pk({ workspace_id, name }), SK: ccompatSubjectKeys.primary.sk() }));
    const items = (await this.table.batchGet(keys)) as unknown as CcompatSubjectItem[];
    return new Map(items.map((i) => [i.name, i.subject]));
  }

  /** Records a schema's subject; false when it already has one. */
  createSubject(item: CcompatSubjectItem): Promise<boolean> {
    return this.table.putItemIf(this.table.put(ccompatSubjectRules, item, { expression: 'attribute_not_exists(PK)' }));
  }
}
