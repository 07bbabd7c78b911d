import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureTable } from '../../lib/dynamo/table-admin.js';
import { createTableInput } from '../../lib/generated/table.js';
import { loadDesign } from '../../lib/table-design/load.js';
import { dynamoClients, newTableName, useTestTable } from '../support/dynamo.js';

const design = loadDesign();
const t = useTestTable();

describe('the table created from schema.yaml', () => {
  it('has exactly the GSIs schema.yaml declares, with their keys and projections', async () => {
    const { Table } = await t.dynamo.raw.send(new DescribeTableCommand({ TableName: t.tableName }));
    const gsis = (Table!.GlobalSecondaryIndexes ?? []).map((g) => ({
      name: g.IndexName,
      keys: g.KeySchema!.map((k) => `${k.AttributeName}:${k.KeyType}`),
      projection: g.Projection!.ProjectionType,
    }));
    const declared = Object.values(design.indexes).map((ix) => ({
      name: ix.name,
      keys: [`${ix.partitionKey}:HASH`, `${ix.sortKey}:RANGE`],
      projection: ix.projection,
    }));
    expect(gsis.sort((a, b) => a.name!.localeCompare(b.name!))).toEqual(declared);
    expect(Table!.KeySchema).toEqual([
      { AttributeName: design.primary.partitionKey, KeyType: 'HASH' },
      { AttributeName: design.primary.sortKey, KeyType: 'RANGE' },
    ]);
    expect(Table!.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table!.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: design.table.stream });
  });

  it('has TTL on the declared attribute', async () => {
    const ttl = await t.dynamo.raw.send(new DescribeTimeToLiveCommand({ TableName: t.tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: design.table.ttlAttribute });
  });

  it('is left unchanged when ensured again', async () => {
    expect(await ensureTable(t.dynamo.raw, t.tableName)).toMatchObject({ action: 'unchanged', changes: [], extraIndexes: [], design: { action: 'matched' } });
  });

  it('gains the GSIs an older table lacks', async () => {
    const name = newTableName();
    const dynamo = dynamoClients();
    const full = createTableInput(name);
    const older = full.GlobalSecondaryIndexes!.slice(0, 1);
    const used = new Set([...full.KeySchema!, ...older.flatMap((g) => g.KeySchema!)].map((k) => k.AttributeName));
    await dynamo.raw.send(
      new CreateTableCommand({ ...full, GlobalSecondaryIndexes: older, AttributeDefinitions: full.AttributeDefinitions!.filter((a) => used.has(a.AttributeName)) }),
    );
    const result = await ensureTable(dynamo.raw, name);
    expect(result.action).toBe('updated');
    expect(result.changes).toEqual(expect.arrayContaining(['created index GSI2', 'created index GSI3']));
    const { Table } = await dynamo.raw.send(new DescribeTableCommand({ TableName: name }));
    expect(Table!.GlobalSecondaryIndexes!.map((g) => g.IndexName).sort()).toEqual(Object.keys(design.indexes));
    await dynamo.raw.send(new DeleteTableCommand({ TableName: name }));
  });
});
