/**
 * `npm run worker`: one auto-approval run against the local registry (DynamoDB Local under .data/ is
 * started for the run when DYNAMODB_ENDPOINT is not set; stop `npm start` first, or point
 * DYNAMODB_ENDPOINT at its DynamoDB Local, whose address `npm start` prints).
 */
import { fileURLToPath } from 'node:url';
import { TABLE_DESIGN } from '../lib/generated/table.js';
import { killAllDynamoDbLocal, startDynamoDbLocal } from '../lib/local/dynamodb-local.js';

process.on('exit', killAllDynamoDbLocal);
const local = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal({ dataDir: fileURLToPath(new URL('../.data/dynamodb/', import.meta.url)) });
if (local) process.env.DYNAMODB_ENDPOINT = local.endpoint;
process.env.TABLE_NAME ||= TABLE_DESIGN.tableName;
process.env.AWS_REGION ||= 'local';

// Imported after the environment is set, as Lambda loads it.
const { handler } = await import('../functions/auto-approver.js');
const { decisions } = await handler();
if (!decisions.length) console.log('no pending request waits for a decision');
for (const d of decisions) console.log(`${d.request_id} (${d.workspace_id}): ${d.decision.decision}: ${d.decision.reason}`);
await local?.stop();
