/**
 * The Lambda REQUEST authorizer of the routes that accept HTTP Basic (the ccompat group): deployed in
 * front of them instead of the JWT authorizer, which reads Bearer only. See lib/auth/lambda-authorizer.ts.
 */
import middy from '@middy/core';
import { authorizeRequest, type AuthorizerEvent, type CredentialVerifiers } from '../lib/auth/lambda-authorizer.js';
import { jwtVerifier } from '../lib/auth/jwt-verifier.js';
import { config, jwtTrust } from '../lib/config.js';
import { lazyLog } from '../lib/log.js';

const log = lazyLog('schema-registry-authorizer');

// The table and its SDK client load with the first API key, so a token's requests never pay for them.
let apiKeys: Promise<CredentialVerifiers['apiKey']> | undefined;
const loadApiKeyVerifier = async () => {
  const [{ tableApiKeyVerifier }, { createDynamoClients }, { ulid }] = await Promise.all([import('../lib/api-keys/verify.js'), import('../lib/dynamo/client.js'), import('ulid')]);
  const c = config();
  const dynamo = createDynamoClients({ region: c.region, ...(c.dynamodbEndpoint ? { endpoint: c.dynamodbEndpoint } : {}) });
  return tableApiKeyVerifier({ dynamo, tableName: c.tableName, now: () => new Date(), newId: ulid });
};

const verify: CredentialVerifiers = {
  token: jwtVerifier(jwtTrust()),
  apiKey: async (key) => (await (apiKeys ??= loadApiKeyVerifier()))(key),
};

export const handler = middy(async (event: AuthorizerEvent) => {
  const result = await authorizeRequest(event, verify);
  if (result.isAuthorized) return result;
  await log.warn('request refused', { reason: result.reason });
  return { isAuthorized: false };
});
