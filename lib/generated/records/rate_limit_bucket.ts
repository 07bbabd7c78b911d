// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, familyAttributeName, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type RateLimitBucketItem } from '../table.js';
import { requesterSpec, requiredNumberRule, requiredStringRule, resourceRule, resourceSpec } from './shared.js';

const rateLimitBucketSpecs = { principal: requesterSpec, resource: resourceSpec };
const rateLimitBucketPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("PRINCIPAL#{principal}", rateLimitBucketSpecs),
    sk: /* @__PURE__ */ compilePattern("BUCKET#{resource}", rateLimitBucketSpecs),
  },
} as const;

/** Key builders and parsers of rate_limit_bucket: `parse(build(x))` gives `x` back. */
export const rateLimitBucketKeys = {
  primary: /* @__PURE__ */ indexKeys<{ principal: string }, { resource: string }>(rateLimitBucketPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<RateLimitBucketItem, "principal" | "resource">>(rateLimitBucketPatterns, INDEXES),
};

/** Attribute family names of rate_limit_bucket, e.g. `b_{limit}_tk`. */
export const rateLimitBucketFamilies = {
  "b_{limit}_tk": (limit: string): string => familyAttributeName("b_{limit}_tk", "^[a-z][a-z0-9]{0,15}$", limit),
  "b_{limit}_cp": (limit: string): string => familyAttributeName("b_{limit}_cp", "^[a-z][a-z0-9]{0,15}$", limit),
  "b_{limit}_rf": (limit: string): string => familyAttributeName("b_{limit}_rf", "^[a-z][a-z0-9]{0,15}$", limit),
};

/** What writing and reading rate_limit_bucket items needs. */
export const rateLimitBucketRules: RecordRules<RateLimitBucketItem> = {
  entity: "rate_limit_bucket",
  version: "1",
  attributes: {
    principal: requiredStringRule,
    resource: resourceRule,
    last_refill_ms: requiredNumberRule,
  },
  keys: rateLimitBucketKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(rateLimitBucketKeys.primary),
};
