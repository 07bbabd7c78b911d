/**
 * The one DynamoDB table as the stores see it: items built and read from schema.yaml's rules (items.ts),
 * the generated ElectroDB entities for the queries they page (loaded on first use: a function that only
 * writes and gets items never loads ElectroDB), the items client for its gets, puts, queries and batch
 * reads (see DynamoClients), the document client for transactions and updates, and the helpers every
 * store shares. Only stores (lib/store/) and the
 * table's own admin code use it; services receive stores.
 */
import { BatchGetItemCommand, GetItemCommand, PutItemCommand, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  TransactWriteCommand,
  type QueryCommandInput,
  UpdateCommand,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, ServiceUnavailableError } from '../errors.js';
import type { Entities } from '../generated/entities.js';
import { INDEXES, type IndexName } from '../generated/table.js';
import { once } from '../util/once.js';
import { buildItem, readItem, type RecordRules } from './items.js';
import { MARSHALL_OPTIONS, type DynamoClients } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { cancellationCodes, isConditionFailure, translate } from './errors.js';

export interface Clock {
  now: () => Date;
}

export interface IdGenerator {
  newId: () => string;
}

export interface TableDeps extends Clock, IdGenerator {
  dynamo: DynamoClients;
  tableName: string;
}

/** Loads the generated ElectroDB entities (`() => import('../generated/entities.js')`), for compositions whose services page with them. */
export type EntitiesLoader = () => Promise<typeof import('../generated/entities.js')>;

/** One page of a listing; `next_cursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** DynamoDB's limit on keys per BatchGetItem call. */
const BATCH_GET_MAX_KEYS = 100;
const BATCH_GET_MAX_ATTEMPTS = 5;

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** A write's condition as the fields of its Put or Delete (none without one). */
function conditionFields(condition: Condition | undefined) {
  if (!condition) return {};
  return {
    ConditionExpression: condition.expression,
    ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
    ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
  };
}

/** What a service needs to commit the items its stores built: one transaction, nothing else. */
export interface Transactor {
  transact(items: TransactItem[]): Promise<void>;
  transactOrConflict(items: TransactItem[], message: string): Promise<void>;
}

/** Attribute values as the document client marshals them, for the items client's commands. */
const marshalled = (values: Record<string, unknown>): Record<string, AttributeValue> => marshall(values, MARSHALL_OPTIONS);

export class Table implements Transactor {
  /** The clock and id generator the entities and stores stamp items with. */
  readonly clock: Clock & IdGenerator;
  readonly #doc: DynamoClients['doc'];
  readonly #items: DynamoClients['items'];
  readonly #name: string;
  readonly #entities: () => Promise<Entities>;

