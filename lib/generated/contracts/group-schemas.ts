// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from lib/api/contracts.ts
// with ajv's standalone code; `npm run codegen -- --check` fails when it is stale.
import type { ContractValidators } from '../../api/request-check.js';

/** The validators of the requests the schemas routes read, each loaded on first use. */
export const CONTRACTS: ContractValidators = {
  DiffQuery: async () => (await import('./DiffQuery.js')).validate,
  ListSchemasQuery: async () => (await import('./ListSchemasQuery.js')).validate,
  NoQuery: async () => (await import('./NoQuery.js')).validate,
  PageQuery: async () => (await import('./PageQuery.js')).validate,
  PublishSchemaQuery: async () => (await import('./PublishSchemaQuery.js')).validate,
  PublishSchemaRequest: async () => (await import('./PublishSchemaRequest.js')).validate,
  SchemaConfigUpdate: async () => (await import('./SchemaConfigUpdate.js')).validate,
  SchemaStateUpdate: async () => (await import('./SchemaStateUpdate.js')).validate,
};
