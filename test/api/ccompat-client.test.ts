/**
 * A Kafka client nobody here wrote, @kafkajs/confluent-schema-registry, against the real local server:
 * it registers Avro, JSON Schema and Protobuf schemas through the Confluent-compatible API, encodes and
 * decodes messages with them, and gets the same ids back, authenticated with HTTP Basic (password = token).
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { beforeAll, describe, expect, it } from 'vitest';
import { useRegistry } from '../support/registry.js';

const reg = useRegistry();
let registry: SchemaRegistry;
let fresh: () => SchemaRegistry;

beforeAll(async () => {
  const token = await reg.token('producer', { acme: 'admin' });
  fresh = () => new SchemaRegistry({ host: `${reg.base}/apis/ccompat/v7`, auth: { username: 'acme', password: token } }, { [SchemaType.JSON]: { strict: false } });
  registry = fresh();
});

const avro = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'com.acme',
  fields: [
    { name: 'order_id', type: 'string' },
    { name: 'amount', type: 'long' },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});
const jsonSchema = JSON.stringify({ type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } }, required: ['sku'] });
const proto = 'syntax = "proto3";\npackage acme;\nmessage Shipment {\n  string shipment_id = 1;\n  int32 parcels = 2;\n}\n';

describe('@kafkajs/confluent-schema-registry against /apis/ccompat/v7', () => {
  it.each([
    ['AVRO', SchemaType.AVRO, avro, 'orders-value', { order_id: 'o-1', amount: 1250, note: 'gift' }],
    ['JSON', SchemaType.JSON, jsonSchema, 'stock-value', { sku: 'A-7', qty: 3 }],
    ['PROTOBUF', SchemaType.PROTOBUF, proto, 'shipments-value', { shipmentId: 's-1', parcels: 2 }],
  ] as const)('registers a %s schema, encodes and decodes with it, and gets the same id back', async (_name, type, schema, subject, message) => {
    const { id } = await registry.register({ type, schema }, { subject });
    expect(Number.isInteger(id) && id > 0).toBe(true);

    const encoded = await registry.encode(id, message);
    expect(encoded[0]).toBe(0); // Confluent's wire format: magic byte, then the id.
    expect(encoded.readInt32BE(1)).toBe(id);
    // A consumer with a cold cache fetches the schema by the id in the message.
    expect(await fresh().decode(encoded)).toEqual(message);

    expect((await registry.register({ type, schema }, { subject })).id).toBe(id);
    expect(await fresh().getLatestSchemaId(subject)).toBe(id);
    expect(await fresh().getRegistryIdBySchema(subject, { type, schema })).toBe(id);
    expect(await fresh().getRegistryId(subject, 1)).toBe(id);
  });

  it('gives the same content the same id under another subject, and new content a new id', async () => {
    const first = await registry.register({ type: SchemaType.AVRO, schema: avro }, { subject: 'orders-value' });
    const again = await registry.register({ type: SchemaType.AVRO, schema: avro }, { subject: 'orders-archive-value' });
    expect(again.id).toBe(first.id);
    const evolved = JSON.parse(avro) as { fields: unknown[] };
    evolved.fields.push({ name: 'currency', type: 'string', default: 'EUR' });
    const next = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(evolved) }, { subject: 'orders-value' });
    expect(next.id).not.toBe(first.id);
    // Old messages still decode: the id names the schema they were written with.
    const old = await registry.encode(first.id, { order_id: 'o-2', amount: 1, note: null });
    expect(await fresh().decode(old)).toEqual({ order_id: 'o-2', amount: 1, note: null });
  });

  it('refuses an incompatible Avro schema with 409, as Confluent does', async () => {
    const broken = JSON.parse(avro) as { fields: unknown[] };
    broken.fields.push({ name: 'required_without_default', type: 'string' });
    await expect(registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(broken) }, { subject: 'orders-value' })).rejects.toMatchObject({ status: 409 });
  });
});
