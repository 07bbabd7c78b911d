/** A migration's file name is a property of the request, not of the moment it is read. */
import { describe, expect, it } from 'vitest';
import { caricaturesV1 } from '../sql/fixtures.js';
import { useRegistry } from '../support/registry.js';

let clock = new Date('2026-03-01T09:00:00.000Z');
const reg = useRegistry({ now: () => clock, settings: { autoApproveDefault: false, requestRatePerHour: 20, requestBurst: 5 } });
const at = (iso: string) => {
  clock = new Date(iso);
};

describe('the migration file name', () => {
  it('is dated by the request creation, before and after approval, whenever it is read', async () => {
    const writer = await reg.token('wendy', { mig: 'writer' });
    const reviewer = await reg.token('rita', { mig: 'reviewer' });
    at('2026-03-01T09:00:00.000Z');
    const created = await reg.call('POST', '/api/v1/schema-requests', { token: writer, body: { workspace_id: 'mig', schema_name: 'caricatures', table: caricaturesV1 } });
    expect(created.status).toBe(201);
    expect(created.body.migration_preview.file_name).toBe('20260301_090000_create_caricatures');
    const migration = async (dialect: string) => (await reg.call('GET', `/api/v1/schema-requests/${created.body.id}/migration?dialect=${dialect}`, { token: reviewer })).body.file_name;

    at('2026-03-02T10:30:00.000Z');
    expect(await migration('postgres')).toBe('20260301_090000_create_caricatures');
    at('2026-03-02T10:31:07.000Z');
    expect(await migration('sqlite')).toBe('20260301_090000_create_caricatures');

    at('2026-03-03T08:15:42.000Z');
    expect((await reg.call('PATCH', `/api/v1/schema-requests/${created.body.id}`, { token: reviewer, body: { status: 'approved' } })).status).toBe(200);
    for (const later of ['2026-03-03T08:16:00.000Z', '2026-04-01T00:00:00.000Z']) {
      at(later);
      // Approval (and later apply or rollback) moves updated_at on; the file keeps its name.
      expect(await migration('postgres')).toBe('20260301_090000_create_caricatures');
      expect(await migration('mysql')).toBe('20260301_090000_create_caricatures');
    }
  });
});
