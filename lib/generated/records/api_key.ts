// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type ApiKeyItem } from '../table.js';
import { createdAtRule, fingerprintRule, latestVersionIdRule, requiredStringRule, roleRule, stringRule, ulidSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const apiKeySpecs = { workspace_id: workspaceIdSpec, id: ulidSpec };
const apiKeyPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#APIKEYS", apiKeySpecs),
    sk: /* @__PURE__ */ compilePattern("APIKEY#{id}", apiKeySpecs),
  },
} as const;

/** Key builders and parsers of api_key: `parse(build(x))` gives `x` back. */
export const apiKeyKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string }, { id: string }>(apiKeyPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<ApiKeyItem, "workspace_id" | "id">>(apiKeyPatterns, INDEXES),
};

/** What writing and reading api_key items needs. */
export const apiKeyRules: RecordRules<ApiKeyItem> = {
  entity: "api_key",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    id: latestVersionIdRule,
    name: requiredStringRule,
    role: roleRule,
    secret_sha256: fingerprintRule,
    valid_until: stringRule,
    created_at: createdAtRule,
    created_by: requiredStringRule,
    revoked_at: stringRule,
    revoked_by: stringRule,
  },
  keys: apiKeyKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(apiKeyKeys.primary),
};
