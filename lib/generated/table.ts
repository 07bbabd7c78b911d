// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from '@aws-sdk/client-dynamodb';

export const TABLE_DESIGN = {
  version: "3.0.0",
  hash: "11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820",
  tableName: "schema-registry",
  separator: "#",
  ttlAttribute: "expires_at",
  entityIdentifiers: {"entity":"__edb_e__","version":"__edb_v__"},
} as const;

export const PREFIXES = {"workspace":"WS","schema":"SCHEMA","schemas":"SCHEMAS","head":"HEAD","version":"VERSION","schema_version":"SCHEMA_VERSION","fingerprint":"FINGERPRINT","payload":"PAYLOAD","payloads":"PAYLOADS","request":"REQUEST","requests":"REQUESTS","requester":"REQUESTER","audit":"AUDIT","user":"USER","notification":"NOTIFICATION","principal":"PRINCIPAL","bucket":"BUCKET","idempotency":"IDEMPOTENCY","config":"CONFIG","registry":"REGISTRY","design":"DESIGN","referenced_by":"REFERENCED_BY","ccompat_id":"CCOMPAT_ID","ccompat_counter":"CCOMPAT_COUNTER","ccompat_subject":"CCOMPAT_SUBJECT","sink":"SINK","sinks":"SINKS","attempt":"ATTEMPT","auto_create":"AUTO_CREATE","revision":"REVISION","deleted":"DELETED","index":"INDEX","value":"VALUE","backfill":"BACKFILL","api_key":"APIKEY","api_keys":"APIKEYS"} as const;

/** The value rules of schema.yaml's shared attributes, for code that checks the same values before they reach a key. */
export const SHARED_ATTRIBUTES = {
  workspace_id: {"pattern":"^[a-z0-9][a-z0-9-]{0,62}$","maxLength":63},
  schema_name: {"pattern":"^[a-z][a-z0-9_]{0,62}$","maxLength":63},
  ulid: {"pattern":"^[0-9A-HJKMNP-TV-Z]{26}$","maxLength":26},
  principal: {"maxLength":256},
  timestamp: {"pattern":"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$","maxLength":24},
  fingerprint: {"pattern":"^[0-9a-f]{64}$","maxLength":64},
  engine: {"pattern":"^[a-z][a-z0-9-]{0,31}$","maxLength":32},
} as const;

/** The allowed values of every enumerated attribute, per record type, for contracts that accept the same values. */
export const ATTRIBUTE_ENUMS = {
  schema: { compatibility: ["NONE","BACKWARD","BACKWARD_TRANSITIVE","FORWARD","FORWARD_TRANSITIVE","FULL","FULL_TRANSITIVE"], open_content_model: ["lenient","strict"], default_dialect: ["2020-12","draft-07"], state: ["active","deprecated","disabled"] },
  schema_version: { state: ["active","deprecated","disabled"] },
  payload_index_backfill: { status: ["running","done"] },
  schema_request: { status: ["draft","pending","approved","rejected","withdrawn","migrated","migration_failed","rolled_back"], risk: ["low","moderate","high"] },
  audit_event: { entity_type: ["schema","schema_version","schema_request","workspace","sink","payload","api_key"] },
  workspace_config: { compatibility: ["NONE","BACKWARD","BACKWARD_TRANSITIVE","FORWARD","FORWARD_TRANSITIVE","FULL","FULL_TRANSITIVE"], default_dialect: ["2020-12","draft-07"] },
  sink_config: { dialect: ["postgres","sqlite","mysql"] },
  migration_attempt: { operation: ["apply","rollback"], outcome: ["applied","rolled_back","unchanged","failed","waiting","blocked","synced"], dialect: ["postgres","sqlite","mysql"] },
  auto_create_log_entry: { action: ["created","skipped","failed"] },
  api_key: { role: ["reader","writer","reviewer","admin"] },
  registry_meta: { state: ["active","migrating","migrated"] },
} as const;

