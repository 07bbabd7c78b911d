// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { primaryKeyOf, type AttributeRule, type RecordRules } from '../dynamo/items.js';
import { ATTRIBUTE_ENUMS, schemaKeys, schemaVersionKeys, schemaFingerprintKeys, schemaReferenceKeys, ccompatSchemaIdKeys, ccompatSubjectKeys, ccompatIdCounterKeys, payloadKeys, payloadRevisionKeys, payloadDeletionKeys, payloadIndexEntryKeys, payloadIndexBackfillKeys, schemaRequestKeys, auditEventKeys, notificationKeys, rateLimitBucketKeys, idempotencyRecordKeys, workspaceConfigKeys, sinkConfigKeys, migrationAttemptKeys, autoCreateLogEntryKeys, apiKeyKeys, registryMetaKeys, type RecordItems } from './table.js';

const workspaceIdPattern = /^[a-z0-9][a-z0-9-]{0,62}$/;
const schemaNamePattern = /^[a-z][a-z0-9_]{0,62}$/;
const ulidPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const enginePattern = /^[a-z][a-z0-9-]{0,31}$/;
const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const fingerprintPattern = /^[0-9a-f]{64}$/;
const subjectPattern = /^[A-Za-z][A-Za-z0-9_.-]{0,62}$/;
const fieldPattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const resourcePattern = /^[a-z][a-z0-9_.]{0,63}$/;
const idempotencyKeyPattern = /^[A-Za-z0-9_.:-]{1,128}$/;
const namespacePattern = /^[a-z_][a-z0-9_]{0,62}$/;
const schemaYamlVersionPattern = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

const workspaceIdRule: AttributeRule = { type: "string", required: true, pattern: workspaceIdPattern };
const nameRule: AttributeRule = { type: "string", required: true, pattern: schemaNamePattern };
const requiredNumberRule: AttributeRule = { type: "number", required: true };
const latestVersionIdRule: AttributeRule = { type: "string", required: true, pattern: ulidPattern };
const engineRule: AttributeRule = { type: "string", required: true, default: {"value":"json-schema"}, pattern: enginePattern };
const compatibilityRule: AttributeRule = { type: "enum", values: ATTRIBUTE_ENUMS.schema.compatibility };
const openContentModelRule: AttributeRule = { type: "enum", values: ATTRIBUTE_ENUMS.schema.open_content_model };
const defaultDialectRule: AttributeRule = { type: "enum", values: ATTRIBUTE_ENUMS.schema.default_dialect };
const stateRule: AttributeRule = { type: "enum", required: true, default: {"value":"active"}, values: ATTRIBUTE_ENUMS.schema.state };
const stringRule: AttributeRule = { type: "string" };
const numberRule: AttributeRule = { type: "number" };
const createdAtRule: AttributeRule = { type: "string", required: true, default: "now", pattern: timestampPattern };
const requiredStringRule: AttributeRule = { type: "string", required: true };
const fingerprintRule: AttributeRule = { type: "string", required: true, pattern: fingerprintPattern };
const referrerTokenRule: AttributeRule = { type: "string", pattern: ulidPattern };
const subjectRule: AttributeRule = { type: "string", required: true, pattern: subjectPattern };
const shardRule: AttributeRule = { type: "number", required: true, default: {"value":0} };
const fieldRule: AttributeRule = { type: "string", required: true, pattern: fieldPattern };
const statusRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.payload_index_backfill.status };
const statusRule2: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.schema_request.status };
const riskRule: AttributeRule = { type: "enum", values: ATTRIBUTE_ENUMS.schema_request.risk };
const entityTypeRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.audit_event.entity_type };
const deliveredRule: AttributeRule = { type: "boolean", required: true, default: {"value":false} };
const deliveryChannelRule: AttributeRule = { type: "string", required: true, default: {"value":"api"} };
const resourceRule: AttributeRule = { type: "string", required: true, pattern: resourcePattern };
const idempotencyKeyRule: AttributeRule = { type: "string", required: true, pattern: idempotencyKeyPattern };
const dialectRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.sink_config.dialect };
const namespaceRule: AttributeRule = { type: "string", pattern: namespacePattern };
const environmentRule: AttributeRule = { type: "string", pattern: schemaNamePattern };
const operationRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.migration_attempt.operation };
const outcomeRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.migration_attempt.outcome };
const checksumRule: AttributeRule = { type: "string", pattern: fingerprintPattern };
const actionRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.auto_create_log_entry.action };
const roleRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.api_key.role };
const schemaYamlVersionRule: AttributeRule = { type: "string", required: true, pattern: schemaYamlVersionPattern };
const stateRule2: AttributeRule = { type: "enum", values: ATTRIBUTE_ENUMS.registry_meta.state };
const migrationToVersionRule: AttributeRule = { type: "string", pattern: schemaYamlVersionPattern };
const migrationStartedAtRule: AttributeRule = { type: "string", pattern: timestampPattern };

