/** DynamoDB clients built from configuration; the domain never constructs SDK clients itself. */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { getUserAgentMiddlewareOptions, userAgentMiddleware } from '@aws-sdk/core/client';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { marshallOptions } from '@aws-sdk/util-dynamodb';
import type { HttpRequest, InitializeMiddleware } from '@smithy/types';
import { requireTimeToCommit } from '../deadline.js';

/** The calls that change the table: each is refused when its request is too close to its deadline. */
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand', 'ExecuteStatementCommand', 'BatchExecuteStatementCommand', 'ExecuteTransactionCommand']);

/** How items become DynamoDB attribute values, on every client. Frozen: lib-dynamodb sets `convertTopLevelContainer` on the options object it is given, so the document client gets a copy. */
export const MARSHALL_OPTIONS: Readonly<marshallOptions> = Object.freeze({ removeUndefinedValues: true, convertEmptyValues: false });

export interface DynamoClients {
  raw: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  /**
   * The raw client's connections, with the SDK's `cacheMiddleware`: it resolves each command's middleware
   * once, not on every call (a sixth of the SDK's CPU per PutItem). lib-dynamodb refuses the option, so
   * `Table` sends its gets, puts, queries and batch reads, the calls of the request path, here, marshalled
   * with MARSHALL_OPTIONS as the document client marshals. Its cached handlers do not see middleware added
   * after a command's first call (see observeCalls).
   */
  items: DynamoDBClient;
}

/** `client` without the SDK's logging work and with the deadline check on its writes. */
function guarded(client: DynamoDBClient): DynamoDBClient {
  // The SDK's logger is a no-op unless one is given, yet its middleware builds the filtered copy of every
  // input and output that it would log (schemaLogFilter walks each one against its schema): a tenth of
  // the SDK's own CPU per PutItem. The registry logs its own requests and never gives the SDK a logger.
  client.middlewareStack.remove('loggerMiddleware');
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (WRITES.has(context.commandName ?? '')) requireTimeToCommit();
      return next(args);
    },
    { step: 'initialize', name: 'commitDeadline' },
  );
  reuseSigner(client);
  return client;
}

/**
 * The SDK builds a new SignatureV4 for every request, from a copy of the whole client configuration (a
 * tenth of its CPU per PutItem). One signer serves them all: it reads the credentials through the
 * client's own provider, which refreshes them, and each request passes its signing region and service.
 */
export function reuseSigner(client: DynamoDBClient): void {
  const build = client.config.signer;
  let signer: ReturnType<typeof build> | undefined;
  client.config.signer = (authScheme) =>
    (signer ??= build(authScheme).catch((e: unknown) => {
      signer = undefined;
      throw e;
    }));
}

/** The headers the SDK's user agent middleware sets. */
const USER_AGENT_HEADERS = ['user-agent', 'x-amz-user-agent'];

/**
 * The SDK composes its user agent headers anew for every request (escaping each part, collecting the
 * features it reports): 4-6% of a request's CPU in bench/api.ts. They change only with the command and
 * the features its caller reports, and the items client has one caller, Table, which reports none. So
 * this replaces the SDK's middleware with one that runs it on each command's first request and sets the
 * headers it composed then on the rest.
 */
export function rememberUserAgent(client: DynamoDBClient): void {
  const compose = userAgentMiddleware(client.config);
  const composed = new Map<string, Record<string, string>>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const headers = (args.request as HttpRequest).headers;
      const known = composed.get(context.commandName ?? '');
      if (known) {
        Object.assign(headers, known);
        return next(args);
      }
      return compose(async (withAgent) => {
        composed.set(context.commandName ?? '', Object.fromEntries(USER_AGENT_HEADERS.filter((name) => headers[name] !== undefined).map((name) => [name, headers[name]!])));
        return next(withAgent);
      }, context)(args);
    },
    getUserAgentMiddlewareOptions,
  );
}

export function createDynamoClients(options: { region: string; endpoint?: string }): DynamoClients {
  const config: DynamoDBClientConfig = {
    region: options.region,
    ...(options.endpoint
      ? // DynamoDB Local accepts any credentials; fixed ones keep local runs independent of the developer's AWS setup.
        { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  };
  // The raw client sends the document client's calls and ElectroDB's too: one check covers them all.
  const raw = guarded(new DynamoDBClient(config));
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { ...MARSHALL_OPTIONS } });
  // One connection pool for both: destroying the raw client closes it.
  const items = guarded(new DynamoDBClient({ ...config, requestHandler: raw.config.requestHandler, cacheMiddleware: true }));
  rememberUserAgent(items);
  return { raw, doc, items };
}

/**
 * Adds `middleware` to every client of `clients` (the document client sends through the raw one), for
 * the bench and tests that count or fail calls; the items client's cached handlers are dropped so that
 * it applies from the next call. Answers the function that removes it again.
 */
export function observeCalls(clients: DynamoClients, name: string, middleware: InitializeMiddleware<any, any>): () => void {
  const targets = [clients.raw, clients.items];
  const refresh = () => Reflect.deleteProperty(clients.items, 'handlers');
  for (const client of targets) client.middlewareStack.add(middleware, { step: 'initialize', name });
  refresh();
  return () => {
    for (const client of targets) client.middlewareStack.remove(name);
    refresh();
  };
}
