/**
 * `npm start`: the whole registry on a laptop. Starts DynamoDB Local (data under .data/, kept across
 * restarts) unless DYNAMODB_ENDPOINT points elsewhere, creates or updates the table from schema.yaml, and
 * serves the HTTP API on 127.0.0.1:3000 through the real Lambda handlers. Every workspace gets the sink
 * `default`: an embedded PostgreSQL under .data/sinks/, or the PostgreSQL of DATABASE_URL / --database.
 */
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { chosenDynamodbEndpoint, localPort, readLocalConfig, useConfig } from '../lib/config.js';
import { createDynamoClients } from '../lib/dynamo/client.js';
import { ensureTable } from '../lib/dynamo/table-admin.js';
import { TABLE_DESIGN } from '../lib/generated/table.js';
import { killAllDynamoDbLocal, startDynamoDbLocal, type DynamoDbLocal } from '../lib/local/dynamodb-local.js';
import { createLocalServer, type LambdaHandler } from '../lib/local/server.js';
import { ROUTES } from '../functions/routes.js';
import { devKey, devVerifier, mintToken } from '../lib/auth/dev-tokens.js';
import { tableApiKeyVerifier } from '../lib/api-keys/verify.js';
import { buildConsole } from '../console/build.js';
import { defaultDeps } from '../lib/deps.js';

const program = new Command()
  .name('start')
  .description('Run the schema registry locally')
  .option('--in-memory', 'keep DynamoDB Local data in memory (lost on exit) instead of under .data/')
  .option('--data-dir <dir>', 'where DynamoDB Local keeps its data', fileURLToPath(new URL('../.data/dynamodb/', import.meta.url)))
  .option('--port <port>', 'HTTP port (or PORT)', localPort())
  .option('--dynamodb-port <port>', 'a fixed port for DynamoDB Local, so other programs can reach it at a known address (default: a free port)')
  .option('--worker-interval <seconds>', 'run the auto-approval worker this often (0: never)', '15')
  .option('--sink-dir <dir>', 'where the embedded PostgreSQL of the default sink keeps its data', fileURLToPath(new URL('../.data/sinks/', import.meta.url)))
  .option('--database <url>', 'make the default sink this PostgreSQL (postgres://…) instead of the embedded one (or DATABASE_URL)')
  .parse();
const opts = program.opts<{ inMemory?: boolean; dataDir: string; port: string; dynamodbPort?: string; workerInterval: string; sinkDir: string; database?: string }>();

let stopGracefully: (() => Promise<void>) | undefined;
let stopping = false;
const onSignal = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  // Before the server is up there is nothing to drain: kill whatever is starting.
  if (!stopGracefully) {
    killAllDynamoDbLocal();
    process.exit(130);
  }
  void stopGracefully().then(() => process.exit(0));
};
// Installed before anything is spawned, so Ctrl-C at any moment leaves no java process behind.
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGHUP', () => onSignal('SIGHUP'));
// `kill <npm pid>` ends npm and its shell but not this process (no one forwards the signal): once the
// parent is gone this process is re-parented, so stop as if signalled rather than run on unseen.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) onSignal('parent process exited');
}, 1000).unref();
process.on('exit', killAllDynamoDbLocal);

