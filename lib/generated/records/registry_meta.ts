// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type RegistryMetaItem } from '../table.js';
import { checksumRule, createdAtRule, fingerprintRule, migrationStartedAtRule, migrationToVersionRule, requiredStringRule, schemaYamlVersionRule, stateRule2, stringRule } from './shared.js';

const registryMetaSpecs = {  };
const registryMetaPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("REGISTRY", registryMetaSpecs),
    sk: /* @__PURE__ */ compilePattern("DESIGN", registryMetaSpecs),
  },
} as const;

/** Key builders and parsers of registry_meta: `parse(build(x))` gives `x` back. */
export const registryMetaKeys = {
  primary: /* @__PURE__ */ indexKeys<Record<string, never>, Record<string, never>>(registryMetaPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<object>(registryMetaPatterns, INDEXES),
};

/** What writing and reading registry_meta items needs. */
export const registryMetaRules: RecordRules<RegistryMetaItem> = {
  entity: "registry_meta",
  version: "1",
  attributes: {
    schema_yaml_version: schemaYamlVersionRule,
    schema_yaml_hash: fingerprintRule,
    recorded_at: createdAtRule,
    recorded_by: requiredStringRule,
    state: stateRule2,
    migration_to_version: migrationToVersionRule,
    migration_to_hash: checksumRule,
    migration_table: stringRule,
    migration_started_at: migrationStartedAtRule,
    migration_started_by: stringRule,
  },
  keys: registryMetaKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(registryMetaKeys.primary),
};
