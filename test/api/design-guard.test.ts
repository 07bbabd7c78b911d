/** The design guard in the handlers: writes wait for it once per container; reads never do. */
import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { majorVersion } from '../../lib/dynamo/design-record.js';
import { Table } from '../../lib/dynamo/table.js';
import { loadEntities } from '../../lib/compose/entities.js';
import { TABLE_DESIGN } from '../../lib/generated/table.js';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
let admin: string;
let table: Table;

beforeAll(async () => {
  admin = await reg.token('ada', { acme: 'admin' });
  table = new Table({ ...reg.deps, newId: monotonicFactory() }, loadEntities);
});

const recordDesign = async (version: string) =>
  (await table.entities()).registry_meta.put({ schema_yaml_version: version, schema_yaml_hash: TABLE_DESIGN.hash, recorded_by: 'system:test' }).go();

describe('writes through the API', () => {
  it('are refused while the table records another major version, and served once it records ours', async () => {
    await recordDesign(`${majorVersion(TABLE_DESIGN.version) + 1}.0.0`);
    const body = { workspace_id: 'acme', name: 'guarded', definition: { type: 'object' } };
    const refused = await reg.call('POST', '/api/v1/schemas', { token: admin, body });
    // A problem the client can read, without the table's name (operators find that in the log).
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(refused.body).toMatchObject({ type: 'urn:schema-registry:problem:table-design-mismatch', title: 'Table design mismatch', status: 503 });
    expect(refused.body.detail).toMatch(/another major version of schema.yaml .* writes are refused until an operator migrates it/);
    expect(refused.body.detail).not.toContain(reg.tableName);
    const listed = await reg.call('GET', '/api/v1/schemas?workspace_id=acme', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);

    await recordDesign(TABLE_DESIGN.version);
    expect((await reg.call('POST', '/api/v1/schemas', { token: admin, body })).status).toBe(201);
  });
});
