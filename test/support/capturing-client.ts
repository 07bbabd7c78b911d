/** A DynamoDB client whose requests are answered in process ({} with 200), for the tests of what the SDK sends. */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { Readable } from 'node:stream';

/** The client (region eu-west-1, fixed credentials unless `config` gives others) and every request it sent. */
export function capturingClient(config: DynamoDBClientConfig = {}): { client: DynamoDBClient; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const client = new DynamoDBClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 's' },
    ...config,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        sent.push(request);
        return { response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from('{}')]) }) };
      },
    },
  });
  return { client, sent };
}
