/** The auto-approval worker's batch on a table of its own, so which requests are pending is known. */
import { describe, expect, it } from 'vitest';
import { buildServices } from '../../lib/registry.js';
import { DEFAULT_BATCH, runAutoApproval } from '../../lib/requests/auto-approver.js';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry({ settings: { autoApproveDefault: false, requestRatePerHour: 100, requestBurst: 100 } });

const lowRisk = {
  columns: [
    { name: 'id', type: 'uuid', primary_key: true, nullable: false, default: 'gen_random_uuid()' },
    { name: 'created_at', type: 'timestamptz', nullable: false, default: 'now()' },
    { name: 'updated_at', type: 'timestamptz', nullable: false, default: 'now()' },
  ],
};

describe('the auto-approval worker', () => {
  it('reaches a new request behind a full batch of requests it already decided', async () => {
    const admin = await reg.token('ada', { 'zzz-on': 'admin' });
    const writer = await reg.token('wes', { 'aaa-off': 'writer', 'zzz-on': 'writer' });
    const mk = (workspace: string, name: string) => reg.call('POST', '/api/v1/schema-requests', { token: writer, body: { workspace_id: workspace, schema_name: name, table: lowRisk } });
    // A full batch of requests in a workspace that reviews by hand: skipped once, they stay pending for good.
    for (let i = 0; i < DEFAULT_BATCH; i++) expect((await mk('aaa-off', `manual_${i}`)).status).toBe(201);
    const services = buildServices(reg.deps);
    const run = () => runAutoApproval(services);
    expect((await run()).map((r) => r.decision.decision)).toEqual(Array(DEFAULT_BATCH).fill('skipped'));

    expect((await reg.call('PUT', '/api/v1/workspaces/zzz-on/policies', { token: admin, body: { auto_approve: true } })).status).toBe(200);
    const fresh = await mk('zzz-on', 'auto_notes');
    expect(fresh.body.risk).toBe('low');
    expect(await run()).toEqual([{ request_id: fresh.body.id, workspace_id: 'zzz-on', decision: expect.objectContaining({ decision: 'approved' }) }]);
  });
});
