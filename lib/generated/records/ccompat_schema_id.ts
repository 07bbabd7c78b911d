// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type CcompatSchemaIdItem } from '../table.js';
import { createdAtRule, engineRule, engineSpec, fingerprintRule, fingerprintSpec, idSpec, latestVersionIdRule, nameRule, requiredNumberRule, workspaceIdRule, workspaceIdSpec } from './shared.js';

const ccompatSchemaIdSpecs = { workspace_id: workspaceIdSpec, engine: engineSpec, fingerprint: fingerprintSpec, id: idSpec };
const ccompatSchemaIdPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#CCOMPAT_ID#{engine}#{fingerprint}", ccompatSchemaIdSpecs),
    sk: /* @__PURE__ */ compilePattern("CCOMPAT_ID", ccompatSchemaIdSpecs),
  },
  GSI1: {
    pk: /* @__PURE__ */ compilePattern("CCOMPAT_ID#{id}", ccompatSchemaIdSpecs),
    sk: /* @__PURE__ */ compilePattern("CCOMPAT_ID", ccompatSchemaIdSpecs),
  },
} as const;

/** Key builders and parsers of ccompat_schema_id: `parse(build(x))` gives `x` back. */
export const ccompatSchemaIdKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; engine: string; fingerprint: string }, Record<string, never>>(ccompatSchemaIdPatterns.primary),
  GSI1: /* @__PURE__ */ indexKeys<{ id: number }, Record<string, never>>(ccompatSchemaIdPatterns.GSI1),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<CcompatSchemaIdItem, "workspace_id" | "engine" | "fingerprint" | "id">>(ccompatSchemaIdPatterns, INDEXES),
};

/** What writing and reading ccompat_schema_id items needs. */
export const ccompatSchemaIdRules: RecordRules<CcompatSchemaIdItem> = {
  entity: "ccompat_schema_id",
  version: "1",
  attributes: {
    id: requiredNumberRule,
    workspace_id: workspaceIdRule,
    engine: engineRule,
    fingerprint: fingerprintRule,
    name: nameRule,
    version: requiredNumberRule,
    schema_version_id: latestVersionIdRule,
    created_at: createdAtRule,
  },
  keys: ccompatSchemaIdKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(ccompatSchemaIdKeys.primary),
};