async function main(): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${opts.port}"`);
  let local: DynamoDbLocal | undefined;
  if (!chosenDynamodbEndpoint()) {
    const dataDir = opts.inMemory ? undefined : opts.dataDir;
    const dynamoPort = opts.dynamodbPort === undefined ? undefined : Number(opts.dynamodbPort);
    if (dynamoPort !== undefined && (!Number.isInteger(dynamoPort) || dynamoPort < 1 || dynamoPort > 65535)) throw new Error(`--dynamodb-port must be a port number, got "${opts.dynamodbPort}"`);
    local = await startDynamoDbLocal({ ...(dataDir ? { dataDir } : {}), ...(dynamoPort !== undefined ? { port: dynamoPort } : {}) });
    if (local.reclaimed) console.log(`stopped a DynamoDB Local (pid ${local.reclaimed}) that an earlier run left on ${dataDir}`);
    console.log(`DynamoDB Local on ${local.endpoint} (${dataDir ? `data in ${dataDir}` : 'in memory'})`);
  }
  const config = readLocalConfig({
    defaultTableName: TABLE_DESIGN.tableName,
    ...(local ? { dynamodbEndpoint: local.endpoint } : {}),
    embeddedSinkDir: opts.inMemory ? 'memory://' : opts.sinkDir,
    ...(opts.database ? { databaseUrl: opts.database } : {}),
  });
  useConfig(config);
  const { tableName } = config;

  const { raw } = createDynamoClients({ region: config.region, endpoint: config.dynamodbEndpoint });
  const result = await ensureTable(raw, tableName);
  raw.destroy();
  // ensureTable has checked the table's design record: it throws (and we exit) on another major version.
  console.log(`table ${tableName}: ${result.action}${result.changes.length ? ` (${result.changes.join(', ')})` : ''}; holds schema.yaml ${result.design.recorded.version}`);
  if (result.extraIndexes.length) console.warn(`table ${tableName} has indexes schema.yaml does not declare: ${result.extraIndexes.join(', ')}`);

  const key = await devKey();
  const admin = await mintToken(key, { user: 'dev-admin', memberships: [{ workspace: 'default', role: 'admin' }] });
  const built = await buildConsole();
  console.log(`console built: ${built.files.join(', ')}`);
  const server = createLocalServer({
    devAdminToken: admin,
    routes: ROUTES,
    verifyToken: await devVerifier(key),
    verifyApiKey: tableApiKeyVerifier(defaultDeps()),
    // Handlers are imported after the configuration is set, as Lambda loads them after its environment.
    loadHandler: async (group) => ((await import(`../functions/${group}.ts`)) as { handler: LambdaHandler }).handler,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${port} on 127.0.0.1 is already in use; stop what holds it, or choose another port: PORT=${port + 1} npm start, or npm start -- --port ${port + 1}`) : e),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  console.log(`schema registry (schema.yaml ${TABLE_DESIGN.version}) listening on http://127.0.0.1:${port}/api/v1`);
  console.log(`console on http://127.0.0.1:${port}/console (its "Sign in as dev-admin" button uses the token below)`);
  const sink = config.sinks.defaultSink;
  // The URL is never printed: it may carry a password.
  console.log(`default sink of every workspace: ${sink?.kind === 'env' ? 'the PostgreSQL of DATABASE_URL' : `embedded PostgreSQL (${opts.inMemory ? 'in memory' : `data in ${opts.sinkDir}`})`}, one schema per workspace (ws_<workspace id>)`);
  console.log(`admin token for workspace "default" (12 h; more with \`TOKEN=$(npm run -s token -- --user alice --workspace acme --role writer)\`):\n${admin}`);

  // Deployed, the worker runs on a schedule and on the table's stream; locally, on an interval.
  const intervalMs = Number(opts.workerInterval) * 1000;
  const worker = intervalMs > 0 ? setInterval(() => void runWorker(), intervalMs) : undefined;
  async function runWorker() {
    try {
      const { handler } = (await import('../functions/auto-approver.js')) as { handler: () => Promise<{ decisions: { request_id: string; decision: { decision: string; reason: string } }[] }> };
      for (const d of (await handler()).decisions) console.log(`[auto-approver] ${d.request_id}: ${d.decision.decision} (${d.decision.reason})`);
    } catch (e) {
      console.error('[auto-approver] run failed', e);
    }
  }

  stopGracefully = async () => {
    if (worker) clearInterval(worker);
    server.close();
    server.closeAllConnections();
    // Closes the embedded PostgreSQL cleanly, so its data directory opens again next time.
    await defaultDeps().sinks?.connector.close();
    await local?.stop();
  };
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
