/** The items client's user agent headers (lib/dynamo/client.ts rememberUserAgent): the SDK's own, composed once per command. */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rememberUserAgent } from '../../lib/dynamo/client.js';

/** A client whose requests are answered in-process, each kept for the test to read. */
function capturingClient() {
  const sent: HttpRequest[] = [];
  const client = new DynamoDBClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 's' },
    cacheMiddleware: true,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        sent.push(request);
        return { response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Readable.from([Buffer.from('{}')]) }) };
      },
    },
  });
  return { client, sent };
}
const agentHeaders = (r: HttpRequest) => ({ 'user-agent': r.headers['user-agent'], 'x-amz-user-agent': r.headers['x-amz-user-agent'] });
const get = () => new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' }, SK: { S: 'b' } } });
const put = () => new PutItemCommand({ TableName: 't', Item: { PK: { S: 'a' }, SK: { S: 'b' } } });
/** Two commands, interleaved: get, get, put, get, put. */
async function interleaved(client: DynamoDBClient): Promise<void> {
  await client.send(get());
  await client.send(get());
  await client.send(put());
  await client.send(get());
  await client.send(put());
}

describe('rememberUserAgent', () => {
  it('sends the headers the SDK composes, on every request of every command', async () => {
    const plain = capturingClient();
    const remembering = capturingClient();
    rememberUserAgent(remembering.client);
    for (const { client } of [plain, remembering]) await interleaved(client);
    expect(remembering.sent).toHaveLength(5);
    expect(agentHeaders(remembering.sent[0]!)['user-agent']).toMatch(/^aws-sdk-js\/\S+ .*api\/dynamodb#/);
    expect(remembering.sent.map(agentHeaders)).toEqual(plain.sent.map(agentHeaders));
  });

  it('composes them once per command', async () => {
    const { client } = capturingClient();
    const provide = client.config.defaultUserAgentProvider;
    let composed = 0;
    client.config.defaultUserAgentProvider = () => {
      composed++;
      return provide();
    };
    rememberUserAgent(client);
    await interleaved(client);
    expect(composed).toBe(2);
  });
});