/** Key attribute names of the primary index and every GSI. */
export const INDEXES = {
  primary: { partitionKey: "PK", sortKey: "SK" },
  GSI1: { partitionKey: "GSI1PK", sortKey: "GSI1SK" },
  GSI2: { partitionKey: "GSI2PK", sortKey: "GSI2SK" },
  GSI3: { partitionKey: "GSI3PK", sortKey: "GSI3SK" },
  GSI4: { partitionKey: "GSI4PK", sortKey: "GSI4SK" },
} as const;
export type IndexName = keyof typeof INDEXES;

/** Every access pattern of schema.yaml: GetItem or Query, never Scan. */
export const ACCESS_PATTERNS = {
  /** The head of one schema (GetItem). */
  schema_by_name: { recordType: "schema", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** Every schema of a workspace by name; a name prefix narrows it. */
  schemas_by_workspace: { recordType: "schema", index: "GSI2", sortKey: "begins_with", order: "ascending", operation: "Query" },
  /** Every version of one schema, oldest first. */
  schema_versions_by_schema: { recordType: "schema_version", index: "primary", sortKey: "begins_with", order: "ascending", operation: "Query" },
  /** One version by its id. */
  schema_version_by_id: { recordType: "schema_version", index: "GSI1", sortKey: "equals", order: "ascending", operation: "Query" },
  /** The version of a schema that has a given fingerprint (GetItem). */
  schema_fingerprint_by_schema: { recordType: "schema_fingerprint", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** The versions that reference one version (its "used by" list). */
  schema_references_by_referenced: { recordType: "schema_reference", index: "primary", sortKey: "begins_with", order: "ascending", operation: "Query" },
  /** The integer id of one content of a workspace (GetItem, consistent). */
  ccompat_id_by_content: { recordType: "ccompat_schema_id", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** The content and first version of one integer id. */
  ccompat_id_by_id: { recordType: "ccompat_schema_id", index: "GSI1", sortKey: "equals", order: "ascending", operation: "Query" },
  /** The Confluent subject of one schema (GetItem). */
  ccompat_subject_by_schema: { recordType: "ccompat_subject", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** One counter shard (UpdateItem ADD). */
  ccompat_counter_shard: { recordType: "ccompat_id_counter", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** Payloads of every version of one schema in creation order: shards 0..payload_shards-1 queried and merged by id; the index holds metadata, so the documents come from one BatchGetItem per page. */
  payloads_by_schema_name: { recordType: "payload", index: "GSI4", sortKey: "begins_with", order: "ascending", operation: "Query" },
  /** Payloads of one schema version in creation order: the schema's listing filtered by schema_ref, so a page reads past the payloads of the schema's other versions (metadata only; see README, "Cost and capacity"). */
  payloads_by_schema_version: { recordType: "payload", index: "GSI4", sortKey: "begins_with", order: "ascending", operation: "Query" },
  /** One payload by workspace and id (GetItem, strongly consistent); what GET, PUT and DELETE /payloads/{id} read. */
  payload_by_key: { recordType: "payload", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** The earlier revisions of one payload, oldest first (what erasure deletes). */
  payload_revisions_by_payload: { recordType: "payload_revision", index: "primary", sortKey: "begins_with", order: "ascending", operation: "Query" },
  /** Whether and when a payload was deleted (GetItem). */
  payload_deletion_by_payload: { recordType: "payload_deletion", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** Payloads of a schema by one field's value: `VALUE#{value}#` for equality (creation order), or a partial value for a prefix (value order, then creation order). Strongly consistent. */
  payload_index_entries_by_value: { recordType: "payload_index_entry", index: "primary", sortKey: "begins_with", order: "ascending", operation: "Query" },
  /** The backfill progress of one version's indexes (GetItem). */
  payload_index_backfill_by_version: { recordType: "payload_index_backfill", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** One schema request by its id. */
  schema_request_by_id: { recordType: "schema_request", index: "GSI1", sortKey: "equals", order: "ascending", operation: "Query" },
  /** Requests in one status: a workspace's (begins_with WS#{workspace_id}#REQUEST#), newest first, or every workspace's, which is how the auto-approval worker finds pending requests without a Scan. Requests are rate-limited, so one partition per status stays small. */
  schema_requests_by_status: { recordType: "schema_request", index: "GSI2", sortKey: "begins_with", order: "descending", operation: "Query" },
  /** A workspace's requests by one requester, newest first. */
  schema_requests_by_requester: { recordType: "schema_request", index: "GSI3", sortKey: "begins_with", order: "descending", operation: "Query" },
  /** The history of one entity in time order. */
  audit_events_by_entity: { recordType: "audit_event", index: "primary", sortKey: "begins_with", order: "ascending", operation: "Query" },
  /** A workspace's audit feed in time order. */
  audit_events_by_workspace: { recordType: "audit_event", index: "GSI2", sortKey: "begins_with", order: "ascending", operation: "Query" },
  /** A user's notifications, newest first. */
  notifications_by_user: { recordType: "notification", index: "primary", sortKey: "begins_with", order: "descending", operation: "Query" },
  /** One principal's buckets for one resource (GetItem). */
  rate_limit_bucket_by_principal: { recordType: "rate_limit_bucket", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** The stored response for one idempotency key (GetItem). */
  idempotency_record_by_key: { recordType: "idempotency_record", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** A workspace's settings (GetItem). */
  workspace_config_by_id: { recordType: "workspace_config", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** The design record of the table (GetItem); read by every writer before its first write. */
  registry_meta_item: { recordType: "registry_meta", index: "primary", sortKey: "equals", order: "ascending", operation: "GetItem" },
  /** A workspace's sinks by name (one sink is a GetItem on the same key). */
  sinks_by_workspace: { recordType: "sink_config", index: "primary", sortKey: "begins_with", order: "ascending", operation: "Query" },
  /** Every apply and rollback on one sink, in time order. */
  migration_attempts_by_sink: { recordType: "migration_attempt", index: "primary", sortKey: "begins_with", order: "ascending", operation: "Query" },
  /** A workspace's auto-create log, newest first. */
  auto_create_log_by_workspace: { recordType: "auto_create_log_entry", index: "primary", sortKey: "begins_with", order: "descending", operation: "Query" },
  /** A workspace's API keys, oldest first (one key, read on every request that presents it, is a GetItem on the same key). */
  api_keys_by_workspace: { recordType: "api_key", index: "primary", sortKey: "begins_with", order: "ascending", operation: "Query" },
} as const;
export type AccessPatternName = keyof typeof ACCESS_PATTERNS;

/** The head of a schema: one per workspace and name. Points at the latest version and holds the settings that apply to every version (compatibility mode, state). */
export interface SchemaItem {
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  name: string;
  /** Number of the newest version. */
  latest_version: number;
  /** Id of the newest version. */
  latest_version_id: string;
  /** Name of the SchemaEngine that interprets the definition. */
  engine: string;
  /** Compatibility mode checked on every publish; absent means the workspace default. */
  compatibility?: "NONE" | "BACKWARD" | "BACKWARD_TRANSITIVE" | "FORWARD" | "FORWARD_TRANSITIVE" | "FULL" | "FULL_TRANSITIVE";
  /** How compatibility treats a property added to an open content model; absent means lenient. */
  open_content_model?: "lenient" | "strict";
  /** JSON Schema draft of definitions without $schema published to this schema; absent means the workspace default. */
  default_dialect?: "2020-12" | "draft-07";

  state: "active" | "deprecated" | "disabled";

  description?: string;
  /** How many listing shards (0..N-1) new payloads of this schema are spread over; absent means 1. Only ever raised: readers query every shard below it (README, "Hot schemas"). */
  payload_shards?: number;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
  /** ISO-8601 UTC with milliseconds. */
  updated_at: string;
  /** A user id (the token's sub) or system:<name>. */
  created_by: string;
}

/** One immutable version of a schema. Written once, never updated except its state. */
export interface SchemaVersionItem {
  /** A ULID (Crockford base 32, time-ordered). */
  id: string;
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  name: string;

  version: number;
  /** Name of the SchemaEngine that interprets the definition. */
  engine: string;
  /** The definition exactly as published. */
  definition: string;
  /** SHA-256 (hex) of the canonical JSON (RFC 8785) of a definition. */
  fingerprint: string;
  /** Dialect the definition was published under (JSON Schema draft in force, e.g. 2020-12 or draft-07); absent on versions published before it was recorded, which read as 2020-12. */
  dialect?: string;

  description?: string;

  state: "active" | "deprecated" | "disabled";
  /** When the state last changed (ISO-8601 UTC); absent while it never has. */
  state_changed_at?: string;
  /** The versions of the same workspace the definition references (registry://{workspace}/{name}/{version}), as [{uri, schema_version_id, name, version}]; absent when none. */
  references?: string;
  /** Changed whenever a version referencing this one is published or re-activated; disabling this version is conditional on it, so no such version appears unseen. */
  referrer_token?: string;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
  /** A user id (the token's sub) or system:<name>. */
  created_by: string;
}

/** Guards idempotent registration: one item per distinct canonical definition of a schema, written in the same transaction as the version it points at, so the same definition can never become two versions. */
export interface SchemaFingerprintItem {
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  name: string;
  /** SHA-256 (hex) of the canonical JSON (RFC 8785) of a definition. */
  fingerprint: string;
  /** A ULID (Crockford base 32, time-ordered). */
  schema_version_id: string;

  version: number;
}

/** One use of a schema version by another version of the same workspace (a `$ref` to registry://{workspace}/{name}/{version}), written in the transaction that publishes the using version: the "used by" side of the references each version records. */
export interface SchemaReferenceItem {
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** Id of the version referenced. */
  referenced_id: string;
  /** Id of the version whose definition references it. */
  referrer_id: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  referrer_name: string;

  referrer_version: number;
  /** The URI the definition uses, e.g. registry://acme/address/2. */
  uri: string;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
}

/** The integer id the Confluent-compatible API (/apis/ccompat/v7) gives one distinct content (engine and fingerprint) of a workspace, and the first version that had it. Created with a conditional put, so the same content always keeps the id it first got; the id itself comes from a ccompat_id_counter shard. */
export interface CcompatSchemaIdItem {
  /** The global schema id: (n - 1) * 16 + shard + 1 for the n-th id of its counter shard. */
  id: number;
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** Name of the SchemaEngine that interprets the definition. */
  engine: string;
  /** SHA-256 (hex) of the canonical JSON (RFC 8785) of a definition. */
  fingerprint: string;
  /** Schema (subject) of the first version with this content. */
  name: string;
  /** Number of that version. */
  version: number;
  /** Id of that version. */
  schema_version_id: string;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
}

/** The Confluent subject a schema was first registered under through the Confluent-compatible API, as the client spelled it (`orders-value` for schema orders_value): answers name it so, and another spelling that maps to the same schema (`orders.value`) is refused instead of sharing its versions. */
export interface CcompatSubjectItem {
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  name: string;
  /** The subject, without a context prefix. */
  subject: string;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
}

/** One of the 16 shards (0-15) of the counter that allocates ccompat_schema_id ids, so no single item takes every allocation: a writer picks a shard at random, adds 1 to `next` (UpdateItem ADD, atomic) and gets the id (next - 1) * 16 + shard + 1; shards never yield the same id. An id whose content record loses its conditional put is left unused (ids may have gaps). */
export interface CcompatIdCounterItem {
  /** 0 to 15. */
  shard: number;
  /** How many ids this shard has handed out. */
  next: number;
}

/** A document validated once, when written, against one exact schema version. */
export interface PayloadItem {
  /** A ULID (Crockford base 32, time-ordered). */
  id: string;
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** Listing shard: CRC-32 (IEEE) of the id's ASCII bytes modulo the schema's payload_shards when written (README, "Hot schemas"). The default 0 is right for every payload of a schema with one shard, so items of design 2.x migrate with it. */
  shard: number;
  /** Id of the schema version the data was validated against; an update may move it to a newer version of the same schema. */
  schema_ref: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  schema_name: string;

  schema_version: number;
  /** The document exactly as sent (replaced whole by an update). */
  data: string;
  /** Free-form client metadata, not validated. */
  meta?: string;
  /** 1 when created, +1 per update; the ETag. Absent on payloads written before revisions, which read as 1. */
  revision?: number;
  /** When the last update was made (ISO-8601 UTC); absent until then. */
  updated_at?: string;
  /** Who made the last update; absent until then. */
  updated_by?: string;
  /** Top-level fields this payload has index entries for (a JSON array of names); absent when none. */
  indexed_fields?: string;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
  /** A user id (the token's sub) or system:<name>. */
  created_by: string;
}

/** A revision of a payload that an update replaced or a delete removed, kept beside the payload in its partition (written in the update's or delete's transaction, with its audit event). A workspace admin erases them all for a legal erasure request. */
export interface PayloadRevisionItem {
  /** Id of the payload. */
  id: string;
  /** Workspace (tenant) id. */
  workspace_id: string;

  revision: number;
  /** A ULID (Crockford base 32, time-ordered). */
  schema_ref: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  schema_name: string;

  schema_version: number;
  /** The document of that revision. */
  data: string;

  meta?: string;
  /** When that revision was written. */
  written_at: string;
  /** Who wrote that revision. */
  written_by: string;
  /** When an update or delete replaced it. */
  replaced_at: string;
  /** A user id (the token's sub) or system:<name>. */
  replaced_by: string;
}

/** Marks a deleted payload, so a repeated DELETE is answered as done (idempotent) and a writer can still be authorized against the payload's workspace; holds no data. */
export interface PayloadDeletionItem {
  /** A ULID (Crockford base 32, time-ordered). */
  id: string;
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  schema_name: string;

  last_revision: number;
  /** ISO-8601 UTC with milliseconds. */
  deleted_at: string;
  /** A user id (the token's sub) or system:<name>. */
  deleted_by: string;
  /** When a workspace admin erased the payload's revisions; absent until then. */
  erased_at?: string;

  erased_by?: string;
}

/** A copy of a payload under one indexed field's value (`x-registry-index` of its version), so a field query is one Query per page on the primary key. Written, replaced and deleted in the same transaction as its payload; the value is the field's text, percent-encoded to the key grammar. */
export interface PayloadIndexEntryItem {
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  schema_name: string;
  /** The top-level property indexed. */
  field: string;
  /** The value as text (a string itself, a number or boolean as JSON), UTF-8 percent-encoded outside printable ASCII and for % and #. */
  value: string;
  /** Id of the payload. */
  id: string;
  /** A ULID (Crockford base 32, time-ordered). */
  schema_ref: string;

  schema_version: number;

  data: string;

  meta?: string;

  revision: number;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
  /** A user id (the token's sub) or system:<name>. */
  created_by: string;

  updated_at?: string;

  updated_by?: string;
}

/** Progress of the job that writes index entries for payloads stored before a version declared the index: where the listing got to (its cursor), so an interrupted run resumes there. */
export interface PayloadIndexBackfillItem {
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  schema_name: string;
  /** The version whose x-registry-index fields are backfilled. */
  schema_ref: string;

  status: "running" | "done";
  /** Cursor of the next page of the schema's payloads; absent before the first page and when done. */
  cursor?: string;

  scanned: number;
  /** Payloads given entries by the job. */
  indexed: number;
  /** ISO-8601 UTC with milliseconds. */
  started_at: string;
  /** ISO-8601 UTC with milliseconds. */
  updated_at: string;
  /** A user id (the token's sub) or system:<name>. */
  started_by: string;
}

/** A proposed schema (or next version), checked against policies, reviewed and decided. */
export interface SchemaRequestItem {
  /** A ULID (Crockford base 32, time-ordered). */
  id: string;
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  schema_name: string;

  status: "draft" | "pending" | "approved" | "rejected" | "withdrawn" | "migrated" | "migration_failed" | "rolled_back";
  /** A user id (the token's sub) or system:<name>. */
  requester: string;

  risk?: "low" | "moderate" | "high";

  description?: string;

  justification?: string;

  related_issue?: string;
  /** The proposed definition or table, as submitted. */
  proposal: string;
  /** Policy violations, diff, compatibility verdict and migration preview. */
  review?: string;
  /** Id of the version published on approval. */
  schema_ref?: string;
  /** A user id (the token's sub) or system:<name>. */
  decided_by?: string;

  decision_comment?: string;
  /** When the auto-approval worker last decided on it (absent until then). */
  auto_reviewed_at?: string;
  /** Per sink, the last migration attempt: status, dialect, checksum, error and failing statement, or what it waits on. */
  migrations?: string;
  /** Per environment that requires a second reviewer (e.g. prod), that reviewer's approval: {by, at, comment?}. */
  environment_approvals?: string;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
  /** ISO-8601 UTC with milliseconds. */
  updated_at: string;
}

/** One state change, written in the same transaction as the change itself. Ids are ULIDs from the registry's clock, so sorting by id is sorting by time. */
export interface AuditEventItem {
  /** A ULID (Crockford base 32, time-ordered). */
  id: string;
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** ISO-8601 UTC with milliseconds. */
  at: string;
  /** A user id (the token's sub) or system:<name>. */
  actor: string;

  action: string;

  entity_type: "schema" | "schema_version" | "schema_request" | "workspace" | "sink" | "payload" | "api_key";
  /** Id of the entity (a ULID, or a schema name for schema-level changes). */
  entity_id: string;

  before?: string;

  after?: string;

  details?: string;
}

/** A message to one user (the requester of a schema request), newest first. */
export interface NotificationItem {
  /** A ULID (Crockford base 32, time-ordered). */
  id: string;
  /** A user id (the token's sub) or system:<name>. */
  user_id: string;
  /** Workspace (tenant) id. */
  workspace_id: string;

  kind: string;
  /** What happened, e.g. the request id and its new status. */
  subject: string;

  delivered: boolean;

  delivery_channel: string;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
}

/** Token buckets of one principal for one resource, several limits in one item: each limit is a family of attributes b_{limit}_tk (tokens left), b_{limit}_cp (capacity) and b_{limit}_rf (refill per hour), all in millitokens, refilled lazily from last_refill_ms. */
export interface RateLimitBucketItem {
  /** A user id (the token's sub) or system:<name>. */
  principal: string;

  resource: string;
  /** Unix time in milliseconds of the last refill. */
  last_refill_ms: number;
  /** Family b_{limit}_tk: Tokens left, in millitokens. */
  [family: `b_${string}_tk`]: number | undefined;
  /** Family b_{limit}_cp: Capacity (burst), in millitokens. */
  [family: `b_${string}_cp`]: number | undefined;
  /** Family b_{limit}_rf: Refill per hour, in millitokens. */
  [family: `b_${string}_rf`]: number | undefined;
}

/** The first response to a request sent with an Idempotency-Key header, replayed for retries with the same key and body; expires after 24 hours through the table's TTL. */
export interface IdempotencyRecordItem {
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** A user id (the token's sub) or system:<name>. */
  principal: string;

  idempotency_key: string;
  /** SHA-256 of the request's method, path and canonical body. */
  request_hash: string;

  response_status: number;

  response_body: string;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
  /** Unix time in seconds (the table's TTL attribute). */
  expires_at: number;
}

/** Settings of one workspace (default compatibility mode, policy severities, auto-approval). */
export interface WorkspaceConfigItem {
  /** Workspace (tenant) id. */
  workspace_id: string;

  compatibility?: "NONE" | "BACKWARD" | "BACKWARD_TRANSITIVE" | "FORWARD" | "FORWARD_TRANSITIVE" | "FULL" | "FULL_TRANSITIVE";
  /** JSON Schema draft of definitions without $schema, for schemas that set none; absent means 2020-12. */
  default_dialect?: "2020-12" | "draft-07";
  /** Engine warning codes (e.g. ["unknown_format"]) that refuse a definition with 422 instead of being reported. */
  refuse_warnings?: string;
  /** Rule severities overridden for this workspace and the auto-approval switch. */
  policies?: string;
  /** Environment rules: {required: whether a migration must be applied and healthy in the previous environment first, second_approval: environments whose apply needs a second, distinct reviewer}. */
  promotion?: string;
  /** ISO-8601 UTC with milliseconds. */
  updated_at: string;
  /** A user id (the token's sub) or system:<name>. */
  updated_by: string;
}

/** A relational database a workspace's tables live in: its dialect, its connection by reference only (an environment variable name, a Secrets Manager ARN, an Aurora cluster ARN and secret ARN), its namespace, and whether approval applies migrations to it. Never a credential. */
export interface SinkConfigItem {
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** The sink's name in its workspace, e.g. default. */
  name: string;

  dialect: "postgres" | "sqlite" | "mysql";
  /** The reference: {kind: env, variable} | {kind: secret, secret_arn} | {kind: data_api, cluster_arn, secret_arn, database} | {kind: embedded}. */
  connection: string;
  /** PostgreSQL schema (or MySQL database) of the workspace's tables on this sink. */
  namespace?: string;

  apply_on_approval: boolean;
  /** The environment the sink belongs to (e.g. dev, staging, prod); absent: outside promotion. */
  environment?: string;
  /** The environment's place in promotion order (dev 0, staging 1, prod 2); every sink of one environment has the same. */
  order?: number;
  /** Set when an admin deleted the sink: the registry never deletes items, so the settings stay as a tombstone until put again. */
  deleted_at?: string;
  /** ISO-8601 UTC with milliseconds. */
  updated_at: string;
  /** A user id (the token's sub) or system:<name>. */
  updated_by: string;
}

/** One apply or rollback of a schema request's migration on one sink, whatever its outcome, written in the same transaction as the request's status change and its audit event. Ids are ULIDs, so the attempts of a sink list in time order. */
export interface MigrationAttemptItem {
  /** A ULID (Crockford base 32, time-ordered). */
  id: string;
  /** Workspace (tenant) id. */
  workspace_id: string;

  sink: string;
  /** A ULID (Crockford base 32, time-ordered). */
  request_id: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  schema_name: string;

  schema_version: number;

  operation: "apply" | "rollback";

  outcome: "applied" | "rolled_back" | "unchanged" | "failed" | "waiting" | "blocked" | "synced";

  dialect: "postgres" | "sqlite" | "mysql";
  /** The SQL executed, in order (a JSON array; empty when nothing ran). */
  statements: string;
  /** sha256 of the up statements, as the sink's tracking table keeps it. */
  checksum?: string;

  duration_ms: number;
  /** Why it failed or waits, scrubbed of connection details. */
  error?: string;

  failed_statement?: string;
  /** A user id (the token's sub) or system:<name>. */
  actor: string;
  /** ISO-8601 UTC with milliseconds. */
  at: string;
}

/** What the auto-approval worker did with one request of a workspace that enabled auto-create: the table created, skipped (and why) or failed (and how), newest first. */
export interface AutoCreateLogEntryItem {
  /** A ULID (Crockford base 32, time-ordered). */
  id: string;
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** A ULID (Crockford base 32, time-ordered). */
  request_id: string;
  /** Schema name; snake_case so it can become a SQL table name. */
  schema_name: string;

  table_name: string;

  action: "created" | "skipped" | "failed";

  sink?: string;
  /** Why: the risk and its reasons, or the error and failing statement, or the statements run. */
  details: string;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
}

/** A long-lived credential for the clients of the Confluent-compatible API that can send only HTTP Basic or a static token (Kafka serializers): one role in one workspace, presented as `srk_{workspace_id}_{id}_{secret}`. Only the secret's SHA-256 is stored; the secret is shown once, when the key is created. A revoked key stays, as a tombstone, so the audit trail can name it. */
export interface ApiKeyItem {
  /** Workspace (tenant) id. */
  workspace_id: string;
  /** A ULID (Crockford base 32, time-ordered). */
  id: string;
  /** What the key is for, e.g. orders-producer. */
  name: string;

  role: "reader" | "writer" | "reviewer" | "admin";
  /** SHA-256 (hex) of the key's secret part; the secret itself is never stored. */
  secret_sha256: string;
  /** ISO-8601 UTC; absent: the key does not expire. */
  valid_until?: string;
  /** ISO-8601 UTC with milliseconds. */
  created_at: string;
  /** A user id (the token's sub) or system:<name>. */
  created_by: string;
  /** Set when an admin revoked the key; it is refused from then on. */
  revoked_at?: string;

  revoked_by?: string;
}

/** The design this table holds: one item recording the schema.yaml version and design hash it was written with. Created with the table (or by the first writer that finds none); every writer compares its own major version with it before writing and refuses a table of another major version, and refuses any table whose `state` is `migrating` or `migrated` (reads stay allowed). Writers re-read it at least every 5 seconds, so `npm run migrate-table` waits longer than that after marking a table. */
export interface RegistryMetaItem {
  /** The `version` of the schema.yaml the table's items follow. */
  schema_yaml_version: string;
  /** SHA-256 of the canonical JSON (RFC 8785) of the parsed schema.yaml. */
  schema_yaml_hash: string;
  /** ISO-8601 UTC with milliseconds. */
  recorded_at: string;
  /** Who wrote the record, e.g. system:ensure-table. */
  recorded_by: string;
  /** Absent or `active`: the table is in use. `migrating`: a migration to another design is half done, so no writer writes. `migrated`: the data moved to `migration_table`; writers must follow it there. */
  state?: "active" | "migrating" | "migrated";
  /** While `migrating` or once `migrated`, the schema.yaml version the items are moving to. */
  migration_to_version?: string;
  /** The design hash the items are moving to. */
  migration_to_hash?: string;
  /** When migrating into another table: the other table (the target on the source, the source on the target). */
  migration_table?: string;
  /** When the migration marked the table. */
  migration_started_at?: string;
  /** Who started the migration, e.g. system:migrate-table. */
  migration_started_by?: string;
}

/** The item type of every record type, by name. */
export interface RecordItems {
  schema: SchemaItem;
  schema_version: SchemaVersionItem;
  schema_fingerprint: SchemaFingerprintItem;
  schema_reference: SchemaReferenceItem;
  ccompat_schema_id: CcompatSchemaIdItem;
  ccompat_subject: CcompatSubjectItem;
  ccompat_id_counter: CcompatIdCounterItem;
  payload: PayloadItem;
  payload_revision: PayloadRevisionItem;
  payload_deletion: PayloadDeletionItem;
  payload_index_entry: PayloadIndexEntryItem;
  payload_index_backfill: PayloadIndexBackfillItem;
  schema_request: SchemaRequestItem;
  audit_event: AuditEventItem;
  notification: NotificationItem;
  rate_limit_bucket: RateLimitBucketItem;
  idempotency_record: IdempotencyRecordItem;
  workspace_config: WorkspaceConfigItem;
  sink_config: SinkConfigItem;
  migration_attempt: MigrationAttemptItem;
  auto_create_log_entry: AutoCreateLogEntryItem;
  api_key: ApiKeyItem;
  registry_meta: RegistryMetaItem;
}

/** CreateTable input for local mode and tests; the CDK stack builds the same table from INDEXES. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{"AttributeName":"PK","AttributeType":"S"},{"AttributeName":"SK","AttributeType":"S"},{"AttributeName":"GSI1PK","AttributeType":"S"},{"AttributeName":"GSI1SK","AttributeType":"S"},{"AttributeName":"GSI2PK","AttributeType":"S"},{"AttributeName":"GSI2SK","AttributeType":"S"},{"AttributeName":"GSI3PK","AttributeType":"S"},{"AttributeName":"GSI3SK","AttributeType":"S"},{"AttributeName":"GSI4PK","AttributeType":"S"},{"AttributeName":"GSI4SK","AttributeType":"S"}],
    KeySchema: [{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"SK","KeyType":"RANGE"}],
    GlobalSecondaryIndexes: [
      {"IndexName":"GSI1","KeySchema":[{"AttributeName":"GSI1PK","KeyType":"HASH"},{"AttributeName":"GSI1SK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}},
      {"IndexName":"GSI2","KeySchema":[{"AttributeName":"GSI2PK","KeyType":"HASH"},{"AttributeName":"GSI2SK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}},
      {"IndexName":"GSI3","KeySchema":[{"AttributeName":"GSI3PK","KeyType":"HASH"},{"AttributeName":"GSI3SK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}},
      {"IndexName":"GSI4","KeySchema":[{"AttributeName":"GSI4PK","KeyType":"HASH"},{"AttributeName":"GSI4SK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["__edb_e__","__edb_v__","schema_ref","schema_version","revision","created_at"]}},
    ],
    StreamSpecification: {"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"},
  };
}

/** The TTL setting, applied after the table exists (DynamoDB has no TTL in CreateTable). */
export function timeToLiveInput(tableName: string): UpdateTimeToLiveCommandInput | undefined {
  return { TableName: tableName, TimeToLiveSpecification: {"Enabled":true,"AttributeName":"expires_at"} };
}
