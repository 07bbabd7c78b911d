/** DynamoDB clients built from configuration; the domain never constructs SDK clients itself. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireTimeToCommit } from '../deadline.js';

/** The calls that change the table: each is refused when its request is too close to its deadline. */
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand', 'ExecuteStatementCommand', 'BatchExecuteStatementCommand', 'ExecuteTransactionCommand']);

export interface DynamoClients {
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
}

export function createDynamoClients(options: { region: string; endpoint?: string }): DynamoClients {
  const raw = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint
      ? // DynamoDB Local accepts any credentials; fixed ones keep local runs independent of the developer's AWS setup.
        { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  // The SDK's logger is a no-op unless one is given, yet its middleware builds the filtered copy of every
  // input and output that it would log (schemaLogFilter walks each one against its schema): a tenth of
  // the SDK's own CPU per PutItem. The registry logs its own requests and never gives the SDK a logger.
  raw.middlewareStack.remove('loggerMiddleware');
  // The raw client sends every call, the document client's and ElectroDB's too: one check covers them all.
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      if (WRITES.has(context.commandName ?? '')) requireTimeToCommit();
      return next(args);
    },
    { step: 'initialize', name: 'commitDeadline' },
  );
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { raw, doc };
}
