/**
 * The workers of infra/workers.ts against the items the registry really writes: which stream records
 * their Lambda event filters let through.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKERS } from '../../infra/workers.js';
import { eventsFor, publish } from '../../lib/events/publisher.js';
import { buildServices } from '../../lib/registry.js';
import { runAutoApproval } from '../../lib/requests/auto-approver.js';
import { useRegistry } from '../support/registry.js';
import { passesFilters, streamRecordsOf, type ChangeRecord } from '../support/stream.js';

const reg = useRegistry({ settings: { autoApproveDefault: false, requestRatePerHour: 100, requestBurst: 100 } });
const tokens = { writer: '', reviewer: '' };
beforeAll(async () => {
  tokens.writer = await reg.token('wes', { acme: 'writer' });
  tokens.reviewer = await reg.token('rex', { acme: 'reviewer' });
});

const filtersOf = (id: string) => {
  const worker = WORKERS.find((w) => w.id === id);
  if (!worker?.stream?.filters) throw new Error(`infra/workers.ts has no stream worker ${id} with filters`);
  return worker.stream.filters;
};
const records = (operation: () => Promise<unknown>) => streamRecordsOf(reg.deps.dynamo.raw, reg.tableName, operation);
const passing = (id: string, rs: ChangeRecord[]) => rs.filter((r) => passesFilters(filtersOf(id), r));
const entity = (r: ChangeRecord) => r.dynamodb.NewImage?.__edb_e__?.S ?? r.dynamodb.OldImage?.__edb_e__?.S;

const table = { columns: [{ name: 'id', type: 'uuid', primary_key: true, nullable: false }, { name: 'note', type: 'text', nullable: true }] };
const createRequest = (name: string, body: Record<string, unknown> = {}) =>
  reg.call('POST', '/api/v1/schema-requests', { token: tokens.writer, body: { workspace_id: 'acme', schema_name: name, table, ...body } });

describe('the AutoApproval worker', () => {
  it('wakes for a request created pending, and for a draft when it is submitted', async () => {
    let id = '';
    const created = await records(async () => (id = (await createRequest('woken_on_create')).body.id));
    expect(passing('AutoApproval', created).map((r) => r.dynamodb.NewImage!.id!.S)).toEqual([id]);

    const draft = await records(async () => (id = (await createRequest('woken_on_submit', { submit: false })).body.id));
    expect(passing('AutoApproval', draft)).toEqual([]);
    const submitted = await records(() => reg.call('PATCH', `/api/v1/schema-requests/${id}`, { token: tokens.writer, body: { status: 'pending' } }));
    expect(passing('AutoApproval', submitted).map((r) => r.dynamodb.NewImage!.id!.S)).toEqual([id]);
  });

  it('does not wake for its own decisions, which leave the request pending (else a failing request would invoke it forever)', async () => {
    await createRequest('decided_by_the_worker');
    const services = buildServices(reg.deps);
    const decisions = await records(() => runAutoApproval(services));
    expect(decisions.filter((r) => entity(r) === 'schema_request' && r.eventName === 'MODIFY').length).toBeGreaterThan(0);
    expect(passing('AutoApproval', decisions)).toEqual([]);
  });

  it('does not wake when a request is decided', async () => {
    const { body } = await createRequest('decided_by_a_reviewer');
    const approved = await records(() => reg.call('PATCH', `/api/v1/schema-requests/${body.id}`, { token: tokens.reviewer, body: { status: 'approved' } }));
    expect(approved.length).toBeGreaterThan(0);
    expect(passing('AutoApproval', approved)).toEqual([]);
  });
});

describe('the StreamProcessor worker', () => {
  it('receives exactly the new notifications and audit events of an approval, and turns each into an event', async () => {
    const { body } = await createRequest('published_on_approval');
    const approved = await records(() => reg.call('PATCH', `/api/v1/schema-requests/${body.id}`, { token: tokens.reviewer, body: { status: 'approved' } }));
    const received = passing('StreamProcessor', approved);
    const expected = approved.filter((r) => r.eventName === 'INSERT' && ['notification', 'audit_event'].includes(entity(r)!));
    expect(expected.some((r) => entity(r) === 'notification')).toBe(true);
    expect(received).toEqual(expect.arrayContaining(expected));
    expect(received).toHaveLength(expected.length);

    const events = eventsFor(received, 'registry-bus');
    expect(events).toHaveLength(received.length);
    const notification = events.find((e) => e.entry.DetailType === 'Notification')!;
    expect(JSON.parse(notification.entry.Detail!)).toMatchObject({ user_id: 'wes', workspace_id: 'acme', subject: { request_id: body.id } });
  });
});

describe('the StreamProcessor publishing', () => {
  /** An EventBridge endpoint (PutEvents, JSON 1.1 protocol) that refuses every notification. */
  let endpoint = '';
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { Entries } = JSON.parse(body) as { Entries: { DetailType: string }[] };
        const results = Entries.map((e, i) => (e.DetailType === 'Notification' ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' } : { EventId: `id-${i}` }));
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(JSON.stringify({ FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports a failed entry by its record\'s sequence number, as Lambda requires of stream batch failures', async () => {
    const client = new EventBridgeClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { body } = await createRequest('reported_by_sequence_number');
    const approved = await records(() => reg.call('PATCH', `/api/v1/schema-requests/${body.id}`, { token: tokens.reviewer, body: { status: 'approved' } }));
    const received = passing('StreamProcessor', approved);
    const refused = received.filter((r) => entity(r) === 'notification').map((r) => r.dynamodb.SequenceNumber);
    expect(refused.length).toBeGreaterThan(0);
    const failed = await publish(client, received, 'registry-bus');
    expect(failed.sort()).toEqual(refused.sort());
  });
});
