/**
 * Creates the registry table from the generated definition, or brings an existing one up to it
 * (missing GSIs, TTL, the design record). Idempotent: running it against an up-to-date table changes
 * nothing. Refuses, before changing anything, a table whose design record names another major version.
 * Used by local mode and tests; the CDK stack builds the same table from the same generated data.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TableDescription,
  type UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { Table } from './table.js';
import { createTableInput, timeToLiveInput } from '../generated/table.js';
import { ensureDesignRecord, type DesignCheck } from './design-record.js';

export type EnsureTableResult = { action: 'created' | 'updated' | 'unchanged'; changes: string[]; extraIndexes: string[]; design: DesignCheck };

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (e) {
    if (e instanceof ResourceNotFoundException) return undefined;
    throw e;
  }
}

async function waitActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const t = await describe(client, tableName);
    if (t?.TableStatus === 'ACTIVE' && (t.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`table ${tableName} did not become ACTIVE within 60 s`);
}

export type EnsureShapeResult = Omit<EnsureTableResult, 'design'>;

/**
 * Creates the table `wanted` describes, or adds the GSIs and TTL it lacks; never drops anything. Any
 * design's inputs: the running code's generated ones (ensureTable), or the design a migration moves to.
 */
export async function ensureTableShape(
  client: DynamoDBClient,
  wanted: CreateTableCommandInput,
  ttl: UpdateTimeToLiveCommandInput | undefined,
): Promise<EnsureShapeResult> {
  const tableName = wanted.TableName!;
  const changes: string[] = [];
  let table = await describe(client, tableName);
  let action: EnsureTableResult['action'] = 'unchanged';
  if (!table) {
    await client.send(new CreateTableCommand(wanted));
    await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
    await waitActive(client, tableName);
    table = await describe(client, tableName);
    action = 'created';
    changes.push(`created table ${tableName}`);
  }
  const existing = new Set((table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  for (const gsi of wanted.GlobalSecondaryIndexes ?? []) {
    if (existing.has(gsi.IndexName)) continue;
    // DynamoDB takes one GSI creation per UpdateTable call.
    await client.send(
      new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: wanted.AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: gsi }] }),
    );
    await waitActive(client, tableName);
    changes.push(`created index ${gsi.IndexName}`);
  }
  if (ttl) {
    const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    const status = current.TimeToLiveDescription?.TimeToLiveStatus;
    if (status !== 'ENABLED' && status !== 'ENABLING') {
      await client.send(new UpdateTimeToLiveCommand(ttl));
      changes.push(`enabled TTL on ${ttl.TimeToLiveSpecification!.AttributeName}`);
    }
  }
  if (action === 'unchanged' && changes.length) action = 'updated';
  const declared = new Set((wanted.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  // Extra indexes are reported, never dropped: dropping an index is a decision for a person.
  const extraIndexes = [...existing].filter((n): n is string => !!n && !declared.has(n));
  return { action, changes, extraIndexes };
}

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<EnsureTableResult> {
  // The design record is checked before the shape changes, so a table of another major is left as it is.
  const exists = (await describe(client, tableName)) !== undefined;
  const table = new Table({ dynamo: { raw: client, doc: DynamoDBDocumentClient.from(client), items: client }, tableName, now: () => new Date(), newId: ulid });
  const record = { table, writer: 'system:ensure-table' };
  const checked = exists ? await ensureDesignRecord(record) : undefined;
  const shape = await ensureTableShape(client, createTableInput(tableName), timeToLiveInput(tableName));
  const design = checked ?? (await ensureDesignRecord(record));
  const changes = design.action === 'recorded' ? [...shape.changes, `recorded schema.yaml ${design.current.version} in the registry_meta item`] : shape.changes;
  return { ...shape, action: shape.action === 'unchanged' && changes.length ? 'updated' : shape.action, changes, design };
}
