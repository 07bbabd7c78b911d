/**
 * The table as repositories see it: the generated entities plus the raw document client for
 * transactions, all bound to one table, clock and id generator.
 */
import { BatchGetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../errors.js';
import { createEntities, type Entities, type RecordItems } from '../generated/table.js';
import { ConflictError } from '../errors.js';
import type { DynamoClients } from './client.js';
import { cancellationCodes } from './errors.js';

export interface TableDeps {
  dynamo: DynamoClients;
  tableName: string;
  now: () => Date;
  newId: () => string;
}

/** DynamoDB's limit on keys per BatchGetItem call. */
const BATCH_GET_MAX_KEYS = 100;
const BATCH_GET_MAX_ATTEMPTS = 5;

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export class Table {
  readonly entities: Entities;
  constructor(readonly deps: TableDeps) {
    this.entities = createEntities({ client: deps.dynamo.doc, table: deps.tableName, now: deps.now, newId: deps.newId });
  }

  get name(): string {
    return this.deps.tableName;
  }

  /** A Put of a complete item (keys, entity identifiers, defaults) built by the record type's entity. */
  put<K extends keyof Entities & keyof RecordItems>(recordType: K, attributes: RecordItems[K], condition?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown>; returnOld?: boolean }): TransactItem {
    const { Item } = (this.entities[recordType].put as (a: unknown) => { params(): { Item: Record<string, unknown> } })(attributes).params();
    return {
      Put: {
        TableName: this.name,
        Item,
        ...(condition
          ? {
              ConditionExpression: condition.expression,
              ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
              ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
              ...(condition.returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
            }
          : {}),
      },
    };
  }

  /** One TransactWriteItems call. */
  async transact(items: TransactItem[]): Promise<void> {
    await this.deps.dynamo.doc.send(new TransactWriteCommand({ TransactItems: items }));
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
  async batchGet(keys: Record<string, string>[]): Promise<Record<string, unknown>[]> {
    const found: Record<string, unknown>[] = [];
    for (let start = 0; start < keys.length; start += BATCH_GET_MAX_KEYS) {
      let pending: Record<string, unknown>[] = keys.slice(start, start + BATCH_GET_MAX_KEYS);
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt === BATCH_GET_MAX_ATTEMPTS) throw new ServiceUnavailableError();
        if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        const out = await this.deps.dynamo.doc.send(new BatchGetCommand({ RequestItems: { [this.name]: { Keys: pending } } }));
        found.push(...(out.Responses?.[this.name] ?? []));
        pending = out.UnprocessedKeys?.[this.name]?.Keys ?? [];
      }
    }
    const byKey = new Map(found.map((i) => [`${i.PK}\u0000${i.SK}`, i]));
    return keys.flatMap((k) => {
      const i = byKey.get(`${k.PK}\u0000${k.SK}`);
      return i ? [i] : [];
    });
  }
}
