// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from lib/api/contracts.ts
// with ajv's standalone code; `npm run codegen -- --check` fails when it is stale.
import type { ErrorObject } from 'ajv';

export type ContractValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Each request contract's validator, loaded on first use. */
export const CONTRACT_VALIDATORS: Record<string, () => Promise<ContractValidator>> = {
  ApiKeyCreate: async () => (await import('./ApiKeyCreate.js')).validate,
  AuditQuery: async () => (await import('./AuditQuery.js')).validate,
  ConfluentConfigUpdate: async () => (await import('./ConfluentConfigUpdate.js')).validate,
  ConfluentModeUpdate: async () => (await import('./ConfluentModeUpdate.js')).validate,
  ConfluentSchemaRequest: async () => (await import('./ConfluentSchemaRequest.js')).validate,
  CreatePayloadRequest: async () => (await import('./CreatePayloadRequest.js')).validate,
  CreateSchemaRequest: async () => (await import('./CreateSchemaRequest.js')).validate,
  DiffQuery: async () => (await import('./DiffQuery.js')).validate,
  EnvironmentApproval: async () => (await import('./EnvironmentApproval.js')).validate,
  IndexBackfillRequest: async () => (await import('./IndexBackfillRequest.js')).validate,
  ListPayloadsQuery: async () => (await import('./ListPayloadsQuery.js')).validate,
  ListSchemaRequestsQuery: async () => (await import('./ListSchemaRequestsQuery.js')).validate,
  ListSchemasQuery: async () => (await import('./ListSchemasQuery.js')).validate,
  MigrationFilesQuery: async () => (await import('./MigrationFilesQuery.js')).validate,
  MigrationQuery: async () => (await import('./MigrationQuery.js')).validate,
  MigrationRun: async () => (await import('./MigrationRun.js')).validate,
  NoQuery: async () => (await import('./NoQuery.js')).validate,
  NotificationUpdate: async () => (await import('./NotificationUpdate.js')).validate,
  NotificationsQuery: async () => (await import('./NotificationsQuery.js')).validate,
  PageQuery: async () => (await import('./PageQuery.js')).validate,
  PublishSchemaQuery: async () => (await import('./PublishSchemaQuery.js')).validate,
  PublishSchemaRequest: async () => (await import('./PublishSchemaRequest.js')).validate,
  SchemaConfigUpdate: async () => (await import('./SchemaConfigUpdate.js')).validate,
  SchemaStateUpdate: async () => (await import('./SchemaStateUpdate.js')).validate,
  SinkSettings: async () => (await import('./SinkSettings.js')).validate,
  SinkSyncRun: async () => (await import('./SinkSyncRun.js')).validate,
  TransitionSchemaRequest: async () => (await import('./TransitionSchemaRequest.js')).validate,
  UpdatePayloadRequest: async () => (await import('./UpdatePayloadRequest.js')).validate,
  WorkspaceConfigUpdate: async () => (await import('./WorkspaceConfigUpdate.js')).validate,
  WorkspacePolicy: async () => (await import('./WorkspacePolicy.js')).validate,
};
