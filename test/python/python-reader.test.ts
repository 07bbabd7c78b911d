/**
 * The Python reference reader (clients/python) against the TypeScript registry, on the same DynamoDB Local:
 * schema.yaml alone must be enough for another language to find, decode and write the registry's items.
 * Needs /usr/bin/python3 with PyYAML, jsonschema and boto3 (.ci/run installs them); without them every
 * test here reports itself skipped, with the reason in its name.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_DESIGN } from '../../lib/generated/table.js';
import { dynamodbEndpoint, useTestTable } from '../support/dynamo.js';
import { useRegistry } from '../support/registry.js';
import { REPO_ROOT, runFromRoot, type Run } from '../support/run.js';

const PYTHON = '/usr/bin/python3';
const MODULES = ['yaml', 'jsonschema', 'boto3'];
const READER_ENV = { PYTHONPATH: `${REPO_ROOT}clients/python` };

/** Why the Python tests cannot run here, or undefined when they can. */
function pythonUnavailable(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = `import importlib.util as u; print(",".join(m for m in ${JSON.stringify(MODULES)} if u.find_spec(m) is None))`;
  const out = spawnSync(PYTHON, ['-c', probe], { encoding: 'utf8' });
  if (out.status !== 0) return `${PYTHON} failed: ${out.stderr.trim()}`;
  const missing = out.stdout.trim();
  return missing ? `${PYTHON} lacks the module(s) ${missing}; install python3-yaml python3-jsonschema python3-boto3` : undefined;
}

const unavailable = pythonUnavailable();
if (unavailable) console.warn(`Python reader tests skipped: ${unavailable}`);
const skipNote = unavailable ? ` [skipped: ${unavailable}]` : '';

/** How many test methods the Python suite defines, counted from its sources. */
function pythonTestCount(): number {
  const dir = `${REPO_ROOT}clients/python/tests`;
  const sources = readdirSync(dir).filter((f) => /^test_.*\.py$/.test(f));
  return sources.reduce((n, f) => n + (readFileSync(`${dir}/${f}`, 'utf8').match(/^\s+def test_\w+\(/gm)?.length ?? 0), 0);
}

/** Python from the repository root, writing no bytecode into the tree. */
const python = (args: string[], env: Record<string, string> = {}): Promise<Run> => runFromRoot(PYTHON, args, { ...env, PYTHONDONTWRITEBYTECODE: '1' });

const reg = useRegistry();
// The unittest suite rewrites the design record of its table, so it gets a table of its own.
const suiteTable = useTestTable();

/** The reader's CLI on the registry's table; its stdout is JSON. */
async function reader(...args: string[]): Promise<any> {
  const run = await python(['-m', 'schema_registry_reader', '--endpoint', dynamodbEndpoint(), '--table', reg.tableName, ...args], READER_ENV);
  expect(run.stderr, `python ${args.join(' ')}`).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe('the Python reference reader', () => {
  it.skipIf(unavailable)(`passes its unittest suite: every conformance vector, the design hash, the design record checks${skipNote}`, async () => {
    const run = await python(['-m', 'unittest', 'discover', '-s', 'clients/python/tests'], {
      SCHEMA_REGISTRY_TEST_DYNAMODB_ENDPOINT: suiteTable.endpoint,
      SCHEMA_REGISTRY_TEST_TABLE: suiteTable.tableName,
    });
    expect(run.status, run.stderr).toBe(0);
    // unittest reports on stderr; with DynamoDB given, every test the suite defines runs and none is skipped.
    expect(run.stderr).toMatch(new RegExp(`Ran ${pythonTestCount()} tests`));
    expect(run.stderr).not.toMatch(/skipped/);
    // ...and its DynamoDB tests ran against the table given to them: the workspaces they wrote are there.
    const { Items = [] } = await suiteTable.dynamo.raw.send(new ScanCommand({ TableName: suiteTable.tableName }));
    const workspaces = new Set(Items.map((item) => item.workspace_id?.S).filter((w) => w?.startsWith('py-')));
    expect(workspaces.size).toBeGreaterThanOrEqual(3);
  });

  it.skipIf(unavailable)(`computes the design hash TypeScript computed, from schema.yaml alone${skipNote}`, async () => {
    const run = await python(['-m', 'schema_registry_reader', 'design'], READER_ENV);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ version: TABLE_DESIGN.version, hash: TABLE_DESIGN.hash });
  });
});

