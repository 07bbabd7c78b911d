/**
 * The capacity model against DynamoDB Local's own accounting (ReturnConsumedCapacity: INDEXES): every
 * record type's write, every access pattern's read, and payloads of 1 to 100 KB written by the store.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { observeCalls } from '../../lib/dynamo/client.js';
import { Table } from '../../lib/dynamo/table.js';
import { PayloadStore } from '../../lib/store/payloads.js';
import { exampleItem, getCost, jsonOfBytes, putCost, queryCost, type Item } from '../../lib/table-design/capacity.js';
import { loadDesign } from '../../lib/table-design/load.js';
import { indexDef } from '../../lib/table-design/model.js';
import { buildPrefix } from '../../lib/table-design/pattern.js';
import { useTestTable } from '../support/dynamo.js';

const design = loadDesign();
const t = useTestTable();

/** DynamoDB Local's units per index written or read (`table` for the table), as the model reports them. */
function consumed(c: ConsumedCapacity | undefined): Record<string, number> {
  const units: Record<string, number> = { table: c?.Table?.CapacityUnits ?? 0 };
  for (const [name, ix] of Object.entries(c?.GlobalSecondaryIndexes ?? {})) units[name] = ix.CapacityUnits ?? 0;
  return units;
}

describe('the capacity model', () => {
  for (const rt of Object.values(design.recordTypes)) {
    it(`counts the write units DynamoDB Local consumes for a ${rt.name} put, on the table and each index`, async () => {
      const item = exampleItem(design, rt.name);
      const out = await t.dynamo.doc.send(new PutCommand({ TableName: t.tableName, Item: item, ReturnConsumedCapacity: 'INDEXES' }));
      expect(consumed(out.ConsumedCapacity)).toEqual(putCost(design, item).units);
    });
  }

  for (const ap of Object.values(design.accessPatterns)) {
    it(`counts the read units DynamoDB Local consumes for ${ap.name} (${ap.operation} on ${ap.index})`, async () => {
      const item = exampleItem(design, ap.recordType);
      await t.dynamo.doc.send(new PutCommand({ TableName: t.tableName, Item: item }));
      const ix = indexDef(design, ap.index)!;
      if (ap.operation === 'GetItem') {
        const key = { [ix.partitionKey]: item[ix.partitionKey], [ix.sortKey]: item[ix.sortKey] };
        const out = await t.dynamo.doc.send(new GetCommand({ TableName: t.tableName, Key: key, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }));
        expect(out.ConsumedCapacity?.CapacityUnits).toBe(getCost(design, out.Item!, { consistent: true }));
        return;
      }
      const sk = ap.sortKey === 'equals' ? item[ix.sortKey] : buildPrefix(design.recordTypes[ap.recordType]!.keys[ap.index]!.sk);
      const out = await t.dynamo.doc.send(
        new QueryCommand({
          TableName: t.tableName,
          ...(ap.index === 'primary' ? {} : { IndexName: ap.index }),
          KeyConditionExpression: ap.sortKey === 'equals' ? '#pk = :pk AND #sk = :sk' : '#pk = :pk AND begins_with(#sk, :sk)',
          ExpressionAttributeNames: { '#pk': ix.partitionKey, '#sk': ix.sortKey },
          ExpressionAttributeValues: { ':pk': item[ix.partitionKey], ':sk': sk },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      expect(out.Items!.length).toBeGreaterThan(0);
      expect(out.ConsumedCapacity?.CapacityUnits).toBe(queryCost(design, ap.index, out.Items as Item[]));
    });
  }

  for (const kb of [1, 4, 10, 100]) {
    it(`counts the units of a ${kb} KB payload as the store writes it, and of reading it back`, async () => {
      const seen: ConsumedCapacity[] = [];
      const stop = observeCalls(t.dynamo, 'capture-consumed-capacity', (next) => async (args) => {
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'INDEXES';
        const result = await next(args);
        const c = (result.output as { ConsumedCapacity?: ConsumedCapacity }).ConsumedCapacity;
        if (c) seen.push(c);
        return result;
      });
      try {
        const table = new Table({ dynamo: t.dynamo, tableName: t.tableName, now: () => new Date(), newId: ulid });
        const store = new PayloadStore(table);
        const base = exampleItem(design, 'payload');
        const id = ulid();
        const payload = { ...(design.recordTypes.payload!.examples[0]!.attributes as Record<string, unknown>), id, data: jsonOfBytes(kb * 1024) };
        await store.create(payload as never);
        const { payload: stored } = await store.find([String(base.workspace_id)], id);
        const [write, read] = seen;
        expect(consumed(write)).toEqual(putCost(design, stored as unknown as Item).units);
        expect(read?.CapacityUnits).toBe(getCost(design, stored as unknown as Item, { consistent: true }));
      } finally {
        stop();
      }
    });
  }
});
