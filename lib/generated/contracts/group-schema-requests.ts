// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from lib/api/contracts.ts
// with ajv's standalone code; `npm run codegen -- --check` fails when it is stale.
import type { ContractValidators } from '../../api/request-check.js';

/** The validators of the requests the schema-requests routes read, each loaded on first use. */
export const CONTRACTS: ContractValidators = {
  CreateSchemaRequest: async () => (await import('./CreateSchemaRequest.js')).validate,
  ListSchemaRequestsQuery: async () => (await import('./ListSchemaRequestsQuery.js')).validate,
  MigrationQuery: async () => (await import('./MigrationQuery.js')).validate,
  NoQuery: async () => (await import('./NoQuery.js')).validate,
  PageQuery: async () => (await import('./PageQuery.js')).validate,
  TransitionSchemaRequest: async () => (await import('./TransitionSchemaRequest.js')).validate,
};
