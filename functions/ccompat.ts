/**
 * Route group `ccompat`: the Confluent-compatible REST API under /apis/ccompat/v7 (Apicurio's prefix), so
 * Kafka serializers written for Confluent Schema Registry work unchanged. Subjects are schemas of a
 * workspace; answers and errors are in Confluent's shapes (lib/ccompat/). Not in the OpenAPI document:
 * README's "Confluent-compatible API" documents it and how it differs from Confluent's.
 */
import { CCOMPAT_PREFIX, CCOMPAT_WIRE } from '../lib/ccompat/wire.js';
import { contentOf, flag, schemaIdOf, schemaOnly, subjectOf, versionOf, workspaceOf } from '../lib/ccompat/request.js';
import { SCHEMA_TYPES } from '../lib/ccompat/schema-types.js';
import { registryGroup } from '../lib/api/registry-group.js';
import { buildCcompatServices } from '../lib/compose/ccompat.js';
import { CONTRACTS } from '../lib/generated/contracts/group-ccompat.js';

export const group = registryGroup('ccompat', 'read-write', buildCcompatServices, CONTRACTS, { wire: CCOMPAT_WIRE });

const subjects = `${CCOMPAT_PREFIX}/subjects`;
const one = `${subjects}/{subject}`;
const version = `${one}/versions/{version}`;
const ids = `${CCOMPAT_PREFIX}/schemas/ids/{schema_id}`;

group.route({
  method: 'GET',
  path: `${CCOMPAT_PREFIX}/schemas/types`,
  operation: 'ccompatSchemaTypes',
  role: 'user',
  summary: 'The schema types: AVRO, JSON, PROTOBUF',
  response: { status: 200 },
  handle: async () => SCHEMA_TYPES,
});

group.route({
  method: 'GET',
  path: ids,
  operation: 'ccompatSchemaById',
  role: 'reader',
  summary: 'The schema with this id',
  response: { status: 200 },
  example: { path: { schema_id: '<ccompat_id>' } },
  handle: async (req, { ccompat }) => ccompat.schemaById(req.principal, schemaIdOf(req)),
});

group.route({
  method: 'GET',
  path: `${ids}/schema`,
  operation: 'ccompatSchemaTextById',
  role: 'reader',
  summary: 'The schema with this id, alone',
  response: { status: 200 },
  example: { path: { schema_id: '<ccompat_id>' } },
  handle: async (req, { ccompat }) => schemaOnly(await ccompat.schemaById(req.principal, schemaIdOf(req))),
});

group.route({
  method: 'GET',
  path: `${ids}/versions`,
  operation: 'ccompatSchemaVersionsById',
  role: 'reader',
  summary: 'The subject and version the id was first registered as',
  response: { status: 200 },
  example: { path: { schema_id: '<ccompat_id>' } },
  handle: async (req, { ccompat }) => {
    const { record } = await ccompat.byId(req.principal, schemaIdOf(req));
    return [{ subject: await ccompat.subjectOf(record.workspace_id, record.name), version: record.version }];
  },
});

group.route({
  method: 'GET',
  path: subjects,
  operation: 'ccompatListSubjects',
  role: 'reader',
  summary: 'Every subject of the workspace (soft-deleted ones with deleted=true)',
  response: { status: 200 },
  example: { query: { subjectPrefix: ':.acme:' } },
  handle: async (req, { ccompat }) => ccompat.subjects(req.principal, workspaceOf(req), flag(req, 'deleted')),
});

group.route({
  method: 'GET',
  path: `${one}/versions`,
  operation: 'ccompatListVersions',
  role: 'reader',
  summary: 'The version numbers of a subject',
  response: { status: 200 },
  example: { path: { subject: ':.acme:authz' } },
  handle: async (req, { ccompat }) => ccompat.versions(req.principal, subjectOf(req), flag(req, 'deleted')),
});

group.route({
  method: 'POST',
  path: `${one}/versions`,
  operation: 'ccompatRegister',
  role: 'admin',
  summary: 'Register a schema under a subject (publish it); answers its id',
  body: 'ConfluentSchemaRequest',
  response: { status: 200 },
  example: { path: { subject: ':.acme:authz' }, body: { schema: '{"type":"object"}', schemaType: 'JSON' } },
  handle: async (req, { ccompat }) => ccompat.register(req.principal, subjectOf(req), contentOf(req)),
});

group.route({
  method: 'POST',
  path: one,
  operation: 'ccompatLookUp',
  role: 'reader',
  summary: 'The version of the subject with this schema',
  body: 'ConfluentSchemaRequest',
  response: { status: 200 },
  example: { path: { subject: ':.acme:authz' }, body: { schema: '{"type":"object"}', schemaType: 'JSON' } },
  handle: async (req, { ccompat }) => ccompat.lookup(req.principal, subjectOf(req), contentOf(req), flag(req, 'deleted')),
});

group.route({
  method: 'DELETE',
  path: one,
  operation: 'ccompatDeleteSubject',
  role: 'admin',
  summary: 'Soft-delete every version of a subject (disables them); permanent=true is refused (versions are immutable)',
  response: { status: 200 },
  example: { path: { subject: ':.acme:authz_ccompat_subject' } },
  handle: async (req, { ccompat }) => ccompat.deleteSubject(req.principal, subjectOf(req), flag(req, 'permanent')),
});

