// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type SchemaFingerprintItem } from '../table.js';
import { fingerprintRule, fingerprintSpec, latestVersionIdRule, nameRule, requiredNumberRule, schemaNameSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const schemaFingerprintSpecs = { workspace_id: workspaceIdSpec, name: schemaNameSpec, fingerprint: fingerprintSpec };
const schemaFingerprintPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#SCHEMA#{name}", schemaFingerprintSpecs),
    sk: /* @__PURE__ */ compilePattern("FINGERPRINT#{fingerprint}", schemaFingerprintSpecs),
  },
} as const;

/** Key builders and parsers of schema_fingerprint: `parse(build(x))` gives `x` back. */
export const schemaFingerprintKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; name: string }, { fingerprint: string }>(schemaFingerprintPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<SchemaFingerprintItem, "workspace_id" | "name" | "fingerprint">>(schemaFingerprintPatterns, INDEXES),
};

/** What writing and reading schema_fingerprint items needs. */
export const schemaFingerprintRules: RecordRules<SchemaFingerprintItem> = {
  entity: "schema_fingerprint",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    name: nameRule,
    fingerprint: fingerprintRule,
    schema_version_id: latestVersionIdRule,
    version: requiredNumberRule,
  },
  keys: schemaFingerprintKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(schemaFingerprintKeys.primary),
};
