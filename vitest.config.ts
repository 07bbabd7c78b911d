import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { testProjects } from './test/support/projects.js';

// Unit files run without DynamoDB Local; test/support/projects.ts says which files are which (README: Tests).
const { unit, integration } = testProjects(fileURLToPath(new URL('.', import.meta.url)));

export default defineConfig({
  test: {
    // Handler modules build their default deps at import, as in Lambda; tests pass their own deps to
    // buildHandler, but the import still needs a valid configuration.
    // The SDK's warning about its releases after January 2027 concerns Node 20, which only local runs use
    // (Lambda runs nodejs22.x); it would otherwise be printed by every worker and child process.
    env: { TABLE_NAME: 'schema-registry-test', AWS_REGION: 'local', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: ['default', './test/support/skip-reporter.ts'],
    // Generous for 2 loaded cores: PGlite and the seed scenarios take tens of seconds there. Limits, not targets.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    projects: [
      { extends: true, test: { name: 'unit', include: unit } },
      { extends: true, test: { name: 'integration', include: integration, globalSetup: ['test/support/global-setup.ts'] } },
    ],
  },
});
