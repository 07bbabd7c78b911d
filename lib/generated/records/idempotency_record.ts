// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type IdempotencyRecordItem } from '../table.js';
import { createdAtRule, fingerprintRule, idempotencyKeyRule, idempotencyKeySpec, requesterSpec, requiredNumberRule, requiredStringRule, workspaceIdRule, workspaceIdSpec } from './shared.js';

const idempotencyRecordSpecs = { workspace_id: workspaceIdSpec, principal: requesterSpec, idempotency_key: idempotencyKeySpec };
const idempotencyRecordPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("WS#{workspace_id}#IDEMPOTENCY#{principal}#{idempotency_key}", idempotencyRecordSpecs),
    sk: /* @__PURE__ */ compilePattern("IDEMPOTENCY", idempotencyRecordSpecs),
  },
} as const;

/** Key builders and parsers of idempotency_record: `parse(build(x))` gives `x` back. */
export const idempotencyRecordKeys = {
  primary: /* @__PURE__ */ indexKeys<{ workspace_id: string; principal: string; idempotency_key: string }, Record<string, never>>(idempotencyRecordPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<IdempotencyRecordItem, "workspace_id" | "principal" | "idempotency_key">>(idempotencyRecordPatterns, INDEXES),
};

/** What writing and reading idempotency_record items needs. */
export const idempotencyRecordRules: RecordRules<IdempotencyRecordItem> = {
  entity: "idempotency_record",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    principal: requiredStringRule,
    idempotency_key: idempotencyKeyRule,
    request_hash: fingerprintRule,
    response_status: requiredNumberRule,
    response_body: requiredStringRule,
    created_at: createdAtRule,
    expires_at: requiredNumberRule,
  },
  keys: idempotencyRecordKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(idempotencyRecordKeys.primary),
};
