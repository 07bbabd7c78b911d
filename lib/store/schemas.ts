/** Schema heads, versions and fingerprints: their reads, and the Puts that publish and change them. */
import { type SchemaFingerprintItem, type SchemaItem, type SchemaVersionItem } from '../generated/table.js';
import { schemaKeys } from '../generated/records/schema.js';
import { schemaVersionKeys } from '../generated/records/schema_version.js';
import type { Page, Table, TransactItem } from '../dynamo/table.js';
import { schemaRules } from '../generated/records/schema.js';
import { schemaFingerprintRules } from '../generated/records/schema_fingerprint.js';
import { schemaVersionRules } from '../generated/records/schema_version.js';

/**
 * The condition that the head is as read: same latest version and same settings. The new head copies the
 * settings it read, and a verdict was reached under them, so a settings change since then must make the
 * write fail (compared by value: two writes can share an updated_at millisecond).
 */
function unchangedHead(head: SchemaItem): { expression: string; names: Record<string, string>; values: Record<string, unknown> } {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':v': head.latest_version };
  const clauses = ['latest_version = :v'];
  for (const field of ['compatibility', 'open_content_model', 'default_dialect', 'payload_shards'] as const) {
    names[`#${field}`] = field;
    const value = head[field];
    if (value === undefined) clauses.push(`attribute_not_exists(#${field})`);
    else {
      values[`:${field}`] = value;
      clauses.push(`#${field} = :${field}`);
    }
  }
  return { expression: clauses.join(' AND '), names, values };
}

const CREATE = { expression: 'attribute_not_exists(PK)' };

export class SchemaStore {
  constructor(private readonly table: Table) {}

  async head(workspace_id: string, name: string): Promise<SchemaItem | undefined> {
    return this.table.read(schemaRules, { workspace_id, name }, { consistent: true });
  }

  async fingerprint(workspace_id: string, name: string, fingerprint: string): Promise<SchemaFingerprintItem | undefined> {
    return this.table.read(schemaFingerprintRules, { workspace_id, name, fingerprint }, { consistent: true });
  }

  /** A version by id: one Query on GSI1. */
  async versionById(id: string): Promise<SchemaVersionItem | undefined> {
    return this.table.first(schemaVersionRules, 'GSI1', schemaVersionKeys.GSI1.pk({ id }));
  }

  /** A version by schema and number, strongly consistent (used right after a publish race). */
  async versionByNumber(workspace_id: string, name: string, version: number): Promise<SchemaVersionItem | undefined> {
    return this.table.read(schemaVersionRules, { workspace_id, name, version }, { consistent: true });
  }

  /** One page of a schema's versions, oldest first. */
  versions(workspace_id: string, name: string, limit: number, cursor?: string): Promise<Page<SchemaVersionItem>> {
    const where = { partitionKey: schemaVersionKeys.primary.pk({ workspace_id, name }), sortKeyPrefix: schemaVersionKeys.primary.skPrefix() };
    return this.table.pageRecords(schemaVersionRules, 'listing versions', where, limit, cursor);
  }

  /** One page of a workspace's schemas by name; `prefix` narrows it to names that start with it. */
  heads(workspace_id: string, prefix: string | undefined, limit: number, cursor?: string): Promise<Page<SchemaItem>> {
    const where = { index: 'GSI2' as const, partitionKey: schemaKeys.GSI2.pk({ workspace_id }), sortKeyPrefix: schemaKeys.GSI2.skPrefix({}, prefix) };
    return this.table.pageRecords(schemaRules, 'listing schemas', where, limit, cursor);
  }

  /** The latest versions of several schemas in one BatchGetItem, in the order of `heads`. */
  latestVersions(heads: SchemaItem[]): Promise<SchemaVersionItem[]> {
    return this.versionsAt(heads.map((h) => ({ workspace_id: h.workspace_id, name: h.name, version: h.latest_version, id: h.latest_version_id })));
  }

  /** Versions by schema and number, in BatchGetItem calls, in the order asked (missing ones dropped). */
  async versionsAt(versions: Pick<SchemaVersionItem, 'workspace_id' | 'name' | 'version' | 'id'>[]): Promise<SchemaVersionItem[]> {
    const keys = versions.map((v) => {
      const k = schemaVersionKeys.all(v);
      return { PK: k.PK!, SK: k.SK! };
    });
    return (await this.table.batchGet(keys)) as unknown as SchemaVersionItem[];
  }

  /**
   * The Puts that publish `version` as the next after `head`: the version and its fingerprint guard (both
   * new), and the new head, conditional on the one read not having moved, settings included.
   */
  publishPuts(version: SchemaVersionItem, newHead: SchemaItem, head: SchemaItem | undefined): TransactItem[] {
    const { workspace_id, name, fingerprint, id, version: number } = version;
    return [
      this.table.put(schemaVersionRules, version, CREATE),
      this.table.put(schemaFingerprintRules, { workspace_id, name, fingerprint, schema_version_id: id, version: number }, CREATE),
      this.table.put(schemaRules, newHead, head ? unchangedHead(head) : CREATE),
    ];
  }

  /** The Put of a head's new settings, conditional on the head being as read. */
  putHeadSettings(next: SchemaItem, current: SchemaItem): TransactItem {
    return this.table.put(schemaRules, next, { expression: 'latest_version = :v AND updated_at = :u', values: { ':v': current.latest_version, ':u': current.updated_at } });
  }

  /**
   * The Put of a version's new state; the definition (guarded by its fingerprint) never changes, and no
   * version started using it since it was read (its `referrer_token` is as read).
   */
  putVersionState(next: SchemaVersionItem, current: SchemaVersionItem): TransactItem {
    const names = { '#s': 'state', '#t': 'referrer_token' };
    const values: Record<string, unknown> = { ':old': current.state, ':fp': current.fingerprint };
    let token = 'attribute_not_exists(#t)';
    if (current.referrer_token !== undefined) {
      values[':t'] = current.referrer_token;
      token = '#t = :t';
    }
    return this.table.put(schemaVersionRules, next, { expression: `#s = :old AND fingerprint = :fp AND ${token}`, names, values });
  }
}
