import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { testProjects } from './test/support/projects.js';

// Unit files run without DynamoDB Local; test/support/projects.ts says which files are which (README: Tests).
const { unit, integration } = testProjects(fileURLToPath(new URL('.', import.meta.url)));

export default defineConfig({
  test: {
    // Handler modules build their default deps at import, as in Lambda; tests pass their own deps to
    // buildHandler, but the import still needs a valid configuration.
    env: { TABLE_NAME: 'schema-registry-test', AWS_REGION: 'local', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: unit } },
      { extends: true, test: { name: 'integration', include: integration, globalSetup: ['test/support/global-setup.ts'] } },
    ],
  },
});
