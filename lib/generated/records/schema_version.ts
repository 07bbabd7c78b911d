// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type SchemaVersionItem } from '../table.js';
import { createdAtRule, engineRule, fingerprintRule, latestVersionIdRule, nameRule, referrerTokenRule, requiredNumberRule, requiredStringRule, schemaNameSpec, stateRule, stringRule, ulidSpec, versionSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const schemaVersionSpecs = { workspace_id: workspaceIdSpec, name: schemaNameSpec, version: versionSpec, id: ulidSpec };
const schemaVersionPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#SCHEMA#{name}", schemaVersionSpecs),
    sk: /* @__PURE__ */ compilePattern("VERSION#{version}", schemaVersionSpecs),
  },
  GSI1: {
    pk: /* @__PURE__ */ compilePattern("SCHEMA_VERSION#{id}", schemaVersionSpecs),
    sk: /* @__PURE__ */ compilePattern("SCHEMA_VERSION", schemaVersionSpecs),
  },
} as const;

/** Key builders and parsers of schema_version: `parse(build(x))` gives `x` back. */
export const schemaVersionKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; name: string }, { version: number }>(schemaVersionPatterns.primary),
  GSI1: /* @__PURE__ */ indexKeys<{ id: string }, Record<string, never>>(schemaVersionPatterns.GSI1),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<SchemaVersionItem, "workspace_id" | "name" | "version" | "id">>(schemaVersionPatterns, INDEXES),
};

/** What writing and reading schema_version items needs. */
export const schemaVersionRules: RecordRules<SchemaVersionItem> = {
  entity: "schema_version",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    name: nameRule,
    version: requiredNumberRule,
    engine: engineRule,
    definition: requiredStringRule,
    fingerprint: fingerprintRule,
    dialect: stringRule,
    description: stringRule,
    state: stateRule,
    state_changed_at: stringRule,
    references: stringRule,
    referrer_token: referrerTokenRule,
    created_at: createdAtRule,
    created_by: requiredStringRule,
  },
  keys: schemaVersionKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(schemaVersionKeys.primary),
};
