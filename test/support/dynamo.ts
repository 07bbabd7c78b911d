/** A fresh table from the generated definition for one test file, deleted when the file is done. */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDynamoClients, type DynamoClients } from '../../lib/dynamo/client.js';
import { ensureTable } from '../../lib/dynamo/table-admin.js';

export interface TestTable {
  endpoint: string;
  tableName: string;
  dynamo: DynamoClients;
}

export function newTableName(): string {
  return `test-${randomBytes(6).toString('hex')}`;
}

/** The DynamoDB Local of the integration project's global setup; a clear failure anywhere else. */
export function dynamodbEndpoint(): string {
  const endpoint = inject('dynamodbEndpoint');
  if (!endpoint) throw new Error('no DynamoDB Local in this project: a file that uses test/support/dynamo.ts must run in the integration project (see test/support/projects.ts)');
  return endpoint;
}

export function dynamoClients(): DynamoClients {
  return createDynamoClients({ region: 'local', endpoint: dynamodbEndpoint() });
}

/** Registers hooks that create the table before the file's tests and delete it after. */
export function useTestTable(): TestTable {
  const t = { endpoint: '', tableName: newTableName() } as TestTable;
  beforeAll(async () => {
    t.endpoint = dynamodbEndpoint();
    t.dynamo = dynamoClients();
    await ensureTable(t.dynamo.raw, t.tableName);
  });
  afterAll(async () => {
    await t.dynamo.raw.send(new DeleteTableCommand({ TableName: t.tableName }));
    t.dynamo.raw.destroy();
  });
  return t;
}
