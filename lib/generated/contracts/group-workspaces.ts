// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from lib/api/contracts.ts
// with ajv's standalone code; `npm run codegen -- --check` fails when it is stale.
import type { ContractValidators } from '../../api/request-check.js';

/** The validators of the requests the workspaces routes read, each loaded on first use. */
export const CONTRACTS: ContractValidators = {
  ApiKeyCreate: async () => (await import('./ApiKeyCreate.js')).validate,
  NoQuery: async () => (await import('./NoQuery.js')).validate,
  PageQuery: async () => (await import('./PageQuery.js')).validate,
  SinkSettings: async () => (await import('./SinkSettings.js')).validate,
  WorkspaceConfigUpdate: async () => (await import('./WorkspaceConfigUpdate.js')).validate,
  WorkspacePolicy: async () => (await import('./WorkspacePolicy.js')).validate,
};
