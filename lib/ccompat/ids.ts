/**
 * The integer id of each distinct content (engine and fingerprint) of a workspace, allocated the first time
 * the Confluent-compatible API answers it, from a random one of the counter shards, and kept for good.
 */
import type { SchemaVersionItem } from '../generated/table.js';
import { COUNTER_SHARDS, type CcompatStore } from '../store/ccompat.js';

export class CcompatIds {
  constructor(
    private readonly store: CcompatStore,
    private readonly now: () => Date,
    /** Picks the counter shard of a new id. @default Math.random */
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * The id of a version's content: the content record is created only if absent, so concurrent first uses
   * agree on the id the winner allocated (the losers' ids stay unused).
   */
  async idOf(v: Pick<SchemaVersionItem, 'workspace_id' | 'engine' | 'fingerprint' | 'name' | 'version' | 'id'>): Promise<number> {
    const existing = await this.store.byContent(v.workspace_id, v.engine, v.fingerprint);
    if (existing) return existing.id;
    const id = await this.store.allocate(Math.floor(this.random() * COUNTER_SHARDS));
    const created = await this.store.create({ id, workspace_id: v.workspace_id, engine: v.engine, fingerprint: v.fingerprint, name: v.name, version: v.version, schema_version_id: v.id, created_at: this.now().toISOString() });
    if (created) return id;
    return (await this.store.byContent(v.workspace_id, v.engine, v.fingerprint))!.id;
  }
}
