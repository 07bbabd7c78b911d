// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type CcompatSubjectItem } from '../table.js';
import { createdAtRule, nameRule, schemaNameSpec, subjectRule, workspaceIdRule, workspaceIdSpec } from './shared.js';

const ccompatSubjectSpecs = { workspace_id: workspaceIdSpec, name: schemaNameSpec };
const ccompatSubjectPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#SCHEMA#{name}", ccompatSubjectSpecs),
    sk: /* @__PURE__ */ compilePattern("CCOMPAT_SUBJECT", ccompatSubjectSpecs),
  },
} as const;

/** Key builders and parsers of ccompat_subject: `parse(build(x))` gives `x` back. */
export const ccompatSubjectKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; name: string }, Record<string, never>>(ccompatSubjectPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<CcompatSubjectItem, "workspace_id" | "name">>(ccompatSubjectPatterns, INDEXES),
};

/** What writing and reading ccompat_subject items needs. */
export const ccompatSubjectRules: RecordRules<CcompatSubjectItem> = {
  entity: "ccompat_subject",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    name: nameRule,
    subject: subjectRule,
    created_at: createdAtRule,
  },
  keys: ccompatSubjectKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(ccompatSubjectKeys.primary),
};
