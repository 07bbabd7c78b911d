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

// Each pass validates every document once; passes of the candidates alternate, so that load from
// other processes on the machine hits them alike, until the time budget is spent.
const BUDGET_MS = 9_000;
const elapsed: Record<string, number> = {};
const passes: Record<string, number> = {};
for (const run of Object.values(candidates)) run(); // warm up the JIT
const benchStarted = performance.now();
while (performance.now() - benchStarted < BUDGET_MS) {
  for (const [name, run] of Object.entries(candidates)) {
    const started = performance.now();
    run();
    elapsed[name] = (elapsed[name] ?? 0) + performance.now() - started;
    passes[name] = (passes[name] ?? 0) + 1;
  }
}

const opsPerSecond = (name: string) => ((passes[name] ?? 0) * documents.length * 1000) / (elapsed[name] ?? 1);
for (const name of Object.keys(candidates)) {
  console.log(`${name.padEnd(34)} ${Math.round(opsPerSecond(name)).toLocaleString('en-US').padStart(12)} validations/s`);
}
const ratio = opsPerSecond("engine.validate(doc, def, 'v1')") / opsPerSecond('compiled validator, RE2');
console.log(`engine.validate / compiled validator: ${ratio.toFixed(2)}x (target >= 0.9x); ${documents.length} documents, half invalid`);
if (sink < 0) console.log(sink);
