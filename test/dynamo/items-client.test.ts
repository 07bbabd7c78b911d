/**
 * Table's gets, puts, queries and batch reads go through the items client (raw commands marshalled by
 * Table, with the SDK's cached middleware) while its transactions go through the document client: both
 * must store and read the very same attribute values, for every record type of schema.yaml.
 */
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { observeCalls } from '../../lib/dynamo/client.js';
import { Table } from '../../lib/dynamo/table.js';
import { RECORD_RULES } from '../../lib/generated/records/index.js';
import type { RecordItems } from '../../lib/generated/table.js';
import { loadDesign } from '../../lib/table-design/load.js';
import { newTableName, useTestTable } from '../support/dynamo.js';
import { ensureTable } from '../../lib/dynamo/table-admin.js';

const design = loadDesign();
const t = useTestTable();
const clock = { now: () => new Date('2026-12-04T10:00:00.000Z'), newId: () => '01HF7YAT00S8Z6N5V4C3B2A1Z0' };
type Name = keyof RecordItems;
const recordTypes = Object.values(design.recordTypes).map((rt) => [rt.name as Name, rt.examples[0]!.attributes] as const);
/** The primary key of a record type's item with `attributes`. */
const keyOf = (name: Name, attributes: unknown) => (RECORD_RULES[name] as { primaryKey: (a: unknown) => Record<string, string> }).primaryKey(attributes);

describe('the items client', () => {
  it('stores every record type exactly as the document client does, and reads it back as written', async () => {
    const viaDoc = newTableName();
    await ensureTable(t.dynamo.raw, viaDoc);
    const table = new Table({ dynamo: t.dynamo, tableName: t.tableName, ...clock });
    for (const [name, example] of recordTypes) {
      const rules = RECORD_RULES[name] as never;
      const put = table.put(rules, example as never);
      await table.putItem(put);
      await t.dynamo.doc.send(new PutCommand({ ...put.Put!, TableName: viaDoc }));
      const key = keyOf(name, example);
      // A document-client call in between, as a request makes (test/table-design/migrate-2x-to-3.test.ts is the one
      // that failed when the two clients shared the marshalling options, which lib-dynamodb changes).
      await t.dynamo.doc.send(new QueryCommand({ TableName: viaDoc, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': key.PK } }));
      const [mine, theirs] = await Promise.all(
        [t.tableName, viaDoc].map(async (TableName) => (await t.dynamo.raw.send(new GetItemCommand({ TableName, Key: { PK: { S: key.PK! }, SK: { S: key.SK! } }, ConsistentRead: true }))).Item),
      );
      expect(mine, name).toEqual(theirs);
      expect(await table.read(rules, example as never, { consistent: true }), name).toEqual(await new Table({ dynamo: { ...t.dynamo, items: t.dynamo.raw }, tableName: viaDoc, ...clock }).read(rules, example as never, { consistent: true }));
    }
    const count = async (TableName: string) => (await t.dynamo.raw.send(new ScanCommand({ TableName, Select: 'COUNT' }))).Count;
    expect(await count(t.tableName)).toBe(await count(viaDoc));
    // Queries and batch reads answer what the document client answers, key for key.
    const keys = recordTypes.map(([name, example]) => keyOf(name, example));
    const sorted = (items: Record<string, unknown>[]) => items.map((i) => JSON.stringify(i, Object.keys(i).sort())).sort();
    expect(sorted(await table.batchGet(keys, { consistent: true }))).toEqual(
      sorted(((await t.dynamo.doc.send(new BatchGetCommand({ RequestItems: { [viaDoc]: { Keys: keys, ConsistentRead: true } } }))).Responses?.[viaDoc] ?? []) as Record<string, unknown>[]),
    );
    for (const key of keys) {
      const query = { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': key.PK } };
      const page = await table.query({ ...query, Limit: 1 });
      const theirs = await t.dynamo.doc.send(new QueryCommand({ ...query, Limit: 1, TableName: viaDoc }));
      expect(page.items).toEqual(theirs.Items);
      expect(page.lastKey).toEqual(theirs.LastEvaluatedKey);
      if (page.lastKey) expect((await table.query({ ...query, ExclusiveStartKey: page.lastKey })).items).toEqual((await t.dynamo.doc.send(new QueryCommand({ ...query, ExclusiveStartKey: page.lastKey, TableName: viaDoc }))).Items);
    }
  });

  it('reports a condition that does not hold as false, and is seen by observeCalls even after its first call', async () => {
    const table = new Table({ dynamo: t.dynamo, tableName: t.tableName, ...clock });
    const [name, example] = recordTypes.find(([n]) => n === 'payload')!;
    const put = table.put(RECORD_RULES[name] as never, example as never, { expression: 'attribute_not_exists(PK)' });
    expect(await table.putItemIf(put)).toBe(false);
    const seen: string[] = [];
    const stop = observeCalls(t.dynamo, 'seeItems', (next, context) => async (args) => {
      seen.push(context.commandName ?? '?');
      return next(args);
    });
    try {
      expect(await table.putItemIf(put)).toBe(false);
      await table.getItem(keyOf(name, example));
    } finally {
      stop();
    }
    await table.getItem(keyOf(name, example));
    expect(seen).toEqual(['PutItemCommand', 'GetItemCommand']);
  });
});
