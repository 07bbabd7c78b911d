// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Entity } from 'electrodb';
import { once } from '../util/once.js';

/** What the generated entities need: the client, the table name, and the injected clock and id generator. */
export interface EntityDeps {
  client: DynamoDBDocumentClient;
  table: string;
  now: () => Date;
  newId: () => string;
}

/**
 * ElectroDB entities for every record type, with explicit key templates and no case change. Each is built
 * on first use: building them all cost a cold start tens of milliseconds, and a function uses a few.
 */
export function createEntities(deps: EntityDeps) {
  const now = () => deps.now().toISOString();
  const config = { client: deps.client, table: deps.table };
  const schemaEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "schema", version: "1", service: "schema_registry" },
          attributes: {
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            latest_version: { type: "number", required: true },
            latest_version_id: { type: "string", required: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            engine: { type: "string", required: true, readOnly: true, default: "json-schema", validate: new RegExp("^[a-z][a-z0-9-]{0,31}$") },
            compatibility: { type: ["NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"] as const },
            open_content_model: { type: ["lenient", "strict"] as const },
            default_dialect: { type: ["2020-12", "draft-07"] as const },
            state: { type: ["active", "deprecated", "disabled"] as const, required: true, default: "active" },
            description: { type: "string" },
            payload_shards: { type: "number" },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            updated_at: { type: "string", required: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            created_by: { type: "string", required: true, readOnly: true },
          },
          indexes: {
            schema_by_name: {
              pk: { field: "PK", composite: ["workspace_id","name"], template: "WS#${workspace_id}#SCHEMA#${name}", casing: "none" },
              sk: { field: "SK", composite: [], template: "HEAD", casing: "none" },
            },
            schemas_by_workspace: {
              index: "GSI2",
              pk: { field: "GSI2PK", composite: ["workspace_id"], template: "WS#${workspace_id}#SCHEMAS", casing: "none" },
              sk: { field: "GSI2SK", composite: ["name"], template: "SCHEMA#${name}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const schema_versionEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "schema_version", version: "1", service: "schema_registry" },
          attributes: {
            id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            version: { type: "number", required: true, readOnly: true, padding: { length: 10, char: "0" } },
            engine: { type: "string", required: true, readOnly: true, default: "json-schema", validate: new RegExp("^[a-z][a-z0-9-]{0,31}$") },
            definition: { type: "string", required: true, readOnly: true },
            fingerprint: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9a-f]{64}$") },
            dialect: { type: "string", readOnly: true },
            description: { type: "string", readOnly: true },
            state: { type: ["active", "deprecated", "disabled"] as const, required: true, default: "active" },
            state_changed_at: { type: "string" },
            references: { type: "string", readOnly: true },
            referrer_token: { type: "string", validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            created_by: { type: "string", required: true, readOnly: true },
          },
          indexes: {
            schema_versions_by_schema: {
              pk: { field: "PK", composite: ["workspace_id","name"], template: "WS#${workspace_id}#SCHEMA#${name}", casing: "none" },
              sk: { field: "SK", composite: ["version"], template: "VERSION#${version}", casing: "none" },
            },
            schema_version_by_id: {
              index: "GSI1",
              pk: { field: "GSI1PK", composite: ["id"], template: "SCHEMA_VERSION#${id}", casing: "none" },
              sk: { field: "GSI1SK", composite: [], template: "SCHEMA_VERSION", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const schema_fingerprintEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "schema_fingerprint", version: "1", service: "schema_registry" },
          attributes: {
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            fingerprint: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9a-f]{64}$") },
            schema_version_id: { type: "string", required: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            version: { type: "number", required: true },
          },
          indexes: {
            schema_fingerprint_by_schema: {
              pk: { field: "PK", composite: ["workspace_id","name"], template: "WS#${workspace_id}#SCHEMA#${name}", casing: "none" },
              sk: { field: "SK", composite: ["fingerprint"], template: "FINGERPRINT#${fingerprint}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const schema_referenceEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "schema_reference", version: "1", service: "schema_registry" },
          attributes: {
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            referenced_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            referrer_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            referrer_name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            referrer_version: { type: "number", required: true, readOnly: true },
            uri: { type: "string", required: true, readOnly: true },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
          },
          indexes: {
            schema_references_by_referenced: {
              pk: { field: "PK", composite: ["workspace_id","referenced_id"], template: "WS#${workspace_id}#SCHEMA_VERSION#${referenced_id}", casing: "none" },
              sk: { field: "SK", composite: ["referrer_id"], template: "REFERENCED_BY#${referrer_id}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const ccompat_schema_idEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "ccompat_schema_id", version: "1", service: "schema_registry" },
          attributes: {
            id: { type: "number", required: true, readOnly: true, padding: { length: 12, char: "0" } },
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            engine: { type: "string", required: true, readOnly: true, default: "json-schema", validate: new RegExp("^[a-z][a-z0-9-]{0,31}$") },
            fingerprint: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9a-f]{64}$") },
            name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            version: { type: "number", required: true, readOnly: true },
            schema_version_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
          },
          indexes: {
            ccompat_id_by_content: {
              pk: { field: "PK", composite: ["workspace_id","engine","fingerprint"], template: "WS#${workspace_id}#CCOMPAT_ID#${engine}#${fingerprint}", casing: "none" },
              sk: { field: "SK", composite: [], template: "CCOMPAT_ID", casing: "none" },
            },
            ccompat_id_by_id: {
              index: "GSI1",
              pk: { field: "GSI1PK", composite: ["id"], template: "CCOMPAT_ID#${id}", casing: "none" },
              sk: { field: "GSI1SK", composite: [], template: "CCOMPAT_ID", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const ccompat_subjectEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "ccompat_subject", version: "1", service: "schema_registry" },
          attributes: {
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            subject: { type: "string", required: true, readOnly: true, validate: new RegExp("^[A-Za-z][A-Za-z0-9_.-]{0,62}$") },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
          },
          indexes: {
            ccompat_subject_by_schema: {
              pk: { field: "PK", composite: ["workspace_id","name"], template: "WS#${workspace_id}#SCHEMA#${name}", casing: "none" },
              sk: { field: "SK", composite: [], template: "CCOMPAT_SUBJECT", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const ccompat_id_counterEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "ccompat_id_counter", version: "1", service: "schema_registry" },
          attributes: {
            shard: { type: "number", required: true, readOnly: true, padding: { length: 2, char: "0" } },
            next: { type: "number", required: true },
          },
          indexes: {
            ccompat_counter_shard: {
              pk: { field: "PK", composite: ["shard"], template: "CCOMPAT_COUNTER#${shard}", casing: "none" },
              sk: { field: "SK", composite: [], template: "CCOMPAT_COUNTER", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const payloadEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "payload", version: "1", service: "schema_registry" },
          attributes: {
            id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            shard: { type: "number", required: true, readOnly: true, default: 0, padding: { length: 2, char: "0" } },
            schema_ref: { type: "string", required: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            schema_name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            schema_version: { type: "number", required: true },
            data: { type: "string", required: true },
            meta: { type: "string" },
            revision: { type: "number" },
            updated_at: { type: "string" },
            updated_by: { type: "string" },
            indexed_fields: { type: "string" },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            created_by: { type: "string", required: true, readOnly: true },
          },
          indexes: {
            payload_by_key: {
              pk: { field: "PK", composite: ["workspace_id","id"], template: "WS#${workspace_id}#PAYLOAD#${id}", casing: "none" },
              sk: { field: "SK", composite: [], template: "PAYLOAD", casing: "none" },
            },
            payloads_by_schema_name: {
              index: "GSI4",
              pk: { field: "GSI4PK", composite: ["workspace_id","schema_name","shard"], template: "WS#${workspace_id}#SCHEMA#${schema_name}#PAYLOADS#${shard}", casing: "none" },
              sk: { field: "GSI4SK", composite: ["id"], template: "PAYLOAD#${id}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const payload_revisionEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "payload_revision", version: "1", service: "schema_registry" },
          attributes: {
            id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            revision: { type: "number", required: true, readOnly: true, padding: { length: 10, char: "0" } },
            schema_ref: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            schema_name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            schema_version: { type: "number", required: true, readOnly: true },
            data: { type: "string", required: true, readOnly: true },
            meta: { type: "string", readOnly: true },
            written_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            written_by: { type: "string", required: true, readOnly: true },
            replaced_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            replaced_by: { type: "string", required: true, readOnly: true },
          },
          indexes: {
            payload_revisions_by_payload: {
              pk: { field: "PK", composite: ["workspace_id","id"], template: "WS#${workspace_id}#PAYLOAD#${id}", casing: "none" },
              sk: { field: "SK", composite: ["revision"], template: "REVISION#${revision}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const payload_deletionEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "payload_deletion", version: "1", service: "schema_registry" },
          attributes: {
            id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            schema_name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            last_revision: { type: "number", required: true, readOnly: true },
            deleted_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            deleted_by: { type: "string", required: true, readOnly: true },
            erased_at: { type: "string" },
            erased_by: { type: "string" },
          },
          indexes: {
            payload_deletion_by_payload: {
              pk: { field: "PK", composite: ["workspace_id","id"], template: "WS#${workspace_id}#PAYLOAD#${id}", casing: "none" },
              sk: { field: "SK", composite: [], template: "DELETED", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const payload_index_entryEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "payload_index_entry", version: "1", service: "schema_registry" },
          attributes: {
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            schema_name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            field: { type: "string", required: true, readOnly: true, validate: new RegExp("^[A-Za-z_][A-Za-z0-9_]{0,62}$") },
            value: { type: "string", required: true, readOnly: true },
            id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            schema_ref: { type: "string", required: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            schema_version: { type: "number", required: true },
            data: { type: "string", required: true },
            meta: { type: "string" },
            revision: { type: "number", required: true },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            created_by: { type: "string", required: true, readOnly: true },
            updated_at: { type: "string" },
            updated_by: { type: "string" },
          },
          indexes: {
            payload_index_entries_by_value: {
              pk: { field: "PK", composite: ["workspace_id","schema_name","field"], template: "WS#${workspace_id}#SCHEMA#${schema_name}#INDEX#${field}", casing: "none" },
              sk: { field: "SK", composite: ["value","id"], template: "VALUE#${value}#PAYLOAD#${id}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const payload_index_backfillEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "payload_index_backfill", version: "1", service: "schema_registry" },
          attributes: {
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            schema_name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            schema_ref: { type: "string", required: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            status: { type: ["running", "done"] as const, required: true },
            cursor: { type: "string" },
            scanned: { type: "number", required: true },
            indexed: { type: "number", required: true },
            started_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            updated_at: { type: "string", required: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            started_by: { type: "string", required: true, readOnly: true },
          },
          indexes: {
            payload_index_backfill_by_version: {
              pk: { field: "PK", composite: ["workspace_id","schema_name","schema_ref"], template: "WS#${workspace_id}#SCHEMA#${schema_name}#BACKFILL#${schema_ref}", casing: "none" },
              sk: { field: "SK", composite: [], template: "BACKFILL", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const schema_requestEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "schema_request", version: "1", service: "schema_registry" },
          attributes: {
            id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            schema_name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            status: { type: ["draft", "pending", "approved", "rejected", "withdrawn", "migrated", "migration_failed", "rolled_back"] as const, required: true },
            requester: { type: "string", required: true, readOnly: true },
            risk: { type: ["low", "moderate", "high"] as const },
            description: { type: "string" },
            justification: { type: "string" },
            related_issue: { type: "string" },
            proposal: { type: "string", required: true, readOnly: true },
            review: { type: "string" },
            schema_ref: { type: "string", validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            decided_by: { type: "string" },
            decision_comment: { type: "string" },
            auto_reviewed_at: { type: "string" },
            migrations: { type: "string" },
            environment_approvals: { type: "string" },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            updated_at: { type: "string", required: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
          },
          indexes: {
            schema_request_primary: {
              pk: { field: "PK", composite: ["workspace_id","id"], template: "WS#${workspace_id}#REQUEST#${id}", casing: "none" },
              sk: { field: "SK", composite: [], template: "REQUEST", casing: "none" },
            },
            schema_request_by_id: {
              index: "GSI1",
              pk: { field: "GSI1PK", composite: ["id"], template: "REQUEST#${id}", casing: "none" },
              sk: { field: "GSI1SK", composite: [], template: "REQUEST", casing: "none" },
            },
            schema_requests_by_status: {
              index: "GSI2",
              pk: { field: "GSI2PK", composite: ["status"], template: "REQUESTS#${status}", casing: "none" },
              sk: { field: "GSI2SK", composite: ["workspace_id","id"], template: "WS#${workspace_id}#REQUEST#${id}", casing: "none" },
            },
            schema_requests_by_requester: {
              index: "GSI3",
              pk: { field: "GSI3PK", composite: ["workspace_id","requester"], template: "WS#${workspace_id}#REQUESTER#${requester}", casing: "none" },
              sk: { field: "GSI3SK", composite: ["id"], template: "REQUEST#${id}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const audit_eventEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "audit_event", version: "1", service: "schema_registry" },
          attributes: {
            id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            actor: { type: "string", required: true, readOnly: true },
            action: { type: "string", required: true, readOnly: true },
            entity_type: { type: ["schema", "schema_version", "schema_request", "workspace", "sink", "payload", "api_key"] as const, required: true, readOnly: true },
            entity_id: { type: "string", required: true, readOnly: true },
            before: { type: "string", readOnly: true },
            after: { type: "string", readOnly: true },
            details: { type: "string", readOnly: true },
          },
          indexes: {
            audit_events_by_entity: {
              pk: { field: "PK", composite: ["workspace_id","entity_type","entity_id"], template: "WS#${workspace_id}#AUDIT#${entity_type}#${entity_id}", casing: "none" },
              sk: { field: "SK", composite: ["id"], template: "AUDIT#${id}", casing: "none" },
            },
            audit_events_by_workspace: {
              index: "GSI2",
              pk: { field: "GSI2PK", composite: ["workspace_id"], template: "WS#${workspace_id}#AUDIT", casing: "none" },
              sk: { field: "GSI2SK", composite: ["id"], template: "AUDIT#${id}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const notificationEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "notification", version: "1", service: "schema_registry" },
          attributes: {
            id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            user_id: { type: "string", required: true, readOnly: true },
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            kind: { type: "string", required: true, readOnly: true },
            subject: { type: "string", required: true, readOnly: true },
            delivered: { type: "boolean", required: true, default: false },
            delivery_channel: { type: "string", required: true, default: "api" },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
          },
          indexes: {
            notifications_by_user: {
              pk: { field: "PK", composite: ["user_id"], template: "USER#${user_id}", casing: "none" },
              sk: { field: "SK", composite: ["id"], template: "NOTIFICATION#${id}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const rate_limit_bucketEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "rate_limit_bucket", version: "1", service: "schema_registry" },
          attributes: {
            principal: { type: "string", required: true, readOnly: true },
            resource: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_.]{0,63}$") },
            last_refill_ms: { type: "number", required: true },
          },
          indexes: {
            rate_limit_bucket_by_principal: {
              pk: { field: "PK", composite: ["principal"], template: "PRINCIPAL#${principal}", casing: "none" },
              sk: { field: "SK", composite: ["resource"], template: "BUCKET#${resource}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const idempotency_recordEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "idempotency_record", version: "1", service: "schema_registry" },
          attributes: {
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            principal: { type: "string", required: true, readOnly: true },
            idempotency_key: { type: "string", required: true, readOnly: true, validate: new RegExp("^[A-Za-z0-9_.:-]{1,128}$") },
            request_hash: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9a-f]{64}$") },
            response_status: { type: "number", required: true, readOnly: true },
            response_body: { type: "string", required: true, readOnly: true },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            expires_at: { type: "number", required: true, readOnly: true },
          },
          indexes: {
            idempotency_record_by_key: {
              pk: { field: "PK", composite: ["workspace_id","principal","idempotency_key"], template: "WS#${workspace_id}#IDEMPOTENCY#${principal}#${idempotency_key}", casing: "none" },
              sk: { field: "SK", composite: [], template: "IDEMPOTENCY", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const workspace_configEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "workspace_config", version: "1", service: "schema_registry" },
          attributes: {
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            compatibility: { type: ["NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"] as const },
            default_dialect: { type: ["2020-12", "draft-07"] as const },
            refuse_warnings: { type: "string" },
            policies: { type: "string" },
            promotion: { type: "string" },
            updated_at: { type: "string", required: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            updated_by: { type: "string", required: true },
          },
          indexes: {
            workspace_config_by_id: {
              pk: { field: "PK", composite: ["workspace_id"], template: "WS#${workspace_id}", casing: "none" },
              sk: { field: "SK", composite: [], template: "CONFIG", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const sink_configEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "sink_config", version: "1", service: "schema_registry" },
          attributes: {
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            dialect: { type: ["postgres", "sqlite", "mysql"] as const, required: true },
            connection: { type: "string", required: true },
            namespace: { type: "string", validate: new RegExp("^[a-z_][a-z0-9_]{0,62}$") },
            apply_on_approval: { type: "boolean", required: true, default: false },
            environment: { type: "string", validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            order: { type: "number" },
            deleted_at: { type: "string" },
            updated_at: { type: "string", required: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            updated_by: { type: "string", required: true },
          },
          indexes: {
            sinks_by_workspace: {
              pk: { field: "PK", composite: ["workspace_id"], template: "WS#${workspace_id}#SINKS", casing: "none" },
              sk: { field: "SK", composite: ["name"], template: "SINK#${name}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const migration_attemptEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "migration_attempt", version: "1", service: "schema_registry" },
          attributes: {
            id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            sink: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            request_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            schema_name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            schema_version: { type: "number", required: true, readOnly: true },
            operation: { type: ["apply", "rollback"] as const, required: true, readOnly: true },
            outcome: { type: ["applied", "rolled_back", "unchanged", "failed", "waiting", "blocked", "synced"] as const, required: true, readOnly: true },
            dialect: { type: ["postgres", "sqlite", "mysql"] as const, required: true, readOnly: true },
            statements: { type: "string", required: true, readOnly: true },
            checksum: { type: "string", readOnly: true, validate: new RegExp("^[0-9a-f]{64}$") },
            duration_ms: { type: "number", required: true, readOnly: true },
            error: { type: "string", readOnly: true },
            failed_statement: { type: "string", readOnly: true },
            actor: { type: "string", required: true, readOnly: true },
            at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
          },
          indexes: {
            migration_attempts_by_sink: {
              pk: { field: "PK", composite: ["workspace_id","sink"], template: "WS#${workspace_id}#SINK#${sink}", casing: "none" },
              sk: { field: "SK", composite: ["id"], template: "ATTEMPT#${id}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const auto_create_log_entryEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "auto_create_log_entry", version: "1", service: "schema_registry" },
          attributes: {
            id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            request_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            schema_name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            table_name: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            action: { type: ["created", "skipped", "failed"] as const, required: true, readOnly: true },
            sink: { type: "string", readOnly: true, validate: new RegExp("^[a-z][a-z0-9_]{0,62}$") },
            details: { type: "string", required: true, readOnly: true },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
          },
          indexes: {
            auto_create_log_by_workspace: {
              pk: { field: "PK", composite: ["workspace_id"], template: "WS#${workspace_id}#AUTO_CREATE", casing: "none" },
              sk: { field: "SK", composite: ["id"], template: "AUTO_CREATE#${id}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const api_keyEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "api_key", version: "1", service: "schema_registry" },
          attributes: {
            workspace_id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[a-z0-9][a-z0-9-]{0,62}$") },
            id: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9A-HJKMNP-TV-Z]{26}$") },
            name: { type: "string", required: true, readOnly: true },
            role: { type: ["reader", "writer", "reviewer", "admin"] as const, required: true, readOnly: true },
            secret_sha256: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9a-f]{64}$") },
            valid_until: { type: "string", readOnly: true },
            created_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            created_by: { type: "string", required: true, readOnly: true },
            revoked_at: { type: "string" },
            revoked_by: { type: "string" },
          },
          indexes: {
            api_keys_by_workspace: {
              pk: { field: "PK", composite: ["workspace_id"], template: "WS#${workspace_id}#APIKEYS", casing: "none" },
              sk: { field: "SK", composite: ["id"], template: "APIKEY#${id}", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  const registry_metaEntity = once(
    () =>
      new Entity(
        {
          model: { entity: "registry_meta", version: "1", service: "schema_registry" },
          attributes: {
            schema_yaml_version: { type: "string", required: true, validate: new RegExp("^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$") },
            schema_yaml_hash: { type: "string", required: true, readOnly: true, validate: new RegExp("^[0-9a-f]{64}$") },
            recorded_at: { type: "string", required: true, readOnly: true, default: now, validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            recorded_by: { type: "string", required: true, readOnly: true },
            state: { type: ["active", "migrating", "migrated"] as const },
            migration_to_version: { type: "string", validate: new RegExp("^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$") },
            migration_to_hash: { type: "string", validate: new RegExp("^[0-9a-f]{64}$") },
            migration_table: { type: "string" },
            migration_started_at: { type: "string", validate: new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$") },
            migration_started_by: { type: "string" },
          },
          indexes: {
            registry_meta_item: {
              pk: { field: "PK", composite: [], template: "REGISTRY", casing: "none" },
              sk: { field: "SK", composite: [], template: "DESIGN", casing: "none" },
            },
          },
        },
        config,
      ),
  );
  return {
    get schema() { return schemaEntity(); },
    get schema_version() { return schema_versionEntity(); },
    get schema_fingerprint() { return schema_fingerprintEntity(); },
    get schema_reference() { return schema_referenceEntity(); },
    get ccompat_schema_id() { return ccompat_schema_idEntity(); },
    get ccompat_subject() { return ccompat_subjectEntity(); },
    get ccompat_id_counter() { return ccompat_id_counterEntity(); },
    get payload() { return payloadEntity(); },
    get payload_revision() { return payload_revisionEntity(); },
    get payload_deletion() { return payload_deletionEntity(); },
    get payload_index_entry() { return payload_index_entryEntity(); },
    get payload_index_backfill() { return payload_index_backfillEntity(); },
    get schema_request() { return schema_requestEntity(); },
    get audit_event() { return audit_eventEntity(); },
    get notification() { return notificationEntity(); },
    get rate_limit_bucket() { return rate_limit_bucketEntity(); },
    get idempotency_record() { return idempotency_recordEntity(); },
    get workspace_config() { return workspace_configEntity(); },
    get sink_config() { return sink_configEntity(); },
    get migration_attempt() { return migration_attemptEntity(); },
    get auto_create_log_entry() { return auto_create_log_entryEntity(); },
    get api_key() { return api_keyEntity(); },
    get registry_meta() { return registry_metaEntity(); },
  };
}
export type Entities = ReturnType<typeof createEntities>;

