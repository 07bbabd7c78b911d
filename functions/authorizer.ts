/**
 * The Lambda REQUEST authorizer of the routes that accept HTTP Basic (the ccompat group): deployed in
 * front of them instead of the JWT authorizer, which reads Bearer only. See lib/auth/lambda-authorizer.ts.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { authorizeRequest, type AuthorizerEvent } from '../lib/auth/lambda-authorizer.js';
import { jwtVerifier } from '../lib/auth/jwt-verifier.js';
import { jwtTrust } from '../lib/config.js';

const logger = new Logger({ serviceName: 'schema-registry-authorizer' });
const verify = jwtVerifier(jwtTrust());

export const handler = middy(async (event: AuthorizerEvent) => {
  const result = await authorizeRequest(event, verify);
  if (result.isAuthorized) return result;
  logger.warn('request refused', { reason: result.reason });
  return { isAuthorized: false };
});
