// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type MigrationAttemptItem } from '../table.js';
import { checksumRule, createdAtRule, dialectRule, latestVersionIdRule, nameRule, operationRule, outcomeRule, requiredNumberRule, requiredStringRule, schemaNameSpec, stringRule, ulidSpec, workspaceIdRule, workspaceIdSpec } from './shared.js';

const migrationAttemptSpecs = { workspace_id: workspaceIdSpec, sink: schemaNameSpec, id: ulidSpec };
const migrationAttemptPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#SINK#{sink}", migrationAttemptSpecs),
    sk: /* @__PURE__ */ compilePattern("ATTEMPT#{id}", migrationAttemptSpecs),
  },
} as const;

/** Key builders and parsers of migration_attempt: `parse(build(x))` gives `x` back. */
export const migrationAttemptKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; sink: string }, { id: string }>(migrationAttemptPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<MigrationAttemptItem, "workspace_id" | "sink" | "id">>(migrationAttemptPatterns, INDEXES),
};

/** What writing and reading migration_attempt items needs. */
export const migrationAttemptRules: RecordRules<MigrationAttemptItem> = {
  entity: "migration_attempt",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    sink: nameRule,
    request_id: latestVersionIdRule,
    schema_name: nameRule,
    schema_version: requiredNumberRule,
    operation: operationRule,
    outcome: outcomeRule,
    dialect: dialectRule,
    statements: requiredStringRule,
    checksum: checksumRule,
    duration_ms: requiredNumberRule,
    error: stringRule,
    failed_statement: stringRule,
    actor: requiredStringRule,
    at: createdAtRule,
  },
  keys: migrationAttemptKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(migrationAttemptKeys.primary),
};