// What writing and reading items of each record type needs: its entity identifiers, the rules of its
// attributes (those the ElectroDB entities state) and its key builder. lib/dynamo/items.ts builds and
// reads items from them as the entities do, without loading ElectroDB. One constant per record type, so
// that a function's bundle holds only the record types (and key builders) its stores use.

/** What writing and reading schema items needs. */
export const schemaRules: RecordRules<RecordItems["schema"]> = {
  entity: "schema",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    name: nameRule,
    latest_version: requiredNumberRule,
    latest_version_id: latestVersionIdRule,
    engine: engineRule,
    compatibility: compatibilityRule,
    open_content_model: openContentModelRule,
    default_dialect: defaultDialectRule,
    state: stateRule,
    description: stringRule,
    payload_shards: numberRule,
    created_at: createdAtRule,
    updated_at: createdAtRule,
    created_by: requiredStringRule,
  },
  keys: schemaKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(schemaKeys.primary),
};

/** What writing and reading schema_version items needs. */
export const schemaVersionRules: RecordRules<RecordItems["schema_version"]> = {
  entity: "schema_version",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    name: nameRule,
    version: requiredNumberRule,
    engine: engineRule,
    definition: requiredStringRule,
    fingerprint: fingerprintRule,
    dialect: stringRule,
    description: stringRule,
    state: stateRule,
    state_changed_at: stringRule,
    references: stringRule,
    referrer_token: referrerTokenRule,
    created_at: createdAtRule,
    created_by: requiredStringRule,
  },
  keys: schemaVersionKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(schemaVersionKeys.primary),
};

/** What writing and reading schema_fingerprint items needs. */
export const schemaFingerprintRules: RecordRules<RecordItems["schema_fingerprint"]> = {
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

/** What writing and reading schema_reference items needs. */
export const schemaReferenceRules: RecordRules<RecordItems["schema_reference"]> = {
  entity: "schema_reference",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    referenced_id: latestVersionIdRule,
    referrer_id: latestVersionIdRule,
    referrer_name: nameRule,
    referrer_version: requiredNumberRule,
    uri: requiredStringRule,
    created_at: createdAtRule,
  },
  keys: schemaReferenceKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(schemaReferenceKeys.primary),
};

