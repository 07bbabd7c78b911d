/** Sinks (the databases a workspace's tables live in) and the migration runner that applies to them. */
export { createSinkConnector, secretsManagerReader, type SinkConnector, type SinkConnectorOptions } from './connect.js';
export { createMigrationRunner, type MigrationRunner, type MigrationRunnerDeps, type RunOptions } from './runner.js';
export { CLUSTER_ARN, namespaceForWorkspace, parseSinkSettings, SECRET_ARN } from './settings.js';
export { STEPS_TABLE, TRACKING_TABLE } from './tracking.js';
export { migrationSql, type MigrationSql } from './migration-sql.js';
export * from './errors.js';
export * from './types.js';
