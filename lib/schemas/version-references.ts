/**
 * References as part of a version's life: what its publish writes (the record on the version, the "used
 * by" items, the marks on the versions used), what an engine reads with it, the two-way listing, and the
 * state changes they forbid (disabling a version still used; re-activating one whose references are off).
 */
import { ConflictError } from '../errors.js';
import type { ReferencedDefinition } from '../engines/types.js';
import type { Clock, IdGenerator, TransactItem } from '../dynamo/table.js';
import type { SchemaVersionItem } from '../generated/table.js';
import type { SchemaReferenceStore } from '../store/references.js';
import type { SchemaStore } from '../store/schemas.js';
import { loadReferences, recordedReferences, resolveReferences, type ResolvedReferences, type VersionReference } from './references.js';

export interface UsedBy {
  id: string;
  name: string;
  version: number;
  state: SchemaVersionItem['state'];
  /** The URI its definition uses. */
  uri: string;
}

export class VersionReferences {
  constructor(
    private readonly stores: { schemas: SchemaStore; references: SchemaReferenceStore },
    private readonly clock: Clock & IdGenerator,
  ) {}

  /** Resolves the URIs a definition uses (see resolveReferences). */
  resolve(workspaceId: string, uris: string[]): Promise<ResolvedReferences> {
    return resolveReferences(this.stores.schemas, workspaceId, uris);
  }

  /** Every version a stored version reaches through references, as its engine reads them. */
  load(version: Pick<SchemaVersionItem, 'workspace_id' | 'references'>): Promise<ReferencedDefinition[]> {
    return loadReferences(recordedReferences(version), (ref) => this.stores.schemas.versionByNumber(version.workspace_id, ref.name, ref.version));
  }

  /** The items a publish of `version` adds for its references: one "used by" record and one mark per version used. */
  publishItems(version: SchemaVersionItem, resolved: ResolvedReferences): TransactItem[] {
    return resolved.direct.flatMap((ref, i) => [
      this.stores.references.put({
        workspace_id: version.workspace_id,
        referenced_id: ref.schema_version_id,
        referrer_id: version.id,
        referrer_name: version.name,
        referrer_version: version.version,
        uri: ref.uri,
        created_at: version.created_at,
      }),
      this.stores.references.markUsed(resolved.items[i]!, this.clock.newId()),
    ]);
  }

  /** What a version uses, and one page of the versions that use it, with their states. */
  async list(version: SchemaVersionItem, limit: number, cursor?: string): Promise<{ uses: VersionReference[]; used_by: UsedBy[]; next_cursor: string | null }> {
    const page = await this.stores.references.usedBy(version.workspace_id, version.id, limit, cursor);
    const users = await this.stores.schemas.versionsAt(page.items.map((r) => ({ workspace_id: r.workspace_id, name: r.referrer_name, version: r.referrer_version, id: r.referrer_id })));
    const state = new Map(users.map((u) => [u.id, u.state]));
    const used_by = page.items.map((r) => ({ id: r.referrer_id, name: r.referrer_name, version: r.referrer_version, state: state.get(r.referrer_id) ?? 'active', uri: r.uri }));
    return { uses: recordedReferences(version), used_by, next_cursor: page.next_cursor };
  }

  /**
   * The extra items a state change needs, or a 409 naming why it cannot happen: a version cannot be
   * disabled while a version that is not disabled uses it, and a disabled version that uses a disabled
   * one cannot come back. Both writes are conditional (see SchemaReferenceStore.markUsed), so two
   * concurrent changes cannot together reach what each alone is refused.
   */
  async stateChange(current: SchemaVersionItem, state: SchemaVersionItem['state']): Promise<TransactItem[]> {
    if (state === 'disabled') {
      const users: UsedBy[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.list(current, 500, cursor);
        users.push(...page.used_by.filter((u) => u.state !== 'disabled'));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      if (users.length > 0) {
        const names = users.map((u) => `${u.name} v${u.version} (${u.state})`).join(', ');
        throw new ConflictError(`${current.name} v${current.version} cannot be disabled: it is referenced by ${names}; disable those versions first`, { extensions: { used_by: users } });
      }
      return [];
    }
    if (current.state !== 'disabled') return [];
    const uses = recordedReferences(current);
    const items = await this.stores.schemas.versionsAt(uses.map((r) => ({ workspace_id: current.workspace_id, name: r.name, version: r.version, id: r.schema_version_id })));
    const off = items.filter((item) => item.state === 'disabled');
    if (off.length > 0) {
      const names = off.map((v) => `${v.name} v${v.version}`).join(', ');
      throw new ConflictError(`${current.name} v${current.version} cannot become ${state}: it references ${names}, which ${off.length > 1 ? 'are' : 'is'} disabled; re-activate ${off.length > 1 ? 'them' : 'it'} first`, {
        extensions: { disabled: off.map((v) => ({ id: v.id, name: v.name, version: v.version })) },
      });
    }
    return items.map((item) => this.stores.references.markUsed(item, this.clock.newId()));
  }
}
