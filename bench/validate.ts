/**
 * Validation throughput: a validator compiled by ajv, called directly, against `engine.validate` going
 * through the validator cache and mapping errors. Run: npx tsx bench/validate.ts
 * The engine's compiled validator runs patterns on RE2; a plain ajv validator (native RegExp) is shown
 * for context.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { JsonSchemaEngine } from '../lib/engines/json-schema/engine.js';
import type { Json } from '../lib/engines/types.js';

const definition: Json = {
  type: 'object',
  required: ['id', 'customer', 'lines', 'status', 'created_at'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^ord_[0-9a-z]{8}$' },
    customer: {
      type: 'object',
      required: ['name', 'email'],
      properties: { name: { type: 'string', minLength: 1, maxLength: 80 }, email: { type: 'string', format: 'email' } },
    },
    lines: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['sku', 'quantity', 'price'],
        properties: { sku: { type: 'string', pattern: '^[A-Z]{3}-[0-9]{4}$' }, quantity: { type: 'integer', minimum: 1 }, price: { type: 'number', minimum: 0 } },
      },
    },
    status: { enum: ['new', 'paid', 'shipped'] },
    created_at: { type: 'string', format: 'date-time' },
    note: { type: ['string', 'null'], maxLength: 500 },
  },
};

function documentAt(i: number): unknown {
  const valid = {
    id: `ord_${i.toString(36).padStart(8, '0')}`,
    customer: { name: `Customer ${i}`, email: `c${i}@example.com` },
    lines: Array.from({ length: 1 + (i % 4) }, (_, j) => ({ sku: `ABC-${String(1000 + j)}`, quantity: 1 + j, price: 9.5 * (j + 1) })),
    status: ['new', 'paid', 'shipped'][i % 3],
    created_at: '2024-05-01T10:00:00Z',
    note: i % 5 === 0 ? null : 'leave at the door',
  };
  switch (i % 4) {
    case 1:
      return { ...valid, id: 'bad id', status: 'lost' };
    case 3:
      return { ...valid, customer: { name: '' }, lines: [{ sku: 'abc', quantity: 0 }], extra: true };
    default:
      return valid;
  }
}

const documents = Array.from({ length: 1000 }, (_, i) => documentAt(i));
const engine = new JsonSchemaEngine();
const compiled = engine.validator(definition, 'v1');
const plainAjv = new Ajv2020({ allErrors: true });
addFormats(plainAjv);
const plain = plainAjv.compile(definition as object);

let sink = 0;
const candidates: Record<string, () => void> = {
  'plain ajv, native RegExp': () => {
    for (const doc of documents) if (plain(doc)) sink++;
  },
  'compiled validator, RE2': () => {
    for (const doc of documents) if (compiled(doc)) sink++;
  },
  "engine.validate(doc, def, 'v1')": () => {
    for (const doc of documents) if (engine.validate(doc, definition, 'v1').valid) sink++;
  },
};

const ROUNDS = 9;
const ROUND_MS = 350;
const opsPerSecond: Record<string, number[]> = {};
for (const run of Object.values(candidates)) run(); // warm up the JIT
for (let round = 0; round < ROUNDS; round++) {
  // Rounds interleave the candidates so that machine noise hits them alike.
  for (const [name, run] of Object.entries(candidates)) {
    let ops = 0;
    const started = performance.now();
    while (performance.now() - started < ROUND_MS) {
      run();
      ops += documents.length;
    }
    (opsPerSecond[name] ??= []).push((ops * 1000) / (performance.now() - started));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
for (const [name, values] of Object.entries(opsPerSecond)) {
  console.log(`${name.padEnd(34)} ${Math.round(median(values)).toLocaleString('en-US').padStart(12)} validations/s`);
}
// The ratio is taken per round (neighbouring measurements), then the median of the rounds.
const engineOps = opsPerSecond["engine.validate(doc, def, 'v1')"] ?? [];
const compiledOps = opsPerSecond['compiled validator, RE2'] ?? [];
const ratio = median(engineOps.map((ops, round) => ops / (compiledOps[round] ?? ops)));
console.log(`engine.validate / compiled validator: ${ratio.toFixed(2)}x (target >= 0.9x); ${documents.length} documents, half invalid`);
if (sink < 0) console.log(sink);
