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

/**
 * What writing and reading items of each record type needs: its entity identifiers, the rules of its
 * attributes (those the ElectroDB entities state) and its key builder. lib/dynamo/items.ts builds and
 * reads items from it as the entities do, without loading ElectroDB.
 */
export const RECORD_RULES: { [K in keyof RecordItems]: RecordRules<RecordItems[K]> } = {
  schema: {
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
    primaryKey: primaryKeyOf(schemaKeys.primary),
  },
  schema_version: {
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
    primaryKey: primaryKeyOf(schemaVersionKeys.primary),
  },
  schema_fingerprint: {
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
    primaryKey: primaryKeyOf(schemaFingerprintKeys.primary),
  },
  schema_reference: {
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
    primaryKey: primaryKeyOf(schemaReferenceKeys.primary),
  },
  ccompat_schema_id: {
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
    primaryKey: primaryKeyOf(ccompatSchemaIdKeys.primary),
  },
  ccompat_subject: {
    entity: "ccompat_subject",
    version: "1",
    attributes: {
      workspace_id: workspaceIdRule,
      name: nameRule,
      subject: subjectRule,
      created_at: createdAtRule,
    },
    keys: ccompatSubjectKeys.all,
    primaryKey: primaryKeyOf(ccompatSubjectKeys.primary),
  },
  ccompat_id_counter: {
    entity: "ccompat_id_counter",
    version: "1",
    attributes: {
      shard: requiredNumberRule,
      next: requiredNumberRule,
    },
    keys: ccompatIdCounterKeys.all,
    primaryKey: primaryKeyOf(ccompatIdCounterKeys.primary),
  },
  payload: {
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
    primaryKey: primaryKeyOf(payloadKeys.primary),
  },
  payload_revision: {
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
    primaryKey: primaryKeyOf(payloadRevisionKeys.primary),
  },
  payload_deletion: {
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
    primaryKey: primaryKeyOf(payloadDeletionKeys.primary),
  },
  payload_index_entry: {
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
    primaryKey: primaryKeyOf(payloadIndexEntryKeys.primary),
  },
  payload_index_backfill: {
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
    primaryKey: primaryKeyOf(payloadIndexBackfillKeys.primary),
  },
  schema_request: {
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
    primaryKey: primaryKeyOf(schemaRequestKeys.primary),
  },
  audit_event: {
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
    primaryKey: primaryKeyOf(auditEventKeys.primary),
  },
  notification: {
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
    primaryKey: primaryKeyOf(notificationKeys.primary),
  },
  rate_limit_bucket: {
    entity: "rate_limit_bucket",
    version: "1",
    attributes: {
      principal: requiredStringRule,
      resource: resourceRule,
      last_refill_ms: requiredNumberRule,
    },
    keys: rateLimitBucketKeys.all,
    primaryKey: primaryKeyOf(rateLimitBucketKeys.primary),
  },
  idempotency_record: {
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
    primaryKey: primaryKeyOf(idempotencyRecordKeys.primary),
  },
  workspace_config: {
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
    primaryKey: primaryKeyOf(workspaceConfigKeys.primary),
  },
  sink_config: {
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
    primaryKey: primaryKeyOf(sinkConfigKeys.primary),
  },
  migration_attempt: {
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
    primaryKey: primaryKeyOf(migrationAttemptKeys.primary),
  },
  auto_create_log_entry: {
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
    primaryKey: primaryKeyOf(autoCreateLogEntryKeys.primary),
  },
  api_key: {
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
    primaryKey: primaryKeyOf(apiKeyKeys.primary),
  },
  registry_meta: {
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
    primaryKey: primaryKeyOf(registryMetaKeys.primary),
  },
};
