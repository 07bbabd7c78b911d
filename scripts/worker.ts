/**
 * `npm run worker`: one auto-approval run (and auto-create, on the embedded default sink under
 * .data/sinks/) against the local registry (DynamoDB Local under .data/ is
 * started for the run when DYNAMODB_ENDPOINT is not set; stop `npm start` first, or point
 * DYNAMODB_ENDPOINT at its DynamoDB Local, whose address `npm start` prints).
 */
import { fileURLToPath } from 'node:url';
import { chosenDynamodbEndpoint, readLocalConfig, useConfig } from '../lib/config.js';
import { TABLE_DESIGN } from '../lib/generated/table.js';
import { killAllDynamoDbLocal, startDynamoDbLocal } from '../lib/local/dynamodb-local.js';

process.on('exit', killAllDynamoDbLocal);
const local = chosenDynamodbEndpoint() ? undefined : await startDynamoDbLocal({ dataDir: fileURLToPath(new URL('../.data/dynamodb/', import.meta.url)) });
useConfig(readLocalConfig({ defaultTableName: TABLE_DESIGN.tableName, ...(local ? { dynamodbEndpoint: local.endpoint } : {}), embeddedSinkDir: fileURLToPath(new URL('../.data/sinks/', import.meta.url)) }));

// Imported after the configuration is set, as Lambda loads it after its environment.
const { handler } = await import('../functions/auto-approver.js');
const { decisions } = await handler();
if (!decisions.length) console.log('no pending request waits for a decision');
for (const d of decisions) console.log(`${d.request_id} (${d.workspace_id}): ${d.decision.decision}: ${d.decision.reason}${d.auto_create ? `; table ${d.auto_create}` : ''}`);
await (await import('../lib/deps.js')).defaultDeps().sinks?.connector.close();
await local?.stop();
