// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type WorkspaceConfigItem } from '../table.js';
import { compatibilityRule, createdAtRule, defaultDialectRule, requiredStringRule, stringRule, workspaceIdRule, workspaceIdSpec } from './shared.js';

const workspaceConfigSpecs = { workspace_id: workspaceIdSpec };
const workspaceConfigPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}", workspaceConfigSpecs),
    sk: /* @__PURE__ */ compilePattern("CONFIG", workspaceConfigSpecs),
  },
} as const;

/** Key builders and parsers of workspace_config: `parse(build(x))` gives `x` back. */
export const workspaceConfigKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string }, Record<string, never>>(workspaceConfigPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<WorkspaceConfigItem, "workspace_id">>(workspaceConfigPatterns, INDEXES),
};

/** What writing and reading workspace_config items needs. */
export const workspaceConfigRules: RecordRules<WorkspaceConfigItem> = {
  entity: "workspace_config",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    compatibility: compatibilityRule,
    default_dialect: defaultDialectRule,
    refuse_warnings: stringRule,
    policies: stringRule,
    promotion: stringRule,
    updated_at: createdAtRule,
    updated_by: requiredStringRule,
  },
  keys: workspaceConfigKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(workspaceConfigKeys.primary),
};
