/**
 * Worker: the table's stream → EventBridge. Publishes each new notification and audit event to the
 * registry's bus; failed records are reported back so Lambda retries (and bisects) only those.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { config } from '../lib/config.js';
import { ConfigError } from '../lib/config.js';
import { publish, type StreamRecord } from '../lib/events/publisher.js';
import { mappingErrors } from '../lib/util/source-stack.js';

export function buildHandler(deps: { client: EventBridgeClient; busName: string }) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const failed = await publish(deps.client, event.Records as StreamRecord[], deps.busName);
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

const c = config();
if (!c.eventBusName) throw new ConfigError('EVENT_BUS_NAME', 'is required by the stream processor');
export const handler = mappingErrors(buildHandler({ client: new EventBridgeClient({ region: c.region }), busName: c.eventBusName }));
