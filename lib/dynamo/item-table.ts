/**
 * A table seen as raw items (AttributeValue maps), for the table's own admin tools (`npm run migrate-table`):
 * they handle every record type of designs the running code was not generated from, so they cannot use
 * the generated entities, and they copy every attribute exactly as stored.
 */
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { isConditionFailure } from './errors.js';

export type RawItem = Record<string, AttributeValue>;

/** DynamoDB's limit on requests per BatchWriteItem call. */
const BATCH_WRITE_MAX = 25;
const BATCH_WRITE_MAX_ATTEMPTS = 8;

export interface ScanPage {
  items: RawItem[];
  /** Undefined on the segment's last page. */
  lastKey?: RawItem;
}

export interface PutCondition {
  expression: string;
  names?: Record<string, string>;
  values?: RawItem;
}

export class ItemTable {
  constructor(
    readonly client: DynamoDBClient,
    readonly name: string,
  ) {}

  /** One page of one segment of a parallel scan, read consistently. */
  async scanPage(segment: number, totalSegments: number, startKey: RawItem | undefined, limit: number): Promise<ScanPage> {
    const out = await this.client.send(
      new ScanCommand({ TableName: this.name, Segment: segment, TotalSegments: totalSegments, ExclusiveStartKey: startKey, Limit: limit, ConsistentRead: true }),
    );
    return { items: out.Items ?? [], ...(out.LastEvaluatedKey ? { lastKey: out.LastEvaluatedKey } : {}) };
  }

  async get(key: RawItem): Promise<RawItem | undefined> {
    return (await this.client.send(new GetItemCommand({ TableName: this.name, Key: key, ConsistentRead: true }))).Item;
  }

  /** Writes the item; with a condition, answers false instead of writing when it does not hold. */
  async put(item: RawItem, condition?: PutCondition): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.name,
          Item: item,
          ...(condition
            ? { ConditionExpression: condition.expression, ExpressionAttributeNames: condition.names, ExpressionAttributeValues: condition.values }
            : {}),
        }),
      );
      return true;
    } catch (e) {
      if (condition && isConditionFailure(e)) return false;
      throw e;
    }
  }

  async delete(key: RawItem): Promise<void> {
    await this.client.send(new DeleteItemCommand({ TableName: this.name, Key: key }));
  }

  /** Deletes every key, 25 per BatchWriteItem, retrying what DynamoDB leaves unprocessed. */
  async deleteAll(keys: RawItem[]): Promise<void> {
    for (let i = 0; i < keys.length; i += BATCH_WRITE_MAX) {
      let requests: WriteRequest[] = keys.slice(i, i + BATCH_WRITE_MAX).map((Key) => ({ DeleteRequest: { Key } }));
      for (let attempt = 1; requests.length; attempt++) {
        if (attempt > BATCH_WRITE_MAX_ATTEMPTS) throw new Error(`table ${this.name}: ${requests.length} deletes stayed unprocessed after ${BATCH_WRITE_MAX_ATTEMPTS} attempts; run again to resume`);
        if (attempt > 1) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const out = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.name]: requests } }));
        requests = out.UnprocessedItems?.[this.name] ?? [];
      }
    }
  }

  /** DynamoDB's item count (refreshed about every six hours on AWS): an estimate for a progress bar. */
  async approximateItemCount(): Promise<number | undefined> {
    return (await this.client.send(new DescribeTableCommand({ TableName: this.name }))).Table?.ItemCount;
  }
}
