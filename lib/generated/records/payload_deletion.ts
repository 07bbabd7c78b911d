// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type PayloadDeletionItem } from '../table.js';
import { createdAtRule, latestVersionIdRule, nameRule, requiredNumberRule, requiredStringRule, stringRule, ulidSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const payloadDeletionSpecs = { workspace_id: workspaceIdSpec, id: ulidSpec };
const payloadDeletionPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#PAYLOAD#{id}", payloadDeletionSpecs),
    sk: /* @__PURE__ */ compilePattern("DELETED", payloadDeletionSpecs),
  },
} as const;

/** Key builders and parsers of payload_deletion: `parse(build(x))` gives `x` back. */
export const payloadDeletionKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; id: string }, Record<string, never>>(payloadDeletionPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<PayloadDeletionItem, "workspace_id" | "id">>(payloadDeletionPatterns, INDEXES),
};

/** What writing and reading payload_deletion items needs. */
export const payloadDeletionRules: RecordRules<PayloadDeletionItem> = {
  entity: "payload_deletion",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    schema_name: nameRule,
    last_revision: requiredNumberRule,
    deleted_at: createdAtRule,
    deleted_by: requiredStringRule,
    erased_at: stringRule,
    erased_by: stringRule,
  },
  keys: payloadDeletionKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(payloadDeletionKeys.primary),
};
