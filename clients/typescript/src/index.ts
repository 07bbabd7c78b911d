/**
 * The typed client of the schema registry: `createRegistryClient({ baseUrl, token })` returns an
 * openapi-fetch client whose paths, parameters and bodies are typed from the registry's OpenAPI
 * document. Error responses reject with a `ProblemError`; writes carry an Idempotency-Key; 429 and 503
 * are retried (see retrying-fetch.ts).
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/openapi.js';
import { problemErrorOf } from './problem.js';
import { retryingFetch, type RetryOptions } from './retrying-fetch.js';

export type { components, operations, paths } from './generated/openapi.js';
export { ProblemError, type FieldError, type Problem } from './problem.js';
export { retryAfterMs, retryingFetch, type RetryOptions } from './retrying-fetch.js';

export type Schemas = components['schemas'];
export type RegistryClient = Client<paths>;

export interface RegistryClientOptions {
  /** The registry's origin, e.g. `http://127.0.0.1:3000` (paths carry `/api/v1`). */
  baseUrl: string;
  /** A bearer token; omit for the public routes only. */
  token?: string;
  retry?: RetryOptions;
  /** The underlying fetch. @default globalThis.fetch */
  fetch?: (request: Request) => Promise<Response>;
  /** Sent as User-Agent. */
  userAgent?: string;
}

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: retryingFetch(options.retry, options.fetch),
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
    },
  });
  client.use({
    async onResponse({ response }) {
      if (response.status >= 400) throw await problemErrorOf(response);
      return undefined;
    },
  });
  return client;
}
