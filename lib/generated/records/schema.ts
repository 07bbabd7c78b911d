// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type SchemaItem } from '../table.js';
import { compatibilityRule, createdAtRule, defaultDialectRule, engineRule, latestVersionIdRule, nameRule, numberRule, openContentModelRule, requiredNumberRule, requiredStringRule, schemaNameSpec, stateRule, stringRule, workspaceIdRule, workspaceIdSpec } from './shared.js';

const schemaSpecs = { workspace_id: workspaceIdSpec, name: schemaNameSpec };
const schemaPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#SCHEMA#{name}", schemaSpecs),
    sk: /* @__PURE__ */ compilePattern("HEAD", schemaSpecs),
  },
  GSI2: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#SCHEMAS", schemaSpecs),
    sk: /* @__PURE__ */ compilePattern("SCHEMA#{name}", schemaSpecs),
  },
} as const;

/** Key builders and parsers of schema: `parse(build(x))` gives `x` back. */
export const schemaKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; name: string }, Record<string, never>>(schemaPatterns.primary),
  GSI2: /* @__PURE__ */ indexKeys<{ workspace_id: string }, { name: string }>(schemaPatterns.GSI2),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<SchemaItem, "workspace_id" | "name">>(schemaPatterns, INDEXES),
};

/** What writing and reading schema items needs. */
export const schemaRules: RecordRules<SchemaItem> = {
  entity: "schema",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    name: nameRule,
    latest_version: requiredNumberRule,
    latest_version_id: latestVersionIdRule,
    engine: engineRule,
    compatibility: compatibilityRule,
    open_content_model: openContentModelRule,
    default_dialect: defaultDialectRule,
    state: stateRule,
    description: stringRule,
    payload_shards: numberRule,
    created_at: createdAtRule,
    updated_at: createdAtRule,
    created_by: requiredStringRule,
  },
  keys: schemaKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(schemaKeys.primary),
};
