/** One signer per client (lib/dynamo/client.ts reuseSigner): requests stay signed as the SDK signs them. */
import { DynamoDBClient, GetItemCommand, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { reuseSigner } from '../../lib/dynamo/client.js';
import { capturingClient } from '../support/capturing-client.js';

/** A capturing client that reuses its signer. */
function signingClient(credentials: DynamoDBClientConfig['credentials']) {
  const captured = capturingClient({ credentials });
  reuseSigner(captured.client);
  return captured;
}
const get = new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' }, SK: { S: 'b' } } });

describe('reuseSigner', () => {
  it('builds the signer once and signs every request for the region and service', async () => {
    const { client, sent } = signingClient({ accessKeyId: 'AKIDSTATIC', secretAccessKey: 's' });
    await client.send(get);
    await client.send(get);
    expect(await client.config.signer()).toBe(await client.config.signer());
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDSTATIC\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=\S*x-amz-date\S*, Signature=[0-9a-f]{64}$/);
    }
  });

  it('signs with refreshed credentials once the old ones expire', async () => {
    let issued = 0;
    // Each set expires at once, so the client's provider fetches new ones for every request.
    const { client, sent } = signingClient(async () => ({ accessKeyId: `AKID${++issued}`, secretAccessKey: 's', expiration: new Date(Date.now() - 1) }));
    await client.send(get);
    await client.send(get);
    const keys = sent.map((r) => /Credential=(\w+)\//.exec(r.headers.authorization!)![1]);
    expect(new Set(keys).size).toBe(2);
    expect(keys[1]).toBe(`AKID${issued}`);
  });

  it('builds again after a failed build instead of keeping the failure', async () => {
    const client = new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 's' } });
    const real = client.config.signer;
    let builds = 0;
    client.config.signer = (authScheme) => (++builds === 1 ? Promise.reject(new Error('region lookup failed')) : real(authScheme));
    reuseSigner(client);
    await expect(client.config.signer()).rejects.toThrow('region lookup failed');
    const signer = await client.config.signer();
    expect(await client.config.signer()).toBe(signer);
    expect(builds).toBe(2);
  });
});
