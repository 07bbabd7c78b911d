// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type AuditEventItem } from '../table.js';
import { createdAtRule, entityIdSpec, entityTypeRule, entityTypeSpec, latestVersionIdRule, requiredStringRule, stringRule, ulidSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const auditEventSpecs = { workspace_id: workspaceIdSpec, entity_type: entityTypeSpec, entity_id: entityIdSpec, id: ulidSpec };
const auditEventPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#AUDIT#{entity_type}#{entity_id}", auditEventSpecs),
    sk: /* @__PURE__ */ compilePattern("AUDIT#{id}", auditEventSpecs),
  },
  GSI2: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#AUDIT", auditEventSpecs),
    sk: /* @__PURE__ */ compilePattern("AUDIT#{id}", auditEventSpecs),
  },
} as const;

/** Key builders and parsers of audit_event: `parse(build(x))` gives `x` back. */
export const auditEventKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; entity_type: "schema" | "schema_version" | "schema_request" | "workspace" | "sink" | "payload" | "api_key"; entity_id: string }, { id: string }>(auditEventPatterns.primary),
  GSI2: /* @__PURE__ */ indexKeys<{ workspace_id: string }, { id: string }>(auditEventPatterns.GSI2),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<AuditEventItem, "workspace_id" | "entity_type" | "entity_id" | "id">>(auditEventPatterns, INDEXES),
};

/** What writing and reading audit_event items needs. */
export const auditEventRules: RecordRules<AuditEventItem> = {
  entity: "audit_event",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    at: createdAtRule,
    actor: requiredStringRule,
    action: requiredStringRule,
    entity_type: entityTypeRule,
    entity_id: requiredStringRule,
    before: stringRule,
    after: stringRule,
    details: stringRule,
  },
  keys: auditEventKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(auditEventKeys.primary),
};
