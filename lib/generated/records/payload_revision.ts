// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type PayloadRevisionItem } from '../table.js';
import { createdAtRule, latestVersionIdRule, nameRule, requiredNumberRule, requiredStringRule, stringRule, ulidSpec, versionSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const payloadRevisionSpecs = { workspace_id: workspaceIdSpec, id: ulidSpec, revision: versionSpec };
const payloadRevisionPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#PAYLOAD#{id}", payloadRevisionSpecs),
    sk: /* @__PURE__ */ compilePattern("REVISION#{revision}", payloadRevisionSpecs),
  },
} as const;

/** Key builders and parsers of payload_revision: `parse(build(x))` gives `x` back. */
export const payloadRevisionKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; id: string }, { revision: number }>(payloadRevisionPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<PayloadRevisionItem, "workspace_id" | "id" | "revision">>(payloadRevisionPatterns, INDEXES),
};

/** What writing and reading payload_revision items needs. */
export const payloadRevisionRules: RecordRules<PayloadRevisionItem> = {
  entity: "payload_revision",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    revision: requiredNumberRule,
    schema_ref: latestVersionIdRule,
    schema_name: nameRule,
    schema_version: requiredNumberRule,
    data: requiredStringRule,
    meta: stringRule,
    written_at: createdAtRule,
    written_by: requiredStringRule,
    replaced_at: createdAtRule,
    replaced_by: requiredStringRule,
  },
  keys: payloadRevisionKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(payloadRevisionKeys.primary),
};