/** What writing and reading ccompat_schema_id items needs. */
export const ccompatSchemaIdRules: RecordRules<RecordItems["ccompat_schema_id"]> = {
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

/** What writing and reading ccompat_subject items needs. */
export const ccompatSubjectRules: RecordRules<RecordItems["ccompat_subject"]> = {
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

/** What writing and reading ccompat_id_counter items needs. */
export const ccompatIdCounterRules: RecordRules<RecordItems["ccompat_id_counter"]> = {
  entity: "ccompat_id_counter",
  version: "1",
  attributes: {
    shard: requiredNumberRule,
    next: requiredNumberRule,
  },
  keys: ccompatIdCounterKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(ccompatIdCounterKeys.primary),
};

/** What writing and reading payload items needs. */
export const payloadRules: RecordRules<RecordItems["payload"]> = {
  entity: "payload",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    shard: shardRule,
    schema_ref: latestVersionIdRule,
    schema_name: nameRule,
    schema_version: requiredNumberRule,
    data: requiredStringRule,
    meta: stringRule,
    revision: numberRule,
    updated_at: stringRule,
    updated_by: stringRule,
    indexed_fields: stringRule,
    created_at: createdAtRule,
    created_by: requiredStringRule,
  },
  keys: payloadKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(payloadKeys.primary),
};

/** What writing and reading payload_revision items needs. */
export const payloadRevisionRules: RecordRules<RecordItems["payload_revision"]> = {
  entity: "payload_revision",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    revision: requiredNumberRule,
    schema_ref: latestVersionIdRule,
    schema_name: nameRule,
    schema_version: requiredNumberRule,
    data: requiredStringRule,
    meta: stringRule,
    written_at: createdAtRule,
    written_by: requiredStringRule,
    replaced_at: createdAtRule,
    replaced_by: requiredStringRule,
  },
  keys: payloadRevisionKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(payloadRevisionKeys.primary),
};

/** What writing and reading payload_deletion items needs. */
export const payloadDeletionRules: RecordRules<RecordItems["payload_deletion"]> = {
  entity: "payload_deletion",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    schema_name: nameRule,
    last_revision: requiredNumberRule,
    deleted_at: createdAtRule,
    deleted_by: requiredStringRule,
    erased_at: stringRule,
    erased_by: stringRule,
  },
  keys: payloadDeletionKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(payloadDeletionKeys.primary),
};

/** What writing and reading payload_index_entry items needs. */
export const payloadIndexEntryRules: RecordRules<RecordItems["payload_index_entry"]> = {
  entity: "payload_index_entry",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    schema_name: nameRule,
    field: fieldRule,
    value: requiredStringRule,
    id: latestVersionIdRule,
    schema_ref: latestVersionIdRule,
    schema_version: requiredNumberRule,
    data: requiredStringRule,
    meta: stringRule,
    revision: requiredNumberRule,
    created_at: createdAtRule,
    created_by: requiredStringRule,
    updated_at: stringRule,
    updated_by: stringRule,
  },
  keys: payloadIndexEntryKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(payloadIndexEntryKeys.primary),
};

/** What writing and reading payload_index_backfill items needs. */
export const payloadIndexBackfillRules: RecordRules<RecordItems["payload_index_backfill"]> = {
  entity: "payload_index_backfill",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    schema_name: nameRule,
    schema_ref: latestVersionIdRule,
    status: statusRule,
    cursor: stringRule,
    scanned: requiredNumberRule,
    indexed: requiredNumberRule,
    started_at: createdAtRule,
    updated_at: createdAtRule,
    started_by: requiredStringRule,
  },
  keys: payloadIndexBackfillKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(payloadIndexBackfillKeys.primary),
};

/** What writing and reading schema_request items needs. */
export const schemaRequestRules: RecordRules<RecordItems["schema_request"]> = {
  entity: "schema_request",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    schema_name: nameRule,
    status: statusRule2,
    requester: requiredStringRule,
    risk: riskRule,
    description: stringRule,
    justification: stringRule,
    related_issue: stringRule,
    proposal: requiredStringRule,
    review: stringRule,
    schema_ref: referrerTokenRule,
    decided_by: stringRule,
    decision_comment: stringRule,
    auto_reviewed_at: stringRule,
    migrations: stringRule,
    environment_approvals: stringRule,
    created_at: createdAtRule,
    updated_at: createdAtRule,
  },
  keys: schemaRequestKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(schemaRequestKeys.primary),
};

/** What writing and reading audit_event items needs. */
export const auditEventRules: RecordRules<RecordItems["audit_event"]> = {
  entity: "audit_event",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    at: createdAtRule,
    actor: requiredStringRule,
    action: requiredStringRule,
    entity_type: entityTypeRule,
    entity_id: requiredStringRule,
    before: stringRule,
    after: stringRule,
    details: stringRule,
  },
  keys: auditEventKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(auditEventKeys.primary),
};