  /**
   * `loadEntities` is given by the compositions whose listings page through ElectroDB. The payload
   * composition gives none, so that the payloads function does not bundle ElectroDB at all: esbuild keeps
   * whatever any chunk uses of a shared module, and ElectroDB's use of the document client alone kept
   * every DynamoDB command in the code payloads loads at a cold start.
   */
  constructor(deps: TableDeps, loadEntities?: EntitiesLoader) {
    this.#doc = deps.dynamo.doc;
    this.#items = deps.dynamo.items;
    this.#name = deps.tableName;
    this.clock = { now: deps.now, newId: deps.newId };
    this.#entities = once(async () => {
      if (!loadEntities) throw new Error('this table was built without the ElectroDB entities: its composition pages nothing with them');
      return (await loadEntities()).createEntities({ client: deps.dynamo.doc, table: deps.tableName, now: deps.now, newId: deps.newId });
    });
  }

  get name(): string {
    return this.#name;
  }

  /** The ElectroDB entities, for the queries they page; loaded and built on first use. */
  entities(): Promise<Entities> {
    return this.#entities();
  }

  /** A Put of a complete item (keys, entity identifiers, defaults) of the record type, as its entity builds it. */
  put<I>(rules: RecordRules<I>, attributes: I, condition?: Condition): TransactItem {
    const Item = buildItem(rules, attributes, this.clock);
    return { Put: { TableName: this.name, Item, ...conditionFields(condition) } };
  }

  /** One GetItem of a record by the attributes of its primary key, read as its entity reads it (undefined when absent). */
  async read<I>(rules: RecordRules<I>, key: Partial<I>, options: { consistent: boolean }): Promise<I | undefined> {
    return readItem(rules, await this.#get(rules.primaryKey(key as Record<string, unknown>), options.consistent));
  }

  /** The first record of a record type in one partition of a GSI (a version by its id), read as its entity reads it. */
  async first<I>(rules: RecordRules<I>, index: Exclude<IndexName, 'primary'>, partitionKey: string): Promise<I | undefined> {
    const { items } = await this.query({ IndexName: index, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': INDEXES[index].partitionKey }, ExpressionAttributeValues: { ':pk': partitionKey } });
    for (const item of items) {
      const read = readItem(rules, item);
      if (read) return read;
    }
    return undefined;
  }

  /**
   * One page of the records of a record type in one partition of an index (`where.index`, the primary one
   * unless named) whose sort key begins with `sortKeyPrefix`, in sort key order, read as the entities read
   * them. The cursor is the page's last key, as ElectroDB's are; a malformed or foreign one becomes a 400
   * naming `context`.
   */
  async pageRecords<I>(
    rules: RecordRules<I>,
    context: string,
    where: { index?: IndexName; partitionKey: string; sortKeyPrefix: string; consistent?: boolean },
    limit: number,
    cursor?: string,
  ): Promise<Page<I>> {
    const index = where.index ?? 'primary';
    const { partitionKey: pk, sortKey: sk } = INDEXES[index];
    try {
      const { items, lastKey } = await this.query({
        ...(index === 'primary' ? {} : { IndexName: index }),
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': pk, '#sk': sk },
        ExpressionAttributeValues: { ':pk': where.partitionKey, ':prefix': where.sortKeyPrefix },
        Limit: limit,
        ...(where.consistent ? { ConsistentRead: true } : {}),
        ...(cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(cursor) as Record<string, unknown> }),
      });
      return {
        items: items.flatMap((item) => readItem(rules, item) ?? []),
        next_cursor: lastKey ? encodeCursor(lastKey) : null,
      };
    } catch (e) {
      translate(e, context);
    }
  }

  /** A Delete of one item by its primary key, optionally conditional. */
  remove(key: Record<string, string>, condition?: Condition): TransactItem {
    return { Delete: { TableName: this.name, Key: key, ...conditionFields(condition) } };
  }

  /** One PutItem call of a Put built by `put` (no transaction: the cheapest single write). */
  async putItem(put: TransactItem): Promise<void> {
    const { Item, ExpressionAttributeValues: values, ...rest } = put.Put!;
    await this.#items.send(new PutItemCommand({ ...rest, Item: marshalled(Item!), ...(values ? { ExpressionAttributeValues: marshalled(values) } : {}) }));
  }

  /** One PutItem of a conditional Put: false, not an error, when its condition does not hold. */
  async putItemIf(put: TransactItem): Promise<boolean> {
    try {
      await this.putItem(put);
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  /** One strongly consistent GetItem of the raw item (every attribute, attribute families included). */
  async getItem(key: Record<string, string>): Promise<Record<string, unknown> | undefined> {
    return this.#get(key, true);
  }

  /** One GetItem through the items client (see DynamoClients). */
  async #get(key: Record<string, unknown>, consistent: boolean): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.#items.send(new GetItemCommand({ TableName: this.name, Key: marshalled(key), ...(consistent ? { ConsistentRead: true } : {}) }));
    return Item && unmarshall(Item);
  }

  /** One UpdateItem call, answering the item after the update. */
  async update(input: Omit<UpdateCommandInput, 'TableName' | 'ReturnValues'>): Promise<Record<string, unknown>> {
    const out = await this.#doc.send(new UpdateCommand({ ...input, TableName: this.name, ReturnValues: 'ALL_NEW' }));
    return out.Attributes ?? {};
  }

  /**
   * One page of an ElectroDB query, mapped to the public shape; a malformed or foreign cursor becomes a
   * 400 (`context` names the listing in the error).
   */
  async page<I, T>(context: string, run: () => Promise<{ data: unknown[]; cursor?: string | null }>, map: (item: I) => T): Promise<Page<T>> {
    try {
      const out = await run();
      return { items: (out.data as I[]).map(map), next_cursor: out.cursor ?? null };
    } catch (e) {
      translate(e, context);
    }
  }

  /**
   * One Query call, for the listings ElectroDB cannot page itself (pages merged across shards): the raw
   * items, and the key to continue from while DynamoDB has more.
   */
  async query(input: Omit<QueryCommandInput, 'TableName' | 'KeyConditions' | 'QueryFilter'>): Promise<{ items: Record<string, unknown>[]; lastKey?: Record<string, unknown> }> {
    const { ExpressionAttributeValues: values, ExclusiveStartKey: start, ...rest } = input;
    const out = await this.#items.send(
      new QueryCommand({ ...rest, TableName: this.name, ...(values ? { ExpressionAttributeValues: marshalled(values) } : {}), ...(start ? { ExclusiveStartKey: marshalled(start) } : {}) }),
    );
    return { items: (out.Items ?? []).map((item) => unmarshall(item)), ...(out.LastEvaluatedKey ? { lastKey: unmarshall(out.LastEvaluatedKey) } : {}) };
  }

  /** One TransactWriteItems call. */
  async transact(items: TransactItem[]): Promise<void> {
    await this.#doc.send(new TransactWriteCommand({ TransactItems: items }));
  }

  /**
   * One transaction whose conditions guard against concurrent changes: a failed condition becomes a
   * ConflictError with `message` (the client should read again and retry); other errors pass through.
   */
  async transactOrConflict(items: TransactItem[], message: string): Promise<void> {
    try {
      await this.transact(items);
    } catch (e) {
      if (cancellationCodes(e)?.includes('ConditionalCheckFailed')) throw new ConflictError(message, { cause: e });
      throw e;
    }
  }

  /**
   * The items of `keys`, in the order asked (missing ones dropped): BatchGetItem calls of at most 100 keys
   * (DynamoDB's limit), each repeated for the keys DynamoDB left unprocessed (throttling, 16 MB responses).
   */
  async batchGet(keys: Record<string, string>[], options: { consistent?: boolean } = {}): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    for (let start = 0; start < keys.length; start += BATCH_GET_MAX_KEYS) {
      let pending: Record<string, unknown>[] = keys.slice(start, start + BATCH_GET_MAX_KEYS);
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt === BATCH_GET_MAX_ATTEMPTS) throw new ServiceUnavailableError();
        if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        const out = await this.#items.send(new BatchGetItemCommand({ RequestItems: { [this.name]: { Keys: pending.map(marshalled), ...(options.consistent ? { ConsistentRead: true } : {}) } } }));
        found.push(...(out.Responses?.[this.name] ?? []).map((item) => unmarshall(item)));
        pending = (out.UnprocessedKeys?.[this.name]?.Keys ?? []).map((key) => unmarshall(key));
      }
    }
    const byKey = new Map(found.map((i) => [`${i.PK}\u0000${i.SK}`, i]));
    return keys.flatMap((k) => {
      const i = byKey.get(`${k.PK}\u0000${k.SK}`);
      return i ? [i] : [];
    });
  }
}