describe('a round trip between the TypeScript API and the Python reader on DynamoDB Local', () => {
  let admin: string;
  let writer: string;
  let ref: string;
  const definition = {
    type: 'object',
    required: ['user_id'],
    properties: { user_id: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } }, score: { type: 'number' } },
  };

  beforeAll(async () => {
    if (unavailable) return;
    admin = await reg.token('ada', { acme: 'admin' });
    writer = await reg.token('wes', { acme: 'writer' });
    const published = await reg.call('POST', '/api/v1/schemas', { token: admin, body: { workspace_id: 'acme', name: 'caricatures', definition } });
    expect(published.status).toBe(201);
    ref = published.body.id;
    for (const data of [{ user_id: 'u1', tags: ['a', 'b'] }, { user_id: 'Zoë 🎨', score: 0.5 }]) {
      const res = await reg.call('POST', '/api/v1/payloads', { token: writer, body: { schema_ref: ref, data, meta: { source: 'api' } } });
      expect(res.status).toBe(201);
    }
  });

  it.skipIf(unavailable)(`Python finds what the API wrote through access patterns only, and decodes it as the API shows it${skipNote}`, async () => {
    const version = await reader('get', 'schema_version_by_id', `id=${ref}`);
    expect(version).toEqual((await reg.call('GET', `/api/v1/schemas/${ref}`, { token: writer })).body);

    const listed = await reader('query', 'payloads_by_schema_name', 'workspace_id=acme', 'schema_name=caricatures');
    const apiList = (await reg.call('GET', '/api/v1/payloads?workspace_id=acme&schema_name=caricatures', { token: writer })).body.items;
    expect(listed).toHaveLength(2);
    // The listing shard is the table's business: the API does not show it.
    const withoutShard = ({ shard, ...p }: { shard: number }) => (expect(shard).toBe(0), p);
    expect(listed.map(withoutShard)).toEqual(apiList);

    const one = await reader('get', 'payload_by_key', 'workspace_id=acme', `id=${apiList[1].id}`);
    expect(withoutShard(one)).toEqual((await reg.call('GET', `/api/v1/payloads/${apiList[1].id}`, { token: writer })).body);
    expect(one.data).toEqual({ user_id: 'Zoë 🎨', score: 0.5 });
  });

  it.skipIf(unavailable)(`the API lists and reads a payload the Python writer stored${skipNote}`, async () => {
    const id = ulid();
    const attributes = { id, workspace_id: 'acme', shard: 0, schema_ref: ref, schema_name: 'caricatures', schema_version: 1, data: { user_id: 'from-python', nested: { b: 1, a: [true, null] } }, meta: { source: 'python' }, created_by: 'system:python-reader' };
    const keys = await reader('put', 'payload', '--item', JSON.stringify(attributes));
    expect(keys).toMatchObject({ PK: `WS#acme#PAYLOAD#${id}`, GSI4PK: 'WS#acme#SCHEMA#caricatures#PAYLOADS#00', GSI4SK: `PAYLOAD#${id}` });

    const listed = await reg.call('GET', '/api/v1/payloads?workspace_id=acme&schema_name=caricatures', { token: writer });
    expect(listed.body.items.map((p: { id: string }) => p.id)).toContain(id);
    const read = await reg.call('GET', `/api/v1/payloads/${id}`, { token: writer });
    expect(read.status).toBe(200);
    const { created_at, ...rest } = read.body;
    // The Python writer sets no revision: such a payload reads as revision 1 (README, "Writing payloads").
    const { shard: _shard, ...shown } = attributes;
    expect(rest).toEqual({ ...shown, revision: 1 });
    expect(created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const byVersion = await reg.call('GET', `/api/v1/payloads?schema_ref=${ref}`, { token: writer });
    expect(byVersion.body.items.map((p: { id: string }) => p.id)).toContain(id);
  });
});

describe('the record types of sinks, migration attempts and the auto-create log, between the API and the Python reader', () => {
  it.skipIf(unavailable)(`Python reads a sink the API kept (its reference only) and the API lists an auto-create entry Python wrote${skipNote}`, async () => {
    const admin = await reg.token('ada', { 'py-sinks': 'admin' });
    const put = await reg.call('PUT', '/api/v1/workspaces/py-sinks/sinks/default', { token: admin, body: { dialect: 'postgres', connection: { kind: 'embedded' }, apply_on_approval: true } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const sinks = await reader('query', 'sinks_by_workspace', 'workspace_id=py-sinks');
    expect(sinks).toEqual([{ workspace_id: 'py-sinks', name: 'default', dialect: 'postgres', connection: { kind: 'embedded' }, namespace: 'ws_py_sinks', apply_on_approval: true, updated_at: put.body.updated_at, updated_by: 'ada' }]);

    const id = ulid();
    const entry = { id, workspace_id: 'py-sinks', request_id: ulid(), schema_name: 'notes', table_name: 'notes', action: 'skipped', details: { reason: 'risk is high', risk: 'high' }, created_at: '2026-12-01T10:00:00.000Z' };
    expect(await reader('put', 'auto_create_log_entry', '--item', JSON.stringify(entry))).toMatchObject({ PK: 'WS#py-sinks#AUTO_CREATE', SK: `AUTO_CREATE#${id}` });
    const log = await reg.call('GET', '/api/v1/workspaces/py-sinks/auto-create-log', { token: admin });
    expect(log.body.items).toEqual([entry]);
  });
});
