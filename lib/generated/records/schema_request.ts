// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type SchemaRequestItem } from '../table.js';
import { createdAtRule, latestVersionIdRule, nameRule, referrerTokenRule, requesterSpec, requiredStringRule, riskRule, statusRule2, statusSpec, stringRule, ulidSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const schemaRequestSpecs = { workspace_id: workspaceIdSpec, id: ulidSpec, status: statusSpec, requester: requesterSpec };
const schemaRequestPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#REQUEST#{id}", schemaRequestSpecs),
    sk: /* @__PURE__ */ compilePattern("REQUEST", schemaRequestSpecs),
  },
  GSI1: {
    pk: /* @__PURE__ */ compilePattern("REQUEST#{id}", schemaRequestSpecs),
    sk: /* @__PURE__ */ compilePattern("REQUEST", schemaRequestSpecs),
  },
  GSI2: {
    pk: /* @__PURE__ */ compilePattern("REQUESTS#{status}", schemaRequestSpecs),
    sk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#REQUEST#{id}", schemaRequestSpecs),
  },
  GSI3: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#REQUESTER#{requester}", schemaRequestSpecs),
    sk: /* @__PURE__ */ compilePattern("REQUEST#{id}", schemaRequestSpecs),
  },
} as const;

/** Key builders and parsers of schema_request: `parse(build(x))` gives `x` back. */
export const schemaRequestKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; id: string }, Record<string, never>>(schemaRequestPatterns.primary),
  GSI1: /* @__PURE__ */ indexKeys<{ id: string }, Record<string, never>>(schemaRequestPatterns.GSI1),
  GSI2: /* @__PURE__ */ indexKeys<{ status: "draft" | "pending" | "approved" | "rejected" | "withdrawn" | "migrated" | "migration_failed" | "rolled_back" }, { workspace_id: string; id: string }>(schemaRequestPatterns.GSI2),
  GSI3: /* @__PURE__ */ indexKeys<{ workspace_id: string; requester: string }, { id: string }>(schemaRequestPatterns.GSI3),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<SchemaRequestItem, "workspace_id" | "id" | "status" | "requester">>(schemaRequestPatterns, INDEXES),
};

/** What writing and reading schema_request items needs. */
export const schemaRequestRules: RecordRules<SchemaRequestItem> = {
  entity: "schema_request",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    schema_name: nameRule,
    status: statusRule2,
    requester: requiredStringRule,
    risk: riskRule,
    description: stringRule,
    justification: stringRule,
    related_issue: stringRule,
    proposal: requiredStringRule,
    review: stringRule,
    schema_ref: referrerTokenRule,
    decided_by: stringRule,
    decision_comment: stringRule,
    auto_reviewed_at: stringRule,
    migrations: stringRule,
    environment_approvals: stringRule,
    created_at: createdAtRule,
    updated_at: createdAtRule,
  },
  keys: schemaRequestKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(schemaRequestKeys.primary),
};
