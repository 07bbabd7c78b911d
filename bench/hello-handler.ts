/**
 * The cold-import baseline of bench/cold-import.ts: a handler that imports only the DynamoDB document
 * client and builds it at import, as every registry function does, bundled the same way.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async () => ({ statusCode: 200, body: 'hello' });
