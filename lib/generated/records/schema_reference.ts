// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type SchemaReferenceItem } from '../table.js';
import { createdAtRule, latestVersionIdRule, nameRule, requiredNumberRule, requiredStringRule, ulidSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const schemaReferenceSpecs = { workspace_id: workspaceIdSpec, referenced_id: ulidSpec, referrer_id: ulidSpec };
const schemaReferencePatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#SCHEMA_VERSION#{referenced_id}", schemaReferenceSpecs),
    sk: /* @__PURE__ */ compilePattern("REFERENCED_BY#{referrer_id}", schemaReferenceSpecs),
  },
} as const;

/** Key builders and parsers of schema_reference: `parse(build(x))` gives `x` back. */
export const schemaReferenceKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; referenced_id: string }, { referrer_id: string }>(schemaReferencePatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<SchemaReferenceItem, "workspace_id" | "referenced_id" | "referrer_id">>(schemaReferencePatterns, INDEXES),
};

/** What writing and reading schema_reference items needs. */
export const schemaReferenceRules: RecordRules<SchemaReferenceItem> = {
  entity: "schema_reference",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    referenced_id: latestVersionIdRule,
    referrer_id: latestVersionIdRule,
    referrer_name: nameRule,
    referrer_version: requiredNumberRule,
    uri: requiredStringRule,
    created_at: createdAtRule,
  },
  keys: schemaReferenceKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(schemaReferenceKeys.primary),
};
