// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type PayloadIndexEntryItem } from '../table.js';
import { createdAtRule, fieldRule, fieldSpec, latestVersionIdRule, nameRule, requiredNumberRule, requiredStringRule, schemaNameSpec, stringRule, ulidSpec, valueSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const payloadIndexEntrySpecs = { workspace_id: workspaceIdSpec, schema_name: schemaNameSpec, field: fieldSpec, value: valueSpec, id: ulidSpec };
const payloadIndexEntryPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#SCHEMA#{schema_name}#INDEX#{field}", payloadIndexEntrySpecs),
    sk: /* @__PURE__ */ compilePattern("VALUE#{value}#PAYLOAD#{id}", payloadIndexEntrySpecs),
  },
} as const;

/** Key builders and parsers of payload_index_entry: `parse(build(x))` gives `x` back. */
export const payloadIndexEntryKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; schema_name: string; field: string }, { value: string; id: string }>(payloadIndexEntryPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<PayloadIndexEntryItem, "workspace_id" | "schema_name" | "field" | "value" | "id">>(payloadIndexEntryPatterns, INDEXES),
};

/** What writing and reading payload_index_entry items needs. */
export const payloadIndexEntryRules: RecordRules<PayloadIndexEntryItem> = {
  entity: "payload_index_entry",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    schema_name: nameRule,
    field: fieldRule,
    value: requiredStringRule,
    id: latestVersionIdRule,
    schema_ref: latestVersionIdRule,
    schema_version: requiredNumberRule,
    data: requiredStringRule,
    meta: stringRule,
    revision: requiredNumberRule,
    created_at: createdAtRule,
    created_by: requiredStringRule,
    updated_at: stringRule,
    updated_by: stringRule,
  },
  keys: payloadIndexEntryKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(payloadIndexEntryKeys.primary),
};
