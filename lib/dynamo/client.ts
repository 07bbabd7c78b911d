/** DynamoDB clients built from configuration; the domain never constructs SDK clients itself. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return { raw, doc };
}
