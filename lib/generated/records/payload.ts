// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type PayloadItem } from '../table.js';
import { createdAtRule, latestVersionIdRule, nameRule, numberRule, requiredNumberRule, requiredStringRule, schemaNameSpec, shardRule, shardSpec, stringRule, ulidSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const payloadSpecs = { workspace_id: workspaceIdSpec, id: ulidSpec, schema_name: schemaNameSpec, shard: shardSpec };
const payloadPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#PAYLOAD#{id}", payloadSpecs),
    sk: /* @__PURE__ */ compilePattern("PAYLOAD", payloadSpecs),
  },
  GSI4: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#SCHEMA#{schema_name}#PAYLOADS#{shard}", payloadSpecs),
    sk: /* @__PURE__ */ compilePattern("PAYLOAD#{id}", payloadSpecs),
  },
} as const;

/** Key builders and parsers of payload: `parse(build(x))` gives `x` back. */
export const payloadKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; id: string }, Record<string, never>>(payloadPatterns.primary),
  GSI4: /* @__PURE__ */ indexKeys<{ workspace_id: string; schema_name: string; shard: number }, { id: string }>(payloadPatterns.GSI4),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<PayloadItem, "workspace_id" | "id" | "schema_name" | "shard">>(payloadPatterns, INDEXES),
};

/** What writing and reading payload items needs. */
export const payloadRules: RecordRules<PayloadItem> = {
  entity: "payload",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    shard: shardRule,
    schema_ref: latestVersionIdRule,
    schema_name: nameRule,
    schema_version: requiredNumberRule,
    data: requiredStringRule,
    meta: stringRule,
    revision: numberRule,
    updated_at: stringRule,
    updated_by: stringRule,
    indexed_fields: stringRule,
    created_at: createdAtRule,
    created_by: requiredStringRule,
  },
  keys: payloadKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(payloadKeys.primary),
};
