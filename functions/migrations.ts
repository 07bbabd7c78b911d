/**
 * Route group `migrations`: apply and roll back approved requests on their workspace's sinks, and a
 * sink's status. Its own function, so only it (with schema-requests, for apply on approval, and the
 * auto-approval worker) reaches the sinks' secrets and clusters.
 */
import { ValidationError } from '../lib/errors.js';
import { MAX_MIGRATION_FILES } from '../lib/migrations/files.js';
import { registryGroup } from '../lib/api/registry-group.js';
import { buildServices } from '../lib/registry.js';
import { API_PREFIX } from '../lib/api/route.js';
import { environmentParam, sinkParam } from '../lib/http/params.js';
import { CONTRACTS } from '../lib/generated/contracts/group-migrations.js';

const requests = `${API_PREFIX}/schema-requests`;

export const group = registryGroup('migrations', 'read-write', buildServices, CONTRACTS, { sinks: true });

group.route({
  method: 'POST',
  path: `${requests}/{id}/migration/apply`,
  operation: 'applyMigration',
  role: 'reviewer',
  summary: 'Run the request\u2019s up SQL on a sink of its workspace (default "default"), tracked and locked there; the request becomes migrated, or migration_failed with the error and the failing statement (nobody applies their own request)',
  body: 'MigrationRun',
  response: { status: 200, contract: 'MigrationRunResult' },
  example: { path: { id: '<request>' }, body: {} },
  handle: async ({ principal, id, body }, { migrations }) => migrations.apply(principal, id, body),
});

group.route({
  method: 'POST',
  path: `${requests}/{id}/migration/rollback`,
  operation: 'rollbackMigration',
  role: 'reviewer',
  summary: 'Run the request\u2019s down SQL on the sink; the request becomes rolled_back (409 naming the later migrations that depend on it)',
  body: 'MigrationRun',
  response: { status: 200, contract: 'MigrationRunResult' },
  example: { path: { id: '<request>' }, body: {} },
  handle: async ({ principal, id, body }, { migrations }) => migrations.rollback(principal, id, body),
});

group.route({
  method: 'GET',
  path: `${API_PREFIX}/workspaces/{workspace_id}/sinks/{sink}/migrations`,
  operation: 'listSinkMigrations',
  role: 'reader',
  summary: 'Applied, pending, failed and rolled back migrations of a sink, from its tracking table and the registry, with every disagreement between the two',
  response: { status: 200, contract: 'SinkMigrations' },
  example: { path: { sink: 'default' } },
  handle: async ({ principal, workspaceId, event }, { sinkStatus }) => sinkStatus.migrations(principal, workspaceId, sinkParam(event)),
});

group.route({
  method: 'GET',
  path: `${API_PREFIX}/workspaces/{workspace_id}/migrations`,
  operation: 'exportMigrationFiles',
  role: 'reader',
  summary: `The approved migrations as an ordered file set, NNNN_<name>.sql and NNNN_<name>_down.sql with a header naming the request, approver and checksum, oldest approval first, at most ${MAX_MIGRATION_FILES} per answer (next_since pages on)`,
  query: 'MigrationFilesQuery',
  response: { status: 200, contract: 'MigrationFileSet' },
  raises: [ValidationError],
  example: {},
  handle: async ({ principal, workspaceId, query }, { migrationFiles }) => migrationFiles.export(principal, workspaceId, query),
});

group.route({
  method: 'GET',
  path: `${API_PREFIX}/workspaces/{workspace_id}/sinks/{sink}/drift`,
  operation: 'getSinkDrift',
  role: 'reader',
  summary: 'Every difference between the sink\u2019s live tables (its catalog) and what the migrations applied there say: missing or extra tables, columns and indexes, changed types, nullability and defaults, each explained',
  response: { status: 200, contract: 'SinkDrift' },
  example: { path: { sink: 'default' } },
  handle: async ({ principal, workspaceId, event }, { drift }) => drift.report(principal, workspaceId, sinkParam(event)),
});

group.route({
  method: 'POST',
  path: `${API_PREFIX}/workspaces/{workspace_id}/sinks/{sink}/sync`,
  operation: 'syncSinkMigrations',
  role: 'reviewer',
  summary: 'Reconcile with the sink\u2019s tracking table: requests it shows applied (by another runner, with the registry\u2019s SQL) become migrated there, those it shows rolled back become rolled_back',
  body: 'SinkSyncRun',
  response: { status: 200, contract: 'SinkSyncResult' },
  example: { path: { sink: 'default' }, body: {} },
  handle: async ({ principal, workspaceId, event }, { sinkSync }) => sinkSync.sync(principal, workspaceId, sinkParam(event)),
});

group.route({
  method: 'POST',
  path: `${requests}/{id}/environments/{environment}/approval`,
  operation: 'approveForEnvironment',
  role: 'reviewer',
  summary: 'The second reviewer\u2019s approval of an approved request for an environment that requires one (e.g. prod); never the requester or the first approver (403)',
  body: 'EnvironmentApproval',
  response: { status: 200, contract: 'SchemaRequest' },
  example: { path: { id: '<request>', environment: 'prod' }, body: {} },
  handle: async ({ principal, id, event, body }, { promotion }) => promotion.approve(principal, id, environmentParam(event), body.comment),
});

export const { buildHandler, handler } = group;
