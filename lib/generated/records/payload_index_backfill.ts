// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type PayloadIndexBackfillItem } from '../table.js';
import { createdAtRule, latestVersionIdRule, nameRule, requiredNumberRule, requiredStringRule, schemaNameSpec, statusRule, stringRule, ulidSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const payloadIndexBackfillSpecs = { workspace_id: workspaceIdSpec, schema_name: schemaNameSpec, schema_ref: ulidSpec };
const payloadIndexBackfillPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#SCHEMA#{schema_name}#BACKFILL#{schema_ref}", payloadIndexBackfillSpecs),
    sk: /* @__PURE__ */ compilePattern("BACKFILL", payloadIndexBackfillSpecs),
  },
} as const;

/** Key builders and parsers of payload_index_backfill: `parse(build(x))` gives `x` back. */
export const payloadIndexBackfillKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; schema_name: string; schema_ref: string }, Record<string, never>>(payloadIndexBackfillPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<PayloadIndexBackfillItem, "workspace_id" | "schema_name" | "schema_ref">>(payloadIndexBackfillPatterns, INDEXES),
};

/** What writing and reading payload_index_backfill items needs. */
export const payloadIndexBackfillRules: RecordRules<PayloadIndexBackfillItem> = {
  entity: "payload_index_backfill",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    schema_name: nameRule,
    schema_ref: latestVersionIdRule,
    status: statusRule,
    cursor: stringRule,
    scanned: requiredNumberRule,
    indexed: requiredNumberRule,
    started_at: createdAtRule,
    updated_at: createdAtRule,
    started_by: requiredStringRule,
  },
  keys: payloadIndexBackfillKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(payloadIndexBackfillKeys.primary),
};
