// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type CcompatIdCounterItem } from '../table.js';
import { requiredNumberRule, shardSpec } from './shared.js';

const ccompatIdCounterSpecs = { shard: shardSpec };
const ccompatIdCounterPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("CCOMPAT_COUNTER#{shard}", ccompatIdCounterSpecs),
    sk: /* @__PURE__ */ compilePattern("CCOMPAT_COUNTER", ccompatIdCounterSpecs),
  },
} as const;

/** Key builders and parsers of ccompat_id_counter: `parse(build(x))` gives `x` back. */
export const ccompatIdCounterKeys = {
  primary: /* @__PURE__ */ indexKeys<{ shard: number }, Record<string, never>>(ccompatIdCounterPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<CcompatIdCounterItem, "shard">>(ccompatIdCounterPatterns, INDEXES),
};

/** What writing and reading ccompat_id_counter items needs. */
export const ccompatIdCounterRules: RecordRules<CcompatIdCounterItem> = {
  entity: "ccompat_id_counter",
  version: "1",
  attributes: {
    shard: requiredNumberRule,
    next: requiredNumberRule,
  },
  keys: ccompatIdCounterKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(ccompatIdCounterKeys.primary),
};
