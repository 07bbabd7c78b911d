/**
 * Publishes the registry's notifications and audit events, as they land in the table, to an
 * EventBridge bus so integrators can subscribe. Fed by the table's stream: the write already happened in
 * its transaction; this only tells the world.
 */
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TABLE_DESIGN } from '../generated/table.js';

export interface StreamRecord {
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | string;
  dynamodb?: { NewImage?: Record<string, AttributeValue>; SequenceNumber?: string };
}

/** The `source` of every event the registry publishes. */
export const EVENT_SOURCE = 'schema-registry';
/** Record types published, and the detail-type they get. */
export const PUBLISHED: Readonly<Record<string, string>> = { notification: 'Notification', audit_event: 'AuditEvent' };
/** PutEvents takes at most 10 entries a call. */
const BATCH = 10;

/** The entries for a batch of stream records: inserts of published record types only. */
export function eventsFor(records: StreamRecord[], busName: string): { entry: PutEventsRequestEntry; sequenceNumber: string }[] {
  const out: { entry: PutEventsRequestEntry; sequenceNumber: string }[] = [];
  for (const r of records) {
    if (r.eventName !== 'INSERT' || !r.dynamodb?.NewImage) continue;
    const item = unmarshall(r.dynamodb.NewImage as never) as Record<string, unknown>;
    const detailType = PUBLISHED[String(item[TABLE_DESIGN.entityIdentifiers.entity])];
    if (!detailType) continue;
    const detail: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item)) {
      if (/^(PK|SK|GSI\d+PK|GSI\d+SK|__edb_[ev]__)$/.test(k)) continue;
      detail[k] = typeof v === 'string' && ['subject', 'before', 'after', 'details'].includes(k) ? JSON.parse(v) : v;
    }
    out.push({ sequenceNumber: r.dynamodb.SequenceNumber ?? '', entry: { EventBusName: busName, Source: EVENT_SOURCE, DetailType: detailType, Detail: JSON.stringify(detail) } });
  }
  return out;
}

/**
 * Publishes the batch; returns the sequence numbers of the records that failed: for a stream, Lambda's
 * partial batch response names records by `dynamodb.SequenceNumber` (an event id fails the whole batch).
 */
export async function publish(client: EventBridgeClient, records: StreamRecord[], busName: string): Promise<string[]> {
  const events = eventsFor(records, busName);
  const failed: string[] = [];
  for (let i = 0; i < events.length; i += BATCH) {
    const chunk = events.slice(i, i + BATCH);
    const res = await client.send(new PutEventsCommand({ Entries: chunk.map((e) => e.entry) }));
    res.Entries?.forEach((e, j) => {
      if (e.ErrorCode) failed.push(chunk[j]!.sequenceNumber);
    });
  }
  return failed;
}
