// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type SinkConfigItem } from '../table.js';
import { createdAtRule, deliveredRule, dialectRule, environmentRule, nameRule, namespaceRule, numberRule, requiredStringRule, schemaNameSpec, stringRule, workspaceIdRule, workspaceIdSpec } from './shared.js';

const sinkConfigSpecs = { workspace_id: workspaceIdSpec, name: schemaNameSpec };
const sinkConfigPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#SINKS", sinkConfigSpecs),
    sk: /* @__PURE__ */ compilePattern("SINK#{name}", sinkConfigSpecs),
  },
} as const;

/** Key builders and parsers of sink_config: `parse(build(x))` gives `x` back. */
export const sinkConfigKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string }, { name: string }>(sinkConfigPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<SinkConfigItem, "workspace_id" | "name">>(sinkConfigPatterns, INDEXES),
};

/** What writing and reading sink_config items needs. */
export const sinkConfigRules: RecordRules<SinkConfigItem> = {
  entity: "sink_config",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    name: nameRule,
    dialect: dialectRule,
    connection: requiredStringRule,
    namespace: namespaceRule,
    apply_on_approval: deliveredRule,
    environment: environmentRule,
    order: numberRule,
    deleted_at: stringRule,
    updated_at: createdAtRule,
    updated_by: requiredStringRule,
  },
  keys: sinkConfigKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(sinkConfigKeys.primary),
};
