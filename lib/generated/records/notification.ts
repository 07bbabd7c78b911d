// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type RecordRules } from '../../dynamo/items.js';
import { allKeys, compilePattern, indexKeys } from '../../table-design/pattern.js';
import { INDEXES, type NotificationItem } from '../table.js';
import { createdAtRule, deliveredRule, deliveryChannelRule, latestVersionIdRule, requesterSpec, requiredStringRule, ulidSpec, workspaceIdRule } from './shared.js';

const notificationSpecs = { user_id: requesterSpec, id: ulidSpec };
const notificationPatterns = {
  primary: {
    pk: /* @__PURE__ */ compilePattern("USER#{user_id}", notificationSpecs),
    sk: /* @__PURE__ */ compilePattern("NOTIFICATION#{id}", notificationSpecs),
  },
} as const;

/** Key builders and parsers of notification: `parse(build(x))` gives `x` back. */
export const notificationKeys = {
  primary: /* @__PURE__ */ indexKeys<{ user_id: string }, { id: string }>(notificationPatterns.primary),
  /** Every key attribute (primary and GSI) of an item. */
  all: /* @__PURE__ */ allKeys<Pick<NotificationItem, "user_id" | "id">>(notificationPatterns, INDEXES),
};

/** What writing and reading notification items needs. */
export const notificationRules: RecordRules<NotificationItem> = {
  entity: "notification",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    user_id: requiredStringRule,
    workspace_id: workspaceIdRule,
    kind: requiredStringRule,
    subject: requiredStringRule,
    delivered: deliveredRule,
    delivery_channel: deliveryChannelRule,
    created_at: createdAtRule,
  },
  keys: notificationKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(notificationKeys.primary),
};
