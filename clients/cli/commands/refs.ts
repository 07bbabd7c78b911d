/**
 * Schema versions named the way people name them: a version id (ULID), `name` (its latest version) or
 * `name@N`, resolved in the command's workspace.
 */
import type { Context } from '../context.js';
import type { Schemas } from '../../typescript/src/index.js';
import { UsageError } from '../errors.js';

export type SchemaVersion = Schemas['SchemaVersion'];

export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const NAME_REF = /^([a-z][a-z0-9_]{0,62})(?:@([1-9][0-9]*))?$/;

export const REF_HELP = 'a version id, a schema name (its latest version) or name@version';

export async function getVersion(ctx: Context, id: string): Promise<SchemaVersion> {
  const { data } = await ctx.client.GET('/api/v1/schemas/{id}', { params: { path: { id } } });
  return data!;
}

/** Every page of a list, one after the other. */
export async function* pages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor: string | null }>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

export async function latestVersion(ctx: Context, name: string): Promise<SchemaVersion> {
  const { data } = await ctx.client.GET('/api/v1/schemas', { params: { query: { workspace_id: ctx.workspace, prefix: name, limit: '1' } } });
  // Names sort ascending, so the exact name, when it exists, is the first with this prefix.
  const found = data!.items.find((v) => v.name === name);
  if (!found) throw new UsageError(`no schema "${name}" in workspace "${ctx.workspace}" (try \`schema-registry schemas list\`)`);
  return found;
}

export async function resolveVersion(ctx: Context, ref: string): Promise<SchemaVersion> {
  if (ULID.test(ref)) return getVersion(ctx, ref);
  const m = NAME_REF.exec(ref);
  if (!m) throw new UsageError(`"${ref}" is not a schema reference: use ${REF_HELP}, e.g. "people" or "people@2"`);
  const latest = await latestVersion(ctx, m[1]!);
  if (!m[2]) return latest;
  const wanted = Number(m[2]);
  if (wanted === latest.version) return latest;
  if (wanted > latest.version) throw new UsageError(`schema "${latest.name}" has no version ${wanted} (latest is ${latest.version})`);
  for await (const v of pages((cursor) => ctx.client.GET('/api/v1/schemas/{id}/versions', { params: { path: { id: latest.id }, query: { limit: '500', ...(cursor ? { cursor } : {}) } } }).then((r) => r.data!))) {
    if (v.version === wanted) return v;
  }
  throw new UsageError(`schema "${latest.name}" has no version ${wanted}`);
}
