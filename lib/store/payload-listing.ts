/**
 * A schema's payload listing (schema.yaml, payloads_by_schema_name and payloads_by_schema_version): one
 * Query per shard on GSI4, merged by id, so pages come back in creation (ULID) order whatever the shard
 * count; then one BatchGetItem for the documents, which the index does not hold.
 *
 * The cursor is the GSI4 key of the last payload returned. Pages are merged in id order, so every shard's
 * position is "after that id": one key encodes all of them, and stays right when the shard count is
 * raised between pages (payloads in the new shards are newer than the raise).
 */
import { BadRequestError } from '../errors.js';
import { decodeCursor, encodeCursor } from '../dynamo/cursor.js';
import type { Page, Table } from '../dynamo/table.js';
import { INDEXES, SHARED_ATTRIBUTES, type ACCESS_PATTERNS, type PayloadItem } from '../generated/table.js';
import { payloadKeys } from '../generated/records/payload.js';

// The index by its name in schema.yaml's access pattern, checked by the compiler: the value of
// ACCESS_PATTERNS (every pattern of the table) stays out of the payloads bundle.
const INDEX = 'GSI4' satisfies (typeof ACCESS_PATTERNS)['payloads_by_schema_name']['index'];
const { partitionKey: PK, sortKey: SK } = INDEXES[INDEX];
const TABLE = INDEXES.primary;
const ULID = new RegExp(SHARED_ATTRIBUTES.ulid.pattern);

/** Which payloads: a schema's, or only those of one of its versions. */
export interface ListingOf {
  workspace_id: string;
  schema_name: string;
  schema_ref?: string;
}

/** The cursor after `last`: its own GSI4 key, the shape of every cursor the API issues. */
function cursorAfter(last: Record<string, unknown>): string {
  return encodeCursor({ [PK]: last[PK], [SK]: last[SK] });
}

/** The id a cursor continues after, refusing one issued by another listing. */
function idAfter(of: ListingOf, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = decodeCursor(cursor) as Record<string, string>;
    const where = payloadKeys[INDEX].parsePk(key[PK]!);
    const { id } = payloadKeys[INDEX].parseSk(key[SK]!);
    if (where.workspace_id === of.workspace_id && where.schema_name === of.schema_name && ULID.test(id)) return id;
  } catch {
    // refused below
  }
  throw new BadRequestError('cursor is not one this listing returned; use the next_cursor of its previous page, or start again without one');
}

interface Shard {
  buffer: Record<string, unknown>[];
  next?: Record<string, unknown>;
  done: boolean;
}

/** One page of `of` over `shards` shards, oldest first. */
export async function listPayloads(table: Table, of: ListingOf, shards: number, limit: number, cursor?: string): Promise<Page<PayloadItem>> {
  const after = idAfter(of, cursor);
  // Ids spread evenly over shards, so each gives about limit/shards items to a page; one more shows whether it has more.
  const chunk = Math.ceil(limit / shards) + 1;
  const state: Shard[] = Array.from({ length: shards }, () => ({ buffer: [], done: false }));
  const fill = async (shard: number) => {
    const s = state[shard]!;
    const filtered = of.schema_ref !== undefined;
    const { items, lastKey } = await table.query({
      IndexName: INDEX,
      KeyConditionExpression: '#pk = :pk AND #sk > :after',
      ExpressionAttributeNames: { '#pk': PK, '#sk': SK, ...(filtered ? { '#ref': 'schema_ref' } : {}) },
      ExpressionAttributeValues: {
        ':pk': payloadKeys[INDEX].pk({ workspace_id: of.workspace_id, schema_name: of.schema_name, shard }),
        ':after': after === undefined ? payloadKeys[INDEX].skPrefix() : payloadKeys[INDEX].sk({ id: after }),
        ...(filtered ? { ':ref': of.schema_ref } : {}),
      },
      ...(filtered ? { FilterExpression: '#ref = :ref' } : {}),
      ...(s.next ? { ExclusiveStartKey: s.next } : {}),
      Limit: chunk,
    });
    s.buffer.push(...items);
    s.next = lastKey;
    s.done = lastKey === undefined;
  };
  const refill = () => Promise.all(state.flatMap((s, i) => (s.buffer.length === 0 && !s.done ? [fill(i)] : [])));

  const page: Record<string, unknown>[] = [];
  while (page.length < limit) {
    // Every shard that could still hold the next payload must show its first one before the smallest is taken.
    while (state.some((s) => s.buffer.length === 0 && !s.done)) await refill();
    const heads = state.filter((s) => s.buffer.length > 0);
    if (heads.length === 0) break;
    const first = heads.reduce((a, b) => (String(b.buffer[0]![SK]) < String(a.buffer[0]![SK]) ? b : a));
    page.push(first.buffer.shift()!);
  }
  const more = state.some((s) => s.buffer.length > 0 || !s.done);
  const bodies = (await table.batchGet(page.map((i) => ({ [TABLE.partitionKey]: String(i[TABLE.partitionKey]), [TABLE.sortKey]: String(i[TABLE.sortKey]) })))) as unknown as PayloadItem[];
  const last = page.at(-1);
  return { items: bodies, next_cursor: more && last ? cursorAfter(last) : null };
}
