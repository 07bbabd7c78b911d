/**
 * References between versions of one workspace: `registry://{workspace}/{name}/{version}` URIs, resolved
 * from the table when a definition is published (never from the network), recorded on the version, and
 * loaded again, with everything they reference in turn, whenever an engine reads that version.
 */
import { ConflictError, ValidationError } from '../errors.js';
import { REGISTRY_URI_PREFIX, type ReferencedDefinition, type Json } from '../engines/types.js';
import { SHARED_ATTRIBUTES, type SchemaVersionItem } from '../generated/table.js';
import type { SchemaStore } from '../store/schemas.js';

/** One version a definition references, as recorded on the referencing version. */
export interface VersionReference {
  uri: string;
  schema_version_id: string;
  name: string;
  version: number;
}

/** Most versions one definition may reference directly: each adds two items to its publish transaction. */
export const MAX_DIRECT_REFERENCES = 20;
/** Most versions one definition may reach through references, all embedded whenever it is read. */
export const MAX_REFERENCED_VERSIONS = 50;

/** The pattern of a shared attribute without its anchors, to embed in a larger one. */
const unanchored = (pattern: string) => pattern.replace(/^\^/, '').replace(/\$$/, '');
const REGISTRY_URI = new RegExp(
  `^registry://(${unanchored(SHARED_ATTRIBUTES.workspace_id.pattern)})/(${unanchored(SHARED_ATTRIBUTES.schema_name.pattern)})/([1-9][0-9]{0,9})$`,
);

/** The URI of a version. */
export const registryUri = (v: { workspace_id: string; name: string; version: number }) => `${REGISTRY_URI_PREFIX}${v.workspace_id}/${v.name}/${v.version}`;

function invalid(uri: string, message: string, keyword = '$ref'): ValidationError {
  return new ValidationError(`definition is invalid: $ref ${JSON.stringify(uri)} ${message}`, { errors: [{ path: '', keyword, message: `$ref ${JSON.stringify(uri)} ${message}` }] });
}

/** The references recorded on a version (none when the attribute is absent). */
export function recordedReferences(item: Pick<SchemaVersionItem, 'references'>): VersionReference[] {
  return item.references === undefined ? [] : (JSON.parse(item.references) as VersionReference[]);
}

/**
 * Every version reachable from `direct`, each once, as the engine reads them. `fetch` reads one version
 * (a consistent read at publish, the version cache when validating payloads).
 */
export async function loadReferences(direct: VersionReference[], fetch: (ref: VersionReference) => Promise<SchemaVersionItem | undefined>): Promise<ReferencedDefinition[]> {
  const loaded = new Map<string, ReferencedDefinition>();
  let pending = direct;
  while (pending.length > 0) {
    const fresh = pending.filter((ref, i) => !loaded.has(ref.uri) && pending.findIndex((r) => r.uri === ref.uri) === i);
    if (loaded.size + fresh.length > MAX_REFERENCED_VERSIONS) {
      throw invalid(fresh[0]!.uri, `takes the versions this definition reaches through references beyond ${MAX_REFERENCED_VERSIONS}, the limit; reference fewer versions`, 'maxReferences');
    }
    const items = await Promise.all(fresh.map(fetch));
    pending = [];
    fresh.forEach((ref, i) => {
      const item = items[i];
      // Recorded references point at versions, which are never deleted.
      if (!item) throw new Error(`referenced version ${ref.schema_version_id} (${ref.uri}) is missing`);
      loaded.set(ref.uri, { uri: ref.uri, definition: JSON.parse(item.definition) as Json, dialect: item.dialect });
      pending.push(...recordedReferences(item));
    });
  }
  return [...loaded.values()];
}

/** What a definition's references resolve to at publish: what to record, and what the engine reads. */
export interface ResolvedReferences {
  direct: VersionReference[];
  /** The items of `direct`, for the writes that mark them used. */
  items: SchemaVersionItem[];
  all: ReferencedDefinition[];
}

export const NO_REFERENCES: ResolvedReferences = Object.freeze({ direct: [], items: [], all: [] }) as ResolvedReferences;

/**
 * Resolves the registry URIs a definition uses, in `workspaceId`, from the table. Refuses (422) a URI
 * that is malformed, names another workspace or no version, and (409) one naming a disabled version.
 */
export async function resolveReferences(repo: SchemaStore, workspaceId: string, uris: string[]): Promise<ResolvedReferences> {
  if (uris.length === 0) return NO_REFERENCES;
  if (uris.length > MAX_DIRECT_REFERENCES) {
    throw invalid(uris[MAX_DIRECT_REFERENCES]!, `is one reference too many: a definition may reference at most ${MAX_DIRECT_REFERENCES} versions`, 'maxReferences');
  }
  const parsed = uris.map((uri) => {
    const match = REGISTRY_URI.exec(uri);
    if (!match) throw invalid(uri, `is not a registry URI; write ${REGISTRY_URI_PREFIX}{workspace}/{name}/{version}, e.g. ${REGISTRY_URI_PREFIX}${workspaceId}/address/1`);
    const [, workspace, name, version] = match as unknown as [string, string, string, string];
    if (workspace !== workspaceId) {
      throw invalid(uri, `names workspace "${workspace}": a definition may only reference versions of its own workspace ("${workspaceId}")`);
    }
    return { uri, name, version: Number(version) };
  });
  const items = await Promise.all(parsed.map((p) => repo.versionByNumber(workspaceId, p.name, p.version)));
  const direct = parsed.map((p, i): VersionReference => {
    const item = items[i];
    if (!item) throw invalid(p.uri, `names no registered version: schema "${p.name}" has no version ${p.version} in workspace "${workspaceId}"`);
    if (item.state === 'disabled') {
      throw new ConflictError(`${p.uri} is disabled: a new version cannot reference it; reference an active version, or re-activate it first`, { extensions: { disabled: [p.uri] } });
    }
    return { uri: p.uri, schema_version_id: item.id, name: item.name, version: item.version };
  });
  const read = new Map(direct.map((ref, i) => [ref.uri, items[i]]));
  const all = await loadReferences(direct, async (ref) => read.get(ref.uri) ?? repo.versionByNumber(workspaceId, ref.name, ref.version));
  return { direct, items: items as SchemaVersionItem[], all };
}
