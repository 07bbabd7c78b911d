// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from lib/api/contracts.ts
// with ajv's standalone code; `npm run codegen -- --check` fails when it is stale.
import type { ContractValidators } from '../../api/request-check.js';

/** The validators of the requests the console routes read, each loaded on first use. */
export const CONTRACTS: ContractValidators = {
  NoQuery: async () => (await import('./NoQuery.js')).validate,
};
