/** Route group `schemas`: publish and read schema versions. */
import { pageSize } from '../lib/api/request-check.js';
import { ValidationError } from '../lib/errors.js';
import { registryGroup } from '../lib/api/registry-group.js';
import { buildSchemaServices } from '../lib/compose/schemas.js';
import { API_PREFIX, IDEMPOTENCY_KEY_HEADER, reply } from '../lib/api/route.js';
import { CONTRACTS } from '../lib/generated/contracts/group-schemas.js';

const schemas = `${API_PREFIX}/schemas`;

export const group = registryGroup('schemas', 'read-write', buildSchemaServices, CONTRACTS);

group.route({
  method: 'POST',
  path: schemas,
  operation: 'publishSchema',
  role: 'admin',
  summary: 'Publish the next version of a schema (200 with the existing version when the definition is already one; 409 with the breaking changes when incompatible; ?dry_run=true checks only)',
  body: 'PublishSchemaRequest',
  query: 'PublishSchemaQuery',
  response: {
    status: 201,
    contract: 'SchemaVersion',
    alternatives: [{ status: 200, description: 'The definition is already a version of this schema (that version), or dry_run=true (what publishing would do)', contracts: ['SchemaVersion', 'SchemaDryRun'] }],
  },
  headers: [IDEMPOTENCY_KEY_HEADER],
  example: { body: { workspace_id: 'acme', name: 'authz_new', definition: { type: 'object' } } },
  handle: async ({ principal, body, query, header }, { schemas }) => {
    if (query.dry_run === 'true') return reply(200, await schemas.dryRun(principal, body));
    const { version, created, warnings, replayed } = await schemas.publish(principal, body, header('idempotency-key'));
    const headers = { ...(created ? { Location: `${API_PREFIX}/schemas/${version.id}` } : {}), ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) };
    return reply(created ? 201 : 200, { ...version, warnings }, headers);
  },
});

group.route({
  method: 'PATCH',
  path: `${schemas}/{id}`,
  operation: 'setSchemaVersionState',
  role: 'admin',
  summary: 'Move a version to active, deprecated (writes accepted with a Deprecation header) or disabled (writes refused)',
  body: 'SchemaStateUpdate',
  response: { status: 200, contract: 'SchemaVersion' },
  example: { path: { id: '<schema>' }, body: { state: 'active' } },
  handle: async ({ principal, id, body }, { schemas }) => schemas.setState(principal, id, body.state),
});

group.route({
  method: 'GET',
  path: `${schemas}/{id}/diff`,
  operation: 'diffSchemaVersions',
  role: 'reader',
  summary: 'Every change from version `against` to this one, explained, with its compatibility',
  query: 'DiffQuery',
  response: { status: 200, contract: 'SchemaDiff' },
  raises: [ValidationError],
  example: { path: { id: '<schema>' }, query: { against: '<schema>' } },
  handle: async ({ principal, id, query }, { schemas }) => schemas.diff(principal, id, query.against),
});

group.route({
  method: 'GET',
  path: `${schemas}/{id}/config`,
  operation: 'getSchemaConfig',
  role: 'reader',
  summary: 'The compatibility mode and default dialect in force for the schema (every version) and where each comes from',
  response: { status: 200 },
  example: { path: { id: '<schema>' } },
  handle: async ({ principal, id }, { schemas }) => schemas.config(principal, id),
});

group.route({
  method: 'PUT',
  path: `${schemas}/{id}/config`,
  operation: 'setSchemaConfig',
  role: 'admin',
  summary: 'Set the schema\u2019s compatibility mode, open-content-model rule and default dialect (draft of definitions without $schema)',
  body: 'SchemaConfigUpdate',
  response: { status: 200 },
  example: { path: { id: '<schema>' }, body: { compatibility: 'BACKWARD' } },
  handle: async ({ principal, id, body }, { schemas }) => schemas.setConfig(principal, id, body),
});

group.route({
  method: 'GET',
  path: schemas,
  operation: 'listSchemas',
  role: 'reader',
  summary: 'The latest version of each schema in a workspace',
  query: 'ListSchemasQuery',
  response: { status: 200, contract: 'SchemaVersion', list: true },
  example: { query: { workspace_id: 'acme' } },
  handle: async ({ principal, query: q }, { schemas }) => schemas.listLatest(principal, q.workspace_id, q.prefix, pageSize(q.limit), q.cursor),
});

group.route({
  method: 'GET',
  path: `${schemas}/{id}`,
  operation: 'getSchemaVersion',
  role: 'reader',
  summary: 'One schema version',
  response: { status: 200, contract: 'SchemaVersion' },
  example: { path: { id: '<schema>' } },
  handle: async ({ principal, id }, { schemas }) => schemas.get(principal, id),
});

group.route({
  method: 'GET',
  path: `${schemas}/{id}/versions`,
  operation: 'listSchemaVersions',
  role: 'reader',
  summary: 'Every version of the schema this version belongs to, oldest first',
  query: 'PageQuery',
  response: { status: 200, contract: 'SchemaVersion', list: true },
  example: { path: { id: '<schema>' } },
  handle: async ({ principal, id, query: q }, { schemas }) => schemas.versions(principal, id, pageSize(q.limit), q.cursor),
});

group.route({
  method: 'GET',
  path: `${schemas}/{id}/references`,
  operation: 'listSchemaReferences',
  role: 'reader',
  summary: 'The versions this version references (uses) and one page of the versions that reference it (used_by), with their states',
  query: 'PageQuery',
  response: { status: 200 },
  example: { path: { id: '<schema>' } },
  handle: async ({ principal, id, query: q }, { schemas }) => schemas.references(principal, id, pageSize(q.limit), q.cursor),
});

group.route({
  method: 'GET',
  path: `${schemas}/{id}/fields`,
  operation: 'describeSchemaFields',
  role: 'reader',
  summary: 'Every field of the definition: path, types, required, nullable, description, default, enum, format',
  response: { status: 200, contract: 'SchemaFields' },
  raises: [ValidationError],
  example: { path: { id: '<schema>' } },
  handle: async ({ principal, id }, { schemas }) => ({ fields: await schemas.fields(principal, id) }),
});

group.route({
  method: 'GET',
  path: `${schemas}/{id}/default`,
  operation: 'getSchemaDefault',
  role: 'reader',
  summary: 'A starting document for forms and command-line use',
  response: { status: 200 },
  raises: [ValidationError],
  example: { path: { id: '<schema>' } },
  handle: async ({ principal, id }, { schemas }) => schemas.defaultValue(principal, id),
});

export const { buildHandler, handler } = group;
