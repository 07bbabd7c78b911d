/**
 * The stores the payload services use (lib/compose/payloads.ts), apart from the rest (index.ts), so that
 * the payloads function bundles only these.
 */
import type { Table } from '../dynamo/table.js';
import { AuditStore } from './audit.js';
import { IdempotencyStore } from './idempotency.js';
import { PayloadIndexStore } from './payload-index.js';
import { PayloadStore } from './payloads.js';
import { SchemaStore } from './schemas.js';

export interface PayloadStores {
  schemas: SchemaStore;
  payloads: PayloadStore;
  index: PayloadIndexStore;
  idempotency: IdempotencyStore;
  audit: AuditStore;
}

export function createPayloadStores(table: Table): PayloadStores {
  return {
    schemas: new SchemaStore(table),
    payloads: new PayloadStore(table),
    index: new PayloadIndexStore(table),
    idempotency: new IdempotencyStore(table),
    audit: new AuditStore(table),
  };
}
