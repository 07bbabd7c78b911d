/**
 * CDK entry point (cdk.json runs `npx tsx infra/app.ts`). Synthesizes offline: no lookups, and a default
 * region when the CLI has none (lib/config.ts: FALLBACK_DEPLOY_REGION), so `npm run synth` needs no AWS
 * credentials.
 */
import { App } from 'aws-cdk-lib';
import { readDeployTarget } from '../lib/config.js';
import { addRegistry } from './registry.js';
import { readSettings, SettingsError } from './settings.js';
import { WORKERS } from './workers.js';

const app = new App();
try {
  addRegistry(app, {
    settings: readSettings((key) => app.node.tryGetContext(key)),
    workers: WORKERS,
    env: readDeployTarget(),
  });
} catch (e) {
  // A bad -c value is the user's to fix: one line naming it, not a stack trace of the app.
  if (!(e instanceof SettingsError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