/** What writing and reading notification items needs. */
export const notificationRules: RecordRules<RecordItems["notification"]> = {
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

/** What writing and reading rate_limit_bucket items needs. */
export const rateLimitBucketRules: RecordRules<RecordItems["rate_limit_bucket"]> = {
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

/** What writing and reading idempotency_record items needs. */
export const idempotencyRecordRules: RecordRules<RecordItems["idempotency_record"]> = {
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

/** What writing and reading workspace_config items needs. */
export const workspaceConfigRules: RecordRules<RecordItems["workspace_config"]> = {
  entity: "workspace_config",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    compatibility: compatibilityRule,
    default_dialect: defaultDialectRule,
    refuse_warnings: stringRule,
    policies: stringRule,
    promotion: stringRule,
    updated_at: createdAtRule,
    updated_by: requiredStringRule,
  },
  keys: workspaceConfigKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(workspaceConfigKeys.primary),
};

/** What writing and reading sink_config items needs. */
export const sinkConfigRules: RecordRules<RecordItems["sink_config"]> = {
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

/** What writing and reading migration_attempt items needs. */
export const migrationAttemptRules: RecordRules<RecordItems["migration_attempt"]> = {
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

/** What writing and reading auto_create_log_entry items needs. */
export const autoCreateLogEntryRules: RecordRules<RecordItems["auto_create_log_entry"]> = {
  entity: "auto_create_log_entry",
  version: "1",
  attributes: {
    id: latestVersionIdRule,
    workspace_id: workspaceIdRule,
    request_id: latestVersionIdRule,
    schema_name: nameRule,
    table_name: nameRule,
    action: actionRule,
    sink: environmentRule,
    details: requiredStringRule,
    created_at: createdAtRule,
  },
  keys: autoCreateLogEntryKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(autoCreateLogEntryKeys.primary),
};

/** What writing and reading api_key items needs. */
export const apiKeyRules: RecordRules<RecordItems["api_key"]> = {
  entity: "api_key",
  version: "1",
  attributes: {
    workspace_id: workspaceIdRule,
    id: latestVersionIdRule,
    name: requiredStringRule,
    role: roleRule,
    secret_sha256: fingerprintRule,
    valid_until: stringRule,
    created_at: createdAtRule,
    created_by: requiredStringRule,
    revoked_at: stringRule,
    revoked_by: stringRule,
  },
  keys: apiKeyKeys.all,
  primaryKey: /* @__PURE__ */ primaryKeyOf(apiKeyKeys.primary),
};

/** What writing and reading registry_meta items needs. */
export const registryMetaRules: RecordRules<RecordItems["registry_meta"]> = {
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

/** Every record type's rules by its name, for code that goes through them all (the tests). */
export const RECORD_RULES = {
  schema: schemaRules,
  schema_version: schemaVersionRules,
  schema_fingerprint: schemaFingerprintRules,
  schema_reference: schemaReferenceRules,
  ccompat_schema_id: ccompatSchemaIdRules,
  ccompat_subject: ccompatSubjectRules,
  ccompat_id_counter: ccompatIdCounterRules,
  payload: payloadRules,
  payload_revision: payloadRevisionRules,
  payload_deletion: payloadDeletionRules,
  payload_index_entry: payloadIndexEntryRules,
  payload_index_backfill: payloadIndexBackfillRules,
  schema_request: schemaRequestRules,
  audit_event: auditEventRules,
  notification: notificationRules,
  rate_limit_bucket: rateLimitBucketRules,
  idempotency_record: idempotencyRecordRules,
  workspace_config: workspaceConfigRules,
  sink_config: sinkConfigRules,
  migration_attempt: migrationAttemptRules,
  auto_create_log_entry: autoCreateLogEntryRules,
  api_key: apiKeyRules,
  registry_meta: registryMetaRules,
} as const;
