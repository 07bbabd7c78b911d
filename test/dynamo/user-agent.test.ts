/** The items client's user agent headers (lib/dynamo/client.ts rememberUserAgent): the SDK's own, composed once per command. */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { HttpRequest } from '@smithy/core/protocols';
import { describe, expect, it } from 'vitest';
import { rememberUserAgent } from '../../lib/dynamo/client.js';
import { capturingClient } from '../support/capturing-client.js';

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
    const plain = capturingClient({ cacheMiddleware: true });
    const remembering = capturingClient({ cacheMiddleware: true });
    rememberUserAgent(remembering.client);
    for (const { client } of [plain, remembering]) await interleaved(client);
    expect(remembering.sent).toHaveLength(5);
    expect(agentHeaders(remembering.sent[0]!)['user-agent']).toMatch(/^aws-sdk-js\/\S+ .*api\/dynamodb#/);
    expect(remembering.sent.map(agentHeaders)).toEqual(plain.sent.map(agentHeaders));
  });

  it('composes them once per command', async () => {
    const { client } = capturingClient({ cacheMiddleware: true });
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
