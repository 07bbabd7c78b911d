/**
 * Verifies a presented API key: the one check the local server and the deployed Lambda authorizer share.
 * The item is read consistently, so a revocation holds from the next request. A wrong secret and an
 * unknown key get the same answer; revoked and expired are told apart only to the holder of the secret.
 */
import { timingSafeEqual } from 'node:crypto';
import { Table, type TableDeps } from '../dynamo/table.js';
import { UnauthorizedError } from '../errors.js';
import { ApiKeyStore } from '../store/api-keys.js';
import { parseApiKey, secretHash, stateOf } from './key.js';

/** The claims of the principal a key acts as, as a token would carry them. */
export type ApiKeyClaims = { sub: string; 'cognito:groups': string[] };

const invalid = (detail: string) => new UnauthorizedError(detail, { bearerError: 'invalid_token' });

export function apiKeyVerifier(deps: { keys: Pick<ApiKeyStore, 'get'>; now: () => Date }): (key: string) => Promise<ApiKeyClaims> {
  return async (key) => {
    const parsed = parseApiKey(key);
    if (!parsed) throw invalid('the API key is malformed: an API key reads srk_{workspace}_{id}_{secret}, as created');
    const item = await deps.keys.get(parsed.workspaceId, parsed.id, { consistent: true });
    if (!item || !timingSafeEqual(secretHash(parsed.secret), Buffer.from(item.secret_sha256, 'hex'))) throw invalid('the API key is not valid');
    const state = stateOf(item, deps.now());
    if (state === 'revoked') throw invalid(`the API key ${item.id} was revoked at ${item.revoked_at}`);
    if (state === 'expired') throw invalid(`the API key ${item.id} expired at ${item.valid_until}`);
    return { sub: `apikey:${item.id}`, 'cognito:groups': [`${item.workspace_id}:${item.role}`] };
  };
}

/** The verifier on a table of its own: for the local server and the Lambda authorizer, which build no services. */
export function tableApiKeyVerifier(deps: TableDeps): (key: string) => Promise<ApiKeyClaims> {
  return apiKeyVerifier({ keys: new ApiKeyStore(new Table(deps)), now: deps.now });
}
