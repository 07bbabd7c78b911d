// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type AutoCreateLogEntryItem } from '../table.js';
import { actionRule, createdAtRule, environmentRule, latestVersionIdRule, nameRule, requiredStringRule, ulidSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const autoCreateLogEntrySpecs = { workspace_id: workspaceIdSpec, id: ulidSpec };
const autoCreateLogEntryPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#AUTO_CREATE", autoCreateLogEntrySpecs),
    sk: /* @__PURE__ */ compilePattern("AUTO_CREATE#{id}", autoCreateLogEntrySpecs),
  },
} as const;

/** Key builders and parsers of auto_create_log_entry: `parse(build(x))` gives `x` back. */
export const autoCreateLogEntryKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string }, { id: string }>(autoCreateLogEntryPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<AutoCreateLogEntryItem, "workspace_id" | "id">>(autoCreateLogEntryPatterns, INDEXES),
};

/** What writing and reading auto_create_log_entry items needs. */
export const autoCreateLogEntryRules: RecordRules<AutoCreateLogEntryItem> = {
  entity: "auto_create_log_entry",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    request_id: latestVersionIdRule,
    schema_name: nameRule,
    table_name: nameRule,
    action: actionRule,
    sink: environmentRule,
    details: requiredStringRule,
    created_at: createdAtRule,
  },
  keys: autoCreateLogEntryKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(autoCreateLogEntryKeys.primary),
};
