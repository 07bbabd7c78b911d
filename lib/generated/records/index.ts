// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import { schemaRules } from './schema.js';
import { schemaVersionRules } from './schema_version.js';
import { schemaFingerprintRules } from './schema_fingerprint.js';
import { schemaReferenceRules } from './schema_reference.js';
import { ccompatSchemaIdRules } from './ccompat_schema_id.js';
import { ccompatSubjectRules } from './ccompat_subject.js';
import { ccompatIdCounterRules } from './ccompat_id_counter.js';
import { payloadRules } from './payload.js';
import { payloadRevisionRules } from './payload_revision.js';
import { payloadDeletionRules } from './payload_deletion.js';
import { payloadIndexEntryRules } from './payload_index_entry.js';
import { payloadIndexBackfillRules } from './payload_index_backfill.js';
import { schemaRequestRules } from './schema_request.js';
import { auditEventRules } from './audit_event.js';
import { notificationRules } from './notification.js';
import { rateLimitBucketRules } from './rate_limit_bucket.js';
import { idempotencyRecordRules } from './idempotency_record.js';
import { workspaceConfigRules } from './workspace_config.js';
import { sinkConfigRules } from './sink_config.js';
import { migrationAttemptRules } from './migration_attempt.js';
import { autoCreateLogEntryRules } from './auto_create_log_entry.js';
import { apiKeyRules } from './api_key.js';
import { registryMetaRules } from './registry_meta.js';
export * from './schema.js';
export * from './schema_version.js';
export * from './schema_fingerprint.js';
export * from './schema_reference.js';
export * from './ccompat_schema_id.js';
export * from './ccompat_subject.js';
export * from './ccompat_id_counter.js';
export * from './payload.js';
export * from './payload_revision.js';
export * from './payload_deletion.js';
export * from './payload_index_entry.js';
export * from './payload_index_backfill.js';
export * from './schema_request.js';
export * from './audit_event.js';
export * from './notification.js';
export * from './rate_limit_bucket.js';
export * from './idempotency_record.js';
export * from './workspace_config.js';
export * from './sink_config.js';
export * from './migration_attempt.js';
export * from './auto_create_log_entry.js';
export * from './api_key.js';
export * from './registry_meta.js';

/** Every record type's rules by its name, for code that goes through them all (tests, tools); a function imports the modules it uses. */
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