group.route({
  method: 'GET',
  path: version,
  operation: 'ccompatGetVersion',
  role: 'reader',
  summary: 'One version of a subject (a number, or latest)',
  response: { status: 200 },
  example: { path: { subject: ':.acme:authz', version: 'latest' } },
  handle: async (req, { ccompat }) => ccompat.version(req.principal, subjectOf(req), versionOf(req), flag(req, 'deleted')),
});

group.route({
  method: 'GET',
  path: `${version}/schema`,
  operation: 'ccompatGetVersionSchema',
  role: 'reader',
  summary: 'The schema of one version of a subject, alone',
  response: { status: 200 },
  example: { path: { subject: ':.acme:authz', version: '1' } },
  handle: async (req, { ccompat }) => schemaOnly(await ccompat.version(req.principal, subjectOf(req), versionOf(req), flag(req, 'deleted'))),
});

group.route({
  method: 'DELETE',
  path: version,
  operation: 'ccompatDeleteVersion',
  role: 'admin',
  summary: 'Soft-delete one version (disables it); permanent=true is refused (versions are immutable)',
  response: { status: 200 },
  example: { path: { subject: ':.acme:authz_ccompat_version', version: '1' } },
  handle: async (req, { ccompat }) => ccompat.deleteVersion(req.principal, subjectOf(req), versionOf(req), flag(req, 'permanent')),
});

group.route({
  method: 'POST',
  path: `${CCOMPAT_PREFIX}/compatibility/subjects/{subject}/versions/{version}`,
  operation: 'ccompatCheckCompatibility',
  role: 'admin',
  summary: 'Whether the schema could be registered to the subject now (verbose=true: why not)',
  body: 'ConfluentSchemaRequest',
  response: { status: 200 },
  example: { path: { subject: ':.acme:authz', version: 'latest' }, body: { schema: '{"type":"object"}', schemaType: 'JSON' } },
  handle: async (req, { ccompatConfig }) => ccompatConfig.check(req.principal, subjectOf(req), versionOf(req), contentOf(req), flag(req, 'verbose')),
});

group.route({
  method: 'GET',
  path: `${CCOMPAT_PREFIX}/config`,
  operation: 'ccompatGetConfig',
  role: 'reader',
  summary: 'The workspace\u2019s default compatibility level',
  response: { status: 200 },
  example: { query: { subjectPrefix: ':.acme:' } },
  handle: async (req, { ccompatConfig }) => ccompatConfig.get(req.principal, workspaceOf(req)),
});

group.route({
  method: 'PUT',
  path: `${CCOMPAT_PREFIX}/config`,
  operation: 'ccompatSetConfig',
  role: 'admin',
  summary: 'Set the workspace\u2019s default compatibility level',
  body: 'ConfluentConfigUpdate',
  response: { status: 200 },
  example: { query: { subjectPrefix: ':.acme:' }, body: { compatibility: 'BACKWARD' } },
  handle: async (req, { ccompatConfig }) => ccompatConfig.set(req.principal, workspaceOf(req), req.body.compatibility),
});

group.route({
  method: 'GET',
  path: `${CCOMPAT_PREFIX}/config/{subject}`,
  operation: 'ccompatGetSubjectConfig',
  role: 'reader',
  summary: 'The compatibility level in force for a subject',
  response: { status: 200 },
  example: { path: { subject: ':.acme:authz' } },
  handle: async (req, { ccompatConfig }) => ccompatConfig.get(req.principal, subjectOf(req)),
});

group.route({
  method: 'PUT',
  path: `${CCOMPAT_PREFIX}/config/{subject}`,
  operation: 'ccompatSetSubjectConfig',
  role: 'admin',
  summary: 'Set a subject\u2019s compatibility level',
  body: 'ConfluentConfigUpdate',
  response: { status: 200 },
  example: { path: { subject: ':.acme:authz' }, body: { compatibility: 'BACKWARD' } },
  handle: async (req, { ccompatConfig }) => ccompatConfig.set(req.principal, subjectOf(req), req.body.compatibility),
});

group.route({
  method: 'GET',
  path: `${CCOMPAT_PREFIX}/mode`,
  operation: 'ccompatGetMode',
  role: 'reader',
  summary: 'The mode: always READWRITE',
  response: { status: 200 },
  example: { query: { subjectPrefix: ':.acme:' } },
  handle: async (req, { ccompatConfig }) => ccompatConfig.mode(req.principal, workspaceOf(req)),
});

group.route({
  method: 'PUT',
  path: `${CCOMPAT_PREFIX}/mode`,
  operation: 'ccompatSetMode',
  role: 'admin',
  summary: 'Set the mode: only READWRITE is accepted',
  body: 'ConfluentModeUpdate',
  response: { status: 200 },
  example: { query: { subjectPrefix: ':.acme:' }, body: { mode: 'READWRITE' } },
  handle: async (req, { ccompatConfig }) => ccompatConfig.setMode(req.principal, workspaceOf(req), req.body.mode),
});

export const { buildHandler, handler } = group;
