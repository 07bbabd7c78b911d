/** Schema heads, versions and fingerprints in the table. */
import type { SchemaFingerprintItem, SchemaItem, SchemaVersionItem } from '../generated/table.js';
import { schemaVersionKeys } from '../generated/table.js';
import { translate } from '../dynamo/errors.js';
import type { Table } from '../dynamo/table.js';

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export class SchemaRepository {
  constructor(private readonly table: Table) {}

  async head(workspace_id: string, name: string): Promise<SchemaItem | undefined> {
    const { data } = await this.table.entities.schema.get({ workspace_id, name }).go({ consistent: true });
    return (data ?? undefined) as SchemaItem | undefined;
  }

  async fingerprint(workspace_id: string, name: string, fingerprint: string): Promise<SchemaFingerprintItem | undefined> {
    const { data } = await this.table.entities.schema_fingerprint.get({ workspace_id, name, fingerprint }).go({ consistent: true });
    return (data ?? undefined) as SchemaFingerprintItem | undefined;
  }

  /** A version by id: one Query on GSI1. */
  async versionById(id: string): Promise<SchemaVersionItem | undefined> {
    const { data } = await this.table.entities.schema_version.query.schema_version_by_id({ id }).go({ limit: 1 });
    return data[0] as SchemaVersionItem | undefined;
  }

  /** A version by schema and number, strongly consistent (used right after a publish race). */
  async versionByNumber(workspace_id: string, name: string, version: number): Promise<SchemaVersionItem | undefined> {
    const { data } = await this.table.entities.schema_version.get({ workspace_id, name, version }).go({ consistent: true });
    return (data ?? undefined) as SchemaVersionItem | undefined;
  }

  async versions(workspace_id: string, name: string, limit: number, cursor?: string): Promise<Page<SchemaVersionItem>> {
    try {
      const out = await this.table.entities.schema_version.query.schema_versions_by_schema({ workspace_id, name }).go({ limit, cursor: cursor ?? null });
      return { items: out.data as SchemaVersionItem[], next_cursor: out.cursor ?? null };
    } catch (e) {
      translate(e, 'listing versions');
    }
  }

  async heads(workspace_id: string, prefix: string | undefined, limit: number, cursor?: string): Promise<Page<SchemaItem>> {
    try {
      const q = this.table.entities.schema.query.schemas_by_workspace({ workspace_id });
      const out = await (prefix ? q.begins({ name: prefix }) : q).go({ limit, cursor: cursor ?? null });
      return { items: out.data as SchemaItem[], next_cursor: out.cursor ?? null };
    } catch (e) {
      translate(e, 'listing schemas');
    }
  }

  /** The latest versions of several schemas in one BatchGetItem, in the order of `heads`. */
  async latestVersions(heads: SchemaItem[]): Promise<SchemaVersionItem[]> {
    const keys = heads.map((h) => {
      const k = schemaVersionKeys.all({ workspace_id: h.workspace_id, name: h.name, version: h.latest_version, id: h.latest_version_id });
      return { PK: k.PK!, SK: k.SK! };
    });
    return (await this.table.batchGet(keys)) as unknown as SchemaVersionItem[];
  }
}
