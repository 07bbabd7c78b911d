import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Handler modules build their default deps at import, as in Lambda; tests pass their own deps to
    // buildHandler, but the import still needs a valid configuration.
    env: { TABLE_NAME: 'schema-registry-test', AWS_REGION: 'local', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
