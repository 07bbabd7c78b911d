// GENERATED FILE: do not edit. Produced by `npm run codegen` (scripts/codegen.ts) from schema.yaml
// version 3.0.0 (sha256 11b38b6de8d0f1421453c9d8c676f3547b65c1b3ccdff228a04ad9a878125820).
// Change schema.yaml and run `npm run codegen`; `npm run codegen -- --check` fails when this file is stale.
import type { AttributeRule } from '../../dynamo/items.js';
import type { PlaceholderSpec } from '../../table-design/pattern.js';
import { ATTRIBUTE_ENUMS } from '../table.js';

// The placeholder rules of the key patterns and the rules of the attributes, each distinct one once.
export const workspaceIdSpec: PlaceholderSpec = {"type":"string","maxLength":63,"pattern":"^[a-z0-9][a-z0-9-]{0,62}$"};
export const schemaNameSpec: PlaceholderSpec = {"type":"string","maxLength":63,"pattern":"^[a-z][a-z0-9_]{0,62}$"};
export const versionSpec: PlaceholderSpec = {"type":"integer","padWidth":10,"minimum":1};
export const ulidSpec: PlaceholderSpec = {"type":"string","maxLength":26,"pattern":"^[0-9A-HJKMNP-TV-Z]{26}$"};
export const fingerprintSpec: PlaceholderSpec = {"type":"string","maxLength":64,"pattern":"^[0-9a-f]{64}$"};
export const engineSpec: PlaceholderSpec = {"type":"string","maxLength":32,"pattern":"^[a-z][a-z0-9-]{0,31}$"};
export const idSpec: PlaceholderSpec = {"type":"integer","padWidth":12,"minimum":1};
export const shardSpec: PlaceholderSpec = {"type":"integer","padWidth":2,"minimum":0};
export const fieldSpec: PlaceholderSpec = {"type":"string","maxLength":63,"pattern":"^[A-Za-z_][A-Za-z0-9_]{0,62}$"};
export const valueSpec: PlaceholderSpec = {"type":"string","maxLength":512};
export const statusSpec: PlaceholderSpec = {"type":"string","maxLength":16};
export const requesterSpec: PlaceholderSpec = {"type":"string","maxLength":256};
export const entityTypeSpec: PlaceholderSpec = {"type":"string","maxLength":32};
export const entityIdSpec: PlaceholderSpec = {"type":"string","maxLength":128};
export const resourceSpec: PlaceholderSpec = {"type":"string","maxLength":64,"pattern":"^[a-z][a-z0-9_.]{0,63}$"};
export const idempotencyKeySpec: PlaceholderSpec = {"type":"string","maxLength":128,"pattern":"^[A-Za-z0-9_.:-]{1,128}$"};

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

export const workspaceIdRule: AttributeRule = { type: "string", required: true, pattern: workspaceIdPattern };
export const nameRule: AttributeRule = { type: "string", required: true, pattern: schemaNamePattern };
export const requiredNumberRule: AttributeRule = { type: "number", required: true };
export const latestVersionIdRule: AttributeRule = { type: "string", required: true, pattern: ulidPattern };
export const engineRule: AttributeRule = { type: "string", required: true, default: {"value":"json-schema"}, pattern: enginePattern };
export const compatibilityRule: AttributeRule = { type: "enum", values: ATTRIBUTE_ENUMS.schema.compatibility };
export const openContentModelRule: AttributeRule = { type: "enum", values: ATTRIBUTE_ENUMS.schema.open_content_model };
export const defaultDialectRule: AttributeRule = { type: "enum", values: ATTRIBUTE_ENUMS.schema.default_dialect };
export const stateRule: AttributeRule = { type: "enum", required: true, default: {"value":"active"}, values: ATTRIBUTE_ENUMS.schema.state };
export const stringRule: AttributeRule = { type: "string" };
export const numberRule: AttributeRule = { type: "number" };
export const createdAtRule: AttributeRule = { type: "string", required: true, default: "now", pattern: timestampPattern };
export const requiredStringRule: AttributeRule = { type: "string", required: true };
export const fingerprintRule: AttributeRule = { type: "string", required: true, pattern: fingerprintPattern };
export const referrerTokenRule: AttributeRule = { type: "string", pattern: ulidPattern };
export const subjectRule: AttributeRule = { type: "string", required: true, pattern: subjectPattern };
export const shardRule: AttributeRule = { type: "number", required: true, default: {"value":0} };
export const fieldRule: AttributeRule = { type: "string", required: true, pattern: fieldPattern };
export const statusRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.payload_index_backfill.status };
export const statusRule2: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.schema_request.status };
export const riskRule: AttributeRule = { type: "enum", values: ATTRIBUTE_ENUMS.schema_request.risk };
export const entityTypeRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.audit_event.entity_type };
export const deliveredRule: AttributeRule = { type: "boolean", required: true, default: {"value":false} };
export const deliveryChannelRule: AttributeRule = { type: "string", required: true, default: {"value":"api"} };
export const resourceRule: AttributeRule = { type: "string", required: true, pattern: resourcePattern };
export const idempotencyKeyRule: AttributeRule = { type: "string", required: true, pattern: idempotencyKeyPattern };
export const dialectRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.sink_config.dialect };
export const namespaceRule: AttributeRule = { type: "string", pattern: namespacePattern };
export const environmentRule: AttributeRule = { type: "string", pattern: schemaNamePattern };
export const operationRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.migration_attempt.operation };
export const outcomeRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.migration_attempt.outcome };
export const checksumRule: AttributeRule = { type: "string", pattern: fingerprintPattern };
export const actionRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.auto_create_log_entry.action };
export const roleRule: AttributeRule = { type: "enum", required: true, values: ATTRIBUTE_ENUMS.api_key.role };
export const schemaYamlVersionRule: AttributeRule = { type: "string", required: true, pattern: schemaYamlVersionPattern };
export const stateRule2: AttributeRule = { type: "enum", values: ATTRIBUTE_ENUMS.registry_meta.state };
export const migrationToVersionRule: AttributeRule = { type: "string", pattern: schemaYamlVersionPattern };
export const migrationStartedAtRule: AttributeRule = { type: "string", pattern: timestampPattern };
