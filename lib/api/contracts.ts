/**
 * JSON Schemas of the API's requests and responses: the one source for request validation (through the
 * validators codegen writes from them; see request-check.ts) and for the OpenAPI document. Field names are
 * snake_case.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { Json } from '../engines/types.js';
import { ATTRIBUTE_ENUMS, SHARED_ATTRIBUTES } from '../generated/table.js';
import { DIALECTS } from '../sql/dialects.js';
import { TRANSITION_TARGETS } from '../requests/model.js';
import { COMPATIBILITY_MODES } from '../schemas/compatibility.js';
import { WORKSPACE_POLICY_SCHEMA } from '../policies/policy.js';
import { WARNING_CODES } from '../engines/json-schema/names.js';
import { MAX_PAYLOAD_SHARDS } from '../payloads/shard.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './request-check.js';

export const SCHEMA_NAME_PATTERN = SHARED_ATTRIBUTES.schema_name.pattern;
export const WORKSPACE_ID_PATTERN = SHARED_ATTRIBUTES.workspace_id.pattern;
export const ULID_PATTERN = SHARED_ATTRIBUTES.ulid.pattern;

const workspaceId = { type: 'string', pattern: WORKSPACE_ID_PATTERN, description: 'Workspace id, e.g. "acme".' } as const;
const schemaName = { type: 'string', pattern: SCHEMA_NAME_PATTERN, description: 'snake_case, at most 63 characters, e.g. "user_preferences".' } as const;
const ulid = { type: 'string', pattern: ULID_PATTERN, description: 'A ULID.' } as const;
const timestamp = { type: 'string', format: 'date-time' } as const;
const defaultDialect = {
  enum: [...ATTRIBUTE_ENUMS.schema.default_dialect, null],
  description: 'JSON Schema draft of definitions published without $schema (2020-12 unless set); null removes the setting.',
} as const;
const page = {
  limit: { type: 'string', pattern: '^[0-9]{1,4}$', description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` },
  cursor: { type: 'string', maxLength: 4096, description: 'Opaque cursor from the previous page\u2019s next_cursor.' },
} as const;

const migrationFile = {
  type: 'object',
  required: ['name', 'content', 'sha256'],
  properties: {
    name: { type: 'string', description: 'e.g. 0001_20231205_120000_create_caricatures.sql, or ..._down.sql.' },
    content: { type: 'string', description: 'A header comment (migration number and direction, request, schema and version, dialect, approver, checksum), then the body.' },
    sha256: { type: 'string', description: 'sha256 (hex) of the body, the content after the header\u2019s comment lines.' },
  },
} as const;

export const contracts = {
  PublishSchemaRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['workspace_id', 'name', 'definition'],
    properties: {
      workspace_id: workspaceId,
      name: schemaName,
      definition: { description: 'The definition, interpreted by the engine (a JSON Schema by default).' },
      engine: { type: 'string', pattern: SHARED_ATTRIBUTES.engine.pattern, default: 'json-schema' },
      description: { type: 'string', maxLength: 2048 },
    },
  },
  ListSchemasQuery: {
    type: 'object',
    additionalProperties: false,
    required: ['workspace_id'],
    properties: { workspace_id: workspaceId, prefix: { type: 'string', pattern: '^[a-z0-9_]{0,63}$' }, ...page },
  },
  PublishSchemaQuery: {
    type: 'object',
    additionalProperties: false,
    properties: { dry_run: { enum: ['true', 'false'], description: 'true: check compatibility and answer what would be published, writing nothing.' } },
  },
  DiffQuery: { type: 'object', additionalProperties: false, required: ['against'], properties: { against: { ...ulid, description: 'The older version to compare with.' } } },
  SchemaConfigUpdate: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      compatibility: { enum: [...COMPATIBILITY_MODES, null], description: 'null removes the schema setting, so the workspace default applies.' },
      open_content_model: { enum: ATTRIBUTE_ENUMS.schema.open_content_model, description: 'lenient: a property added to an open content model is compatible both ways.' },
      default_dialect: defaultDialect,
      payload_shards: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_PAYLOAD_SHARDS,
        description: 'Listing shards new payloads are spread over (README, "Hot schemas"): only ever raised, never lowered; raise it when one schema takes more than about 1,000 payload writes a second.',
      },
    },
  },
  SchemaStateUpdate: { type: 'object', additionalProperties: false, required: ['state'], properties: { state: { enum: ATTRIBUTE_ENUMS.schema_version.state } } },
  WorkspaceConfigUpdate: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      compatibility: { enum: COMPATIBILITY_MODES },
      default_dialect: defaultDialect,
      refuse_warnings: {
        type: 'array',
        uniqueItems: true,
        items: { enum: WARNING_CODES },
        description: 'Warning codes that refuse a definition with 422 naming the warning instead of reporting it (a stricter house style); [] refuses none.',
      },
      promotion: {
        type: 'object',
        additionalProperties: false,
        required: ['required', 'second_approval'],
        description: 'Environment rules: required (a migration must be applied and healthy in the previous environment, by the sinks\u2019 order, before the next) and second_approval (environments, e.g. ["prod"], whose apply needs a second reviewer distinct from the approver).',
        properties: {
          required: { type: 'boolean' },
          second_approval: { type: 'array', uniqueItems: true, maxItems: 32, items: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' } },
        },
      },
    },
  },
  CreateSchemaRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['workspace_id', 'schema_name'],
    properties: {
      workspace_id: workspaceId,
      schema_name: schemaName,
      description: { type: 'string', maxLength: 2048 },
      justification: { type: 'string', maxLength: 4096 },
      related_issue: { type: 'string', maxLength: 256 },
      submit: { type: 'boolean', default: true, description: 'Absent or true: the request is created pending, in the review queue; false keeps it a draft (submit it later with PATCH {"status": "pending"}).' },
      definition: { description: 'The definition, for the engine of the schema (send this or table).' },
      engine: { type: 'string', pattern: SHARED_ATTRIBUTES.engine.pattern, description: 'The engine of a new schema (avro, protobuf, json-schema; default json-schema); a schema that exists keeps its own.' },
      table: {
        type: 'object',
        description:
          'Columns and indexes (send this or definition); converted to a JSON Schema by the documented mapping. A column is {name, type, primary_key?, nullable?, default?, description?}: primary_key defaults to false, nullable to true (primary-key columns are never null).',
      },
    },
  },
  ListSchemaRequestsQuery: {
    type: 'object',
    additionalProperties: false,
    required: ['workspace_id'],
    properties: {
      workspace_id: workspaceId,
      status: { enum: ATTRIBUTE_ENUMS.schema_request.status, description: 'Defaults to pending unless requester is given.' },
      requester: { type: 'string', minLength: 1, maxLength: 256 },
      ...page,
    },
  },
  TransitionSchemaRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['status'],
    properties: { status: { enum: TRANSITION_TARGETS }, comment: { type: 'string', maxLength: 4096 } },
  },
  MigrationQuery: { type: 'object', additionalProperties: false, properties: { dialect: { enum: DIALECTS, default: 'postgres' } } },
  MigrationFilesQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      // Checked by the service, so an unknown dialect is a 422 naming the dialects, not a 400.
      dialect: { type: 'string', maxLength: 32, default: 'postgres', description: `One of ${DIALECTS.join(', ')}.` },
      since: { ...ulid, description: 'A request id: only the migrations approved after it (the request_id of the last file you have, or the previous answer\u2019s next_since).' },
    },
  },
  AuditQuery: {
    type: 'object',
    additionalProperties: false,
    required: ['workspace_id'],
    properties: {
      workspace_id: workspaceId,
      entity_type: { enum: ATTRIBUTE_ENUMS.audit_event.entity_type },
      entity_id: { type: 'string', minLength: 1, maxLength: 128 },
      since: { type: 'string', format: 'date-time' },
      ...page,
    },
    // An entity id means nothing without its type; the feed would silently ignore it.
    dependentRequired: { entity_id: ['entity_type'] },
  },
  NotificationsQuery: { type: 'object', additionalProperties: false, properties: { delivered: { enum: ['true', 'false'] }, ...page } },
  NotificationUpdate: { type: 'object', additionalProperties: false, required: ['delivered'], properties: { delivered: { const: true } } },
  WorkspacePolicy: WORKSPACE_POLICY_SCHEMA,
  SinkSettings: {
    type: 'object',
    // Documented here, validated by the sinks module (422 listing every problem), which never echoes a
    // pasted credential; a schema check here would answer 400 for the same mistakes.
    description: 'A sink. The connection is a reference, never a URL or password.',
    properties: {
      dialect: { description: '"postgres", "sqlite" or "mysql" (MySQL, MariaDB, Aurora MySQL).' },
      connection: { description: '{kind: "env", variable} | {kind: "secret", secret_arn} | {kind: "data_api", cluster_arn, secret_arn, database} | {kind: "embedded"}' },
      namespace: { description: 'PostgreSQL schema or MySQL database; on the shared database always the workspace\u2019s own.' },
      apply_on_approval: { description: 'true: approving a request applies its migration here (default false).' },
      environment: { description: 'The environment the sink belongs to, e.g. "staging" (with order; absent: outside promotion).' },
      order: { description: 'The environment\u2019s place in promotion, lower first (e.g. dev 0, staging 1, prod 2); the same for every sink of one environment.' },
    },
  },
  MigrationRun: {
    type: 'object',
    additionalProperties: false,
    properties: {
      sink: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$', default: 'default', description: 'The workspace\u2019s sink to run on.' },
      dialect: { enum: ['postgres', 'sqlite', 'mysql'], description: 'When given, must be the sink\u2019s dialect.' },
    },
  },
  SinkSyncRun: { type: 'object', additionalProperties: false, properties: {}, description: 'Nothing to give: the sink\u2019s tracking table says what ran.' },
  EnvironmentApproval: { type: 'object', additionalProperties: false, properties: { comment: { type: 'string', maxLength: 4096 } } },
  PageQuery: { type: 'object', additionalProperties: false, properties: { ...page } },
  NoQuery: { type: 'object', additionalProperties: false, properties: {}, description: 'The query of a route that takes no parameters: any is refused.' },
  SchemaVersion: {
    type: 'object',
    required: ['id', 'workspace_id', 'name', 'version', 'engine', 'definition', 'fingerprint', 'state', 'created_at', 'created_by'],
    properties: {
      id: ulid,
      workspace_id: workspaceId,
      name: schemaName,
      version: { type: 'integer', minimum: 1 },
      engine: { type: 'string' },
      definition: {},
      fingerprint: { type: 'string', description: 'SHA-256 of the canonical JSON (RFC 8785) of the definition.' },
      dialect: { type: 'string', description: 'The dialect in force: for JSON Schema the draft the definition declares, or the default it was published under.' },
      description: { type: 'string' },
      references: {
        type: 'array',
        description: 'The versions of the same workspace the definition references by $ref "registry://{workspace}/{name}/{version}".',
        items: {
          type: 'object',
          required: ['uri', 'schema_version_id', 'name', 'version'],
          properties: { uri: { type: 'string' }, schema_version_id: ulid, name: schemaName, version: { type: 'integer', minimum: 1 } },
        },
      },
      state: { enum: ATTRIBUTE_ENUMS.schema_version.state },
      created_at: timestamp,
      created_by: { type: 'string' },
    },
  },
  CreatePayloadRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['schema_ref', 'data'],
    properties: {
      schema_ref: { ...ulid, description: 'Id of the exact schema version to validate against.' },
      data: { description: 'The document; stored exactly as sent.' },
      meta: { type: 'object', description: 'Free-form client metadata, not validated.' },
    },
  },
  UpdatePayloadRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['data'],
    properties: {
      data: { description: 'The new document, replacing the stored one whole; validated once.' },
      meta: { type: 'object', description: 'Free-form client metadata, replacing the stored meta (absent removes it).' },
      schema_ref: { ...ulid, description: 'A newer version of the payload\u2019s schema to move it to; absent keeps its version.' },
    },
  },
  PayloadErasure: {
    type: 'object',
    required: ['erased_revisions'],
    properties: { erased_revisions: { type: 'integer', minimum: 0, description: 'Kept revisions erased by this call.' } },
  },
  ListPayloadsQuery: {
    type: 'object',
    additionalProperties: false,
    properties: { schema_ref: ulid, workspace_id: workspaceId, schema_name: schemaName, ...page },
    patternProperties: {
      '^where\\[[A-Za-z_][A-Za-z0-9_]{0,62}\\](\\[prefix\\])?$': {
        type: 'string',
        maxLength: 512,
        description: 'where[field]=value: payloads whose indexed field (x-registry-index) equals value, in creation order; where[field][prefix]=value: starts with value. With workspace_id and schema_name.',
      },
    },
    oneOf: [{ required: ['schema_ref'] }, { required: ['workspace_id', 'schema_name'] }],
  },
  IndexBackfillRequest: {
    type: 'object',
    additionalProperties: false,
    properties: { max_pages: { type: 'integer', minimum: 1, maximum: 100, description: 'Pages of 100 payloads this call works through at most (default 20); call again to resume.' } },
  },
  IndexBackfillProgress: {
    type: 'object',
    required: ['workspace_id', 'schema_name', 'schema_ref', 'status', 'scanned', 'indexed', 'fields', 'started_at', 'updated_at', 'started_by'],
    properties: {
      workspace_id: workspaceId,
      schema_name: schemaName,
      schema_ref: ulid,
      status: { enum: ATTRIBUTE_ENUMS.payload_index_backfill.status, description: 'running until every payload of the schema was scanned.' },
      scanned: { type: 'integer', description: 'Payloads of the schema read so far.' },
      indexed: { type: 'integer', description: 'Payloads given index entries so far.' },
      fields: { type: 'array', items: { type: 'string' }, description: 'The version\u2019s x-registry-index fields.' },
      started_at: timestamp,
      updated_at: timestamp,
      started_by: { type: 'string' },
    },
  },
  Payload: {
    type: 'object',
    required: ['id', 'schema_ref', 'schema_name', 'schema_version', 'workspace_id', 'data', 'revision', 'created_at', 'created_by'],
    properties: {
      id: ulid,
      schema_ref: ulid,
      schema_name: schemaName,
      schema_version: { type: 'integer' },
      workspace_id: workspaceId,
      data: {},
      meta: { type: 'object' },
      revision: { type: 'integer', minimum: 1, description: '1 when created, +1 per update; the ETag is this number in quotes.' },
      created_at: timestamp,
      created_by: { type: 'string' },
      updated_at: timestamp,
      updated_by: { type: 'string' },
    },
  },
  // Response bodies: documented in OpenAPI (so the typed client, the CLI and the console share their types)
  // and checked against every answer the integration tests see (test/support/registry.ts).
  Change: {
    type: 'object',
    required: ['type', 'path', 'backward_compatible', 'forward_compatible', 'explanation'],
    properties: {
      type: { type: 'string', description: 'What changed, e.g. property_added or type_narrowed (the engine\u2019s change types).' },
      path: { type: 'string', description: 'JSON pointer into the definition.' },
      before: {},
      after: {},
      backward_compatible: { type: 'boolean' },
      forward_compatible: { type: 'boolean' },
      explanation: { type: 'string' },
    },
  },
  CompatibilityVerdict: {
    type: 'object',
    required: ['compatibility', 'compatible', 'checked_against', 'breaking_changes', 'changes'],
    properties: {
      compatibility: { enum: COMPATIBILITY_MODES },
      compatible: { type: 'boolean' },
      checked_against: { type: 'array', items: { type: 'integer' }, description: 'The versions checked, newest first.' },
      breaking_changes: { type: 'array', items: { $ref: '#/components/schemas/Change' }, description: 'The changes that break the mode (empty when compatible).' },
      changes: { type: 'array', items: { $ref: '#/components/schemas/Change' }, description: 'Every change against the latest version, breaking or not.' },
      truncated: { const: true, description: 'More changes were found than are listed.' },
    },
  },
  DefinitionWarning: {
    type: 'object',
    required: ['code', 'path', 'message'],
    properties: { code: { type: 'string', description: 'Stable, e.g. unknown_format: a workspace may refuse chosen codes.' }, path: { type: 'string' }, message: { type: 'string' } },
  },
  SchemaDryRun: {
    type: 'object',
    required: ['dry_run', 'compatible', 'would_create_version', 'existing_version', 'compatibility', 'warnings'],
    properties: {
      dry_run: { const: true },
      compatible: { type: 'boolean' },
      would_create_version: { type: ['integer', 'null'], description: 'The number the publish would get; null when the definition already is a version.' },
      existing_version: { anyOf: [{ $ref: '#/components/schemas/SchemaVersion' }, { type: 'null' }] },
      compatibility: { anyOf: [{ $ref: '#/components/schemas/CompatibilityVerdict' }, { type: 'null' }] },
      warnings: { type: 'array', items: { $ref: '#/components/schemas/DefinitionWarning' } },
    },
  },
  SchemaDiff: {
    type: 'object',
    required: ['changes', 'backward_compatible', 'forward_compatible'],
    properties: {
      changes: { type: 'array', items: { $ref: '#/components/schemas/Change' }, description: 'Those that break compatibility first.' },
      truncated: { type: 'object', required: ['total_changes', 'reported_changes'], properties: { total_changes: { type: 'integer' }, reported_changes: { type: 'integer' } } },
      backward_compatible: { type: 'boolean' },
      forward_compatible: { type: 'boolean' },
    },
  },
  SchemaFields: {
    type: 'object',
    required: ['fields'],
    properties: {
      fields: {
        type: 'array',
        items: {
          type: 'object',
          required: ['path', 'name', 'types', 'required', 'nullable'],
          properties: {
            path: { type: 'string', description: 'JSON pointer of the field in a document; array items are "-".' },
            name: { type: 'string' },
            types: { type: 'array', items: { type: 'string' } },
            required: { type: 'boolean' },
            nullable: { type: 'boolean' },
            description: { type: 'string' },
            default: {},
            enum: { type: 'array' },
            format: { type: 'string' },
            maxLength: { type: 'integer' },
          },
        },
      },
    },
  },
  ApiKeyCreate: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'role'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\x20-\\x7E]+$', description: 'What the key is for, e.g. orders-producer (printable ASCII).' },
      role: { enum: ATTRIBUTE_ENUMS.api_key.role, description: 'The role the key holds in the workspace, at most the creator\u2019s.' },
      valid_days: { type: 'integer', minimum: 1, maximum: 3650, description: 'Days until the key expires; absent: it does not expire (revoke it instead).' },
    },
  },
  ApiKey: {
    type: 'object',
    required: ['id', 'workspace_id', 'name', 'role', 'state', 'created_at', 'created_by'],
    properties: {
      id: ulid,
      workspace_id: workspaceId,
      name: { type: 'string' },
      role: { enum: ATTRIBUTE_ENUMS.api_key.role },
      state: { enum: ['active', 'expired', 'revoked'] },
      valid_until: timestamp,
      created_at: timestamp,
      created_by: { type: 'string' },
      revoked_at: timestamp,
      revoked_by: { type: 'string' },
      key: { type: 'string', description: 'Only in the answer to the create: the whole key, srk_{workspace}_{id}_{secret}. It is not stored and cannot be shown again.' },
    },
  },
  MigrationPreview: {
    type: 'object',
    required: ['file_name', 'dialect', 'up_sql', 'down_sql', 'reversible'],
    properties: {
      file_name: { type: 'string', description: 'e.g. 20231205_120000_create_caricatures: the request\u2019s creation time (UTC), what it does, the table.' },
      dialect: { type: 'string' },
      up_sql: { type: 'string' },
      down_sql: { type: 'string' },
      reversible: { type: 'boolean', description: 'false when the down SQL loses data the up SQL kept.' },
    },
  },
  MigrationFileSet: {
    type: 'object',
    required: ['workspace_id', 'dialect', 'files', 'skipped', 'next_since'],
    properties: {
      workspace_id: workspaceId,
      dialect: { enum: DIALECTS },
      files: {
        type: 'array',
        description: 'Oldest approval first; numbered by place among all the workspace\u2019s approved migrations, so numbers never change between exports.',
        items: {
          type: 'object',
          required: ['number', 'request_id', 'schema_name', 'schema_version', 'approved_by', 'reversible', 'up', 'down'],
          properties: {
            number: { type: 'string', pattern: '^[0-9]{4,}$' },
            request_id: ulid,
            schema_name: schemaName,
            schema_version: { type: 'integer', minimum: 1 },
            approved_by: { type: 'string' },
            reversible: { type: 'boolean' },
            up: migrationFile,
            down: migrationFile,
          },
        },
      },
      skipped: {
        type: 'array',
        description: 'Approved requests with no migration (no relational projection); their numbers are left out.',
        items: { type: 'object', required: ['request_id', 'schema_name', 'reason'], properties: { request_id: ulid, schema_name: schemaName, reason: { type: 'string' } } },
      },
      next_since: { type: ['string', 'null'], description: 'More migrations follow: ask again with since set to this.' },
    },
  },
  SchemaRequest: {
    type: 'object',
    required: ['id', 'workspace_id', 'schema_name', 'status', 'requester', 'proposal', 'violations', 'risk', 'risk_reasons', 'migration_preview', 'created_at', 'updated_at'],
    properties: {
      id: ulid,
      workspace_id: workspaceId,
      schema_name: schemaName,
      status: { enum: ATTRIBUTE_ENUMS.schema_request.status },
      requester: { type: 'string' },
      description: { type: 'string' },
      justification: { type: 'string' },
      related_issue: { type: 'string' },
      proposal: { type: 'object', properties: { definition: {}, engine: { type: 'string' }, table: {} }, description: 'The definition (with the engine named for a new schema), or the table it was made from.' },
      violations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['rule', 'severity', 'message', 'suggestion', 'path'],
          properties: { rule: { type: 'string' }, severity: { enum: ['error', 'warning', 'info'] }, message: { type: 'string' }, suggestion: { type: 'string' }, path: { type: 'string' } },
        },
      },
      risk: { enum: ['low', 'moderate', 'high'] },
      risk_reasons: { type: 'array', items: { type: 'string' } },
      diff: { $ref: '#/components/schemas/SchemaDiff' },
      compatibility: { $ref: '#/components/schemas/CompatibilityVerdict' },
      migration_preview: { anyOf: [{ $ref: '#/components/schemas/MigrationPreview' }, { type: 'null' }] },
      migration_note: { type: 'string', description: 'Why there is no migration preview.' },
      warnings: { type: 'array', items: { $ref: '#/components/schemas/DefinitionWarning' } },
      auto_approval: { type: 'object', required: ['decision', 'reason', 'at'], properties: { decision: { enum: ['approved', 'skipped', 'failed'] }, reason: { type: 'string' }, at: timestamp } },
      schema_ref: { ...ulid, description: 'The version the approval published.' },
      decided_by: { type: 'string' },
      decision_comment: { type: 'string' },
      migrations: {
        type: 'object',
        description: 'Per sink, where the request\u2019s migration stands after its last attempt there.',
        additionalProperties: {
          type: 'object',
          required: ['sink', 'dialect', 'state', 'attempt_id', 'at', 'by'],
          properties: {
            sink: { type: 'string' },
            dialect: { type: 'string' },
            namespace: { type: 'string' },
            state: { enum: ['applied', 'rolled_back', 'failed', 'waiting', 'blocked'] },
            checksum: { type: 'string' },
            attempt_id: ulid,
            at: timestamp,
            by: { type: 'string' },
            error: { type: 'string' },
            failed_statement: { type: 'string' },
            waiting_on: { type: 'array', items: { type: 'string' } },
            dependents: { type: 'array', items: { type: 'string' } },
            environment: { type: 'string' },
          },
        },
      },
      environments: {
        type: 'object',
        description: 'Per environment of the sinks it ran on: per sink there, its state after the last attempt (when, by whom), and the second reviewer\u2019s approval where one is required.',
        additionalProperties: {
          type: 'object',
          required: ['sinks'],
          properties: {
            sinks: { type: 'object', additionalProperties: { type: 'object', required: ['state', 'at', 'by'], properties: { state: { type: 'string' }, at: timestamp, by: { type: 'string' } } } },
            second_approval: { type: 'object', required: ['by', 'at'], properties: { by: { type: 'string' }, at: timestamp, comment: { type: 'string' } } },
          },
        },
      },
      created_at: timestamp,
      updated_at: timestamp,
    },
  },
  MigrationAttempt: {
    type: 'object',
    required: ['id', 'workspace_id', 'sink', 'request_id', 'schema_name', 'schema_version', 'operation', 'outcome', 'dialect', 'statements', 'duration_ms', 'actor', 'at'],
    properties: {
      id: ulid,
      workspace_id: workspaceId,
      sink: { type: 'string' },
      request_id: ulid,
      schema_name: schemaName,
      schema_version: { type: 'integer', minimum: 1 },
      operation: { enum: ATTRIBUTE_ENUMS.migration_attempt.operation },
      outcome: { enum: ATTRIBUTE_ENUMS.migration_attempt.outcome },
      dialect: { type: 'string' },
      statements: { type: 'array', items: { type: 'string' }, description: 'The SQL executed, in order.' },
      checksum: { type: 'string' },
      duration_ms: { type: 'integer', minimum: 0 },
      error: { type: 'string' },
      failed_statement: { type: 'string' },
      actor: { type: 'string' },
      at: timestamp,
    },
  },
  MigrationRunResult: {
    type: 'object',
    required: ['request', 'attempt'],
    properties: { request: { $ref: '#/components/schemas/SchemaRequest' }, attempt: { $ref: '#/components/schemas/MigrationAttempt' } },
  },
  SinkMigrations: {
    type: 'object',
    required: ['workspace_id', 'sink', 'dialect', 'in_agreement', 'items'],
    properties: {
      workspace_id: workspaceId,
      sink: { type: 'string' },
      dialect: { type: 'string' },
      namespace: { type: 'string' },
      in_agreement: { type: 'boolean', description: 'Every item\u2019s disagreements are empty.' },
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['migration_id', 'request_id', 'schema_name', 'schema_version', 'status', 'checksum', 'sink', 'registry', 'disagreements'],
          properties: {
            migration_id: { type: 'string' },
            request_id: { type: 'string' },
            schema_name: { type: 'string' },
            schema_version: { type: ['integer', 'null'] },
            status: { enum: ['applied', 'rolled_back', 'failed', 'waiting', 'pending'], description: 'The sink\u2019s word when it has a row, else the registry\u2019s.' },
            checksum: { type: ['string', 'null'] },
            sink: {
              anyOf: [
                {
                  type: 'object',
                  required: ['status', 'checksum', 'applied_sequence'],
                  properties: {
                    status: { type: 'string' },
                    checksum: { type: 'string' },
                    applied_sequence: { type: 'integer' },
                    applied_at: { type: ['string', 'null'] },
                    applied_by: { type: ['string', 'null'] },
                    rolled_back_at: { type: ['string', 'null'] },
                    error: { type: ['string', 'null'] },
                    failed_statement: { type: ['string', 'null'] },
                  },
                },
                { type: 'null' },
              ],
              description: 'The sink\u2019s tracking row, null when it has none.',
            },
            registry: {
              type: 'object',
              required: ['status', 'checksum', 'last_attempt_at'],
              properties: { status: { type: 'string' }, checksum: { type: ['string', 'null'] }, last_attempt_at: { type: ['string', 'null'] }, last_error: { type: 'string' } },
            },
            disagreements: { type: 'array', items: { type: 'string' }, description: 'Empty when both sides agree.' },
          },
        },
      },
    },
  },
  SinkDrift: {
    type: 'object',
    required: ['workspace_id', 'sink', 'dialect', 'in_sync', 'tables'],
    properties: {
      workspace_id: workspaceId,
      sink: { type: 'string' },
      dialect: { type: 'string' },
      namespace: { type: 'string' },
      in_sync: { type: 'boolean', description: 'No table has any change.' },
      tables: {
        type: 'array',
        items: {
          type: 'object',
          required: ['table', 'expected_from', 'changes'],
          properties: {
            table: { type: 'string' },
            expected_from: {
              anyOf: [{ type: 'object', required: ['migration_id', 'schema_version'], properties: { migration_id: { type: 'string' }, schema_version: { type: 'integer' } } }, { type: 'null' }],
              description: 'The applied migration whose table this should be; null when every migration of the table was rolled back (it should not exist).',
            },
            changes: { type: 'array', items: { $ref: '#/components/schemas/DriftChange' } },
          },
        },
      },
    },
  },
  DriftChange: {
    type: 'object',
    required: ['kind', 'table', 'explanation'],
    properties: {
      kind: { enum: ['table_missing', 'table_unexpected', 'column_missing', 'column_extra', 'type_changed', 'nullability_changed', 'default_changed', 'index_missing', 'index_extra', 'index_changed'] },
      table: { type: 'string' },
      column: { type: 'string' },
      index: { type: 'string' },
      expected: { description: 'What the applied migrations say (absent: nothing should be there).' },
      actual: { description: 'What the live database has (absent: nothing is there).' },
      explanation: { type: 'string' },
    },
  },
  SinkSyncResult: {
    type: 'object',
    required: ['workspace_id', 'sink', 'marked', 'skipped'],
    properties: {
      workspace_id: workspaceId,
      sink: { type: 'string' },
      marked: { type: 'array', items: { type: 'object', required: ['request_id', 'schema_name', 'status'], properties: { request_id: ulid, schema_name: schemaName, status: { enum: ATTRIBUTE_ENUMS.schema_request.status } } } },
      skipped: { type: 'array', items: { type: 'object', required: ['request_id', 'reason'], properties: { request_id: { type: 'string' }, reason: { type: 'string' } } } },
    },
  },
  AuditEvent: {
    type: 'object',
    required: ['id', 'at', 'actor', 'action', 'entity_type', 'entity_id', 'workspace_id', 'before', 'after', 'details'],
    properties: {
      id: ulid,
      at: timestamp,
      actor: { type: 'string' },
      action: { type: 'string', description: 'e.g. schema_version.published' },
      entity_type: { enum: ATTRIBUTE_ENUMS.audit_event.entity_type },
      entity_id: { type: 'string' },
      workspace_id: workspaceId,
      before: { description: 'The entity before the change (null when created).' },
      after: { description: 'The entity after the change.' },
      details: {},
    },
  },
  Notification: {
    type: 'object',
    required: ['id', 'workspace_id', 'kind', 'subject', 'delivered', 'delivery_channel', 'created_at'],
    properties: {
      id: ulid,
      workspace_id: workspaceId,
      kind: { type: 'string', description: 'e.g. schema_request.approved' },
      subject: { description: 'What the notification is about, e.g. {request_id, schema_name, comment}.' },
      delivered: { type: 'boolean' },
      delivery_channel: { type: 'string' },
      created_at: timestamp,
    },
  },
  AutoCreateLogEntry: {
    type: 'object',
    required: ['id', 'workspace_id', 'request_id', 'schema_name', 'table_name', 'action', 'details', 'created_at'],
    properties: {
      id: ulid,
      workspace_id: workspaceId,
      request_id: ulid,
      schema_name: schemaName,
      table_name: { type: 'string' },
      action: { enum: ATTRIBUTE_ENUMS.auto_create_log_entry.action },
      sink: { type: 'string' },
      details: { description: 'created: the SQL run and its timing; skipped: why; failed: the error and failing statement.' },
      created_at: timestamp,
    },
  },
  // The Confluent-compatible API's request bodies, in Confluent's own (camelCase) field names. Fields
  // Confluent's newer clients send that the registry does not use (metadata, ruleSet, id, version) are ignored.
  ConfluentSchemaRequest: {
    type: 'object',
    required: ['schema'],
    properties: {
      schema: { type: 'string', minLength: 1, description: 'The schema: Avro or JSON Schema as JSON text, Protobuf as .proto source.' },
      schemaType: { enum: ['AVRO', 'JSON', 'PROTOBUF'], description: 'AVRO when absent.' },
      references: {
        type: 'array',
        maxItems: 20,
        items: {
          type: 'object',
          required: ['name', 'subject', 'version'],
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, subject: { type: 'string', minLength: 1, maxLength: 200 }, version: { type: 'integer', minimum: 1 } },
        },
      },
    },
  },
  ConfluentConfigUpdate: {
    type: 'object',
    required: ['compatibility'],
    properties: { compatibility: { type: 'string', maxLength: 40, description: 'A compatibility level, e.g. BACKWARD.' } },
  },
  ConfluentModeUpdate: { type: 'object', required: ['mode'], properties: { mode: { type: 'string', maxLength: 40 } } },
} as const;

export type ContractName = keyof typeof contracts;

/** Where a contract leaves a value unconstrained (a definition, a document), the parsed body holds JSON. */
type JsonIfUnknown<T> = { [K in keyof T]: unknown extends T[K] ? Json : ValuesJsonIfUnknown<T[K]> };
type ValuesJsonIfUnknown<V> = V extends Record<string, unknown> ? { [P in keyof V]: unknown extends V[P] ? Json : V[P] } : V;

/** The type of each contract's valid values (defaults are not applied, so defaulted fields stay optional). */
export type ContractTypes = { [N in ContractName]: JsonIfUnknown<FromSchema<(typeof contracts)[N], { keepDefaultedPropertiesOptional: true }>> };
