/**
 * CDK entry point (cdk.json runs `npx tsx infra/app.ts`). Synthesizes offline: no lookups, and a default
 * region when the CLI has none, so `npm run synth` needs no AWS credentials.
 */
import { App } from 'aws-cdk-lib';
import { addRegistry } from './registry.js';
import { readSettings } from './settings.js';
import { WORKERS } from './workers.js';

const app = new App();
addRegistry(app, {
  settings: readSettings((key) => app.node.tryGetContext(key)),
  workers: WORKERS,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'us-east-1' },
});
