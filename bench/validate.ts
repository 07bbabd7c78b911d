/**
 * Validation throughput: `engine.validate` (validator cache, RE2 patterns, own properties, the work
 * budget, every error reported) against the validator a user would pick instead: ajv 8 with its default
 * options, compiled once and called directly. The definitions declare no `$schema`, so the engine reads
 * them as 2020-12 and the baseline is ajv's 2020-12 class. They use no `format`, so no ajv-formats.
 * Run: npx tsx bench/validate.ts. Target (issue 18): every shape at least 0.9x on valid documents, the
 * ones a write stores. A refused document is printed apart: the engine reports every one of its errors,
 * which takes a whole pass over it as a valid one does, where plain ajv stops at the first error it meets.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import { JsonSchemaEngine } from '../lib/engines/json-schema/engine.js';
import type { Json } from '../lib/engines/types.js';

interface Shape {
  name: string;
  definition: Json;
  /** The i-th document; one in INVALID_EVERY is invalid. */
  document: (i: number, invalid: boolean) => unknown;
}

const DOCUMENTS = 1000;
const INVALID_EVERY = 10;
const ROUNDS = 31;
const BREAKDOWN_ROUNDS = 11;
const ROUND_MS = 60;

const flat: Shape = {
  name: 'flat, 10 typed properties',
  definition: {
    type: 'object',
    required: ['id', 'name', 'age', 'score', 'active', 'tags'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', minLength: 1 },
      name: { type: 'string', maxLength: 80 },
      age: { type: 'integer', minimum: 0 },
      score: { type: 'number' },
      active: { type: 'boolean' },
      tags: { type: 'array' },
      note: { type: 'string', maxLength: 500 },
      rank: { type: 'integer', maximum: 1000 },
      ratio: { type: 'number', exclusiveMinimum: 0 },
      meta: { type: 'object' },
    },
  },
  document: (i, invalid) => ({
    id: `id${i}`,
    name: `Name ${i}`,
    age: invalid ? -1 : i % 90,
    score: i / 7,
    active: i % 2 === 0,
    tags: ['a', 'b'],
    note: i % 3 === 0 ? '' : 'n',
    rank: i % 1000,
    ratio: invalid ? 'high' : 0.5,
    meta: {},
  }),
};

const nested: Shape = {
  name: 'nested, arrays and 5 patterns',
  definition: {
    type: 'object',
    required: ['id', 'customer', 'lines'],
    properties: {
      id: { type: 'string', pattern: '^ord_[0-9a-z]{8}$' },
      customer: {
        type: 'object',
        required: ['name', 'phone', 'postcode'],
        properties: { name: { type: 'string', minLength: 1 }, phone: { type: 'string', pattern: '^\\+[0-9]{6,15}$' }, postcode: { type: 'string', pattern: '^[A-Z0-9 ]{3,10}$' } },
      },
      lines: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['sku', 'quantity', 'price'],
          properties: { sku: { type: 'string', pattern: '^[A-Z]{3}-[0-9]{4}$' }, quantity: { type: 'integer', minimum: 1 }, price: { type: 'number', minimum: 0 }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
        },
      },
    },
  },
  document: (i, invalid) => ({
    id: `ord_${i.toString(36).padStart(8, '0')}`,
    customer: { name: `Customer ${i}`, phone: '+4412345678', postcode: invalid ? 'sw1a 1aa' : 'SW1A 1AA' },
    lines: Array.from({ length: 1 + (i % 4) }, (_, j) => ({ sku: `ABC-${String(1000 + j)}`, quantity: invalid ? 0 : 1 + j, price: 9.5 * (j + 1), currency: 'EUR' })),
  }),
};

const refs: Shape = {
  name: '$defs/$ref',
  definition: {
    $defs: {
      address: { type: 'object', required: ['street', 'city'], properties: { street: { type: 'string' }, city: { type: 'string' }, zip: { type: 'string', maxLength: 10 } } },
      person: { type: 'object', required: ['name', 'home'], properties: { name: { type: 'string' }, home: { $ref: '#/$defs/address' }, work: { $ref: '#/$defs/address' } } },
    },
    type: 'object',
    required: ['owner', 'contacts'],
    properties: { owner: { $ref: '#/$defs/person' }, contacts: { type: 'array', items: { $ref: '#/$defs/person' } } },
  },
  document: (i, invalid) => {
    const person = (n: number) => ({ name: `P${n}`, home: { street: `${n} Main St`, city: 'Town', zip: invalid ? 12345 : '12345' }, work: { street: 'Dock 1', city: 'Port' } });
    return { owner: person(i), contacts: Array.from({ length: 1 + (i % 3) }, (_, j) => person(i + j)) };
  },
};

const engine = new JsonSchemaEngine();
let sink = 0;

/** This process's CPU time in ms: unlike wall time, it does not count the time other processes on the machine take. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Validations per CPU second of `validate` over `documents`, for one round of ROUND_MS of CPU. */
function rate(validate: (doc: unknown) => boolean, documents: unknown[]): number {
  let passes = 0;
  const started = cpuMs();
  let elapsed = 0;
  while (elapsed < ROUND_MS) {
    for (const doc of documents) if (validate(doc)) sink++;
    passes++;
    elapsed = cpuMs() - started;
  }
  return (passes * documents.length * 1000) / elapsed;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Median and spread of the engine/plain ratio over ROUNDS short rounds, and the engine's median rate. */
function compare(candidates: Record<'plain' | 'engine', (doc: unknown) => boolean>, documents: unknown[], rounds: number) {
  // Short rounds alternate the candidates (ABBA, so neither always runs second), so that load from
  // other processes on the machine hits them alike.
  const ratios: number[] = [];
  const engineRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const first = round % 2 === 0;
    const a = rate(first ? candidates.plain : candidates.engine, documents);
    const b = rate(first ? candidates.engine : candidates.plain, documents);
    const [baseline, measured] = first ? [a, b] : [b, a];
    ratios.push(measured / baseline);
    engineRates.push(measured);
  }
  return { ratio: median(ratios), spread: `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`, rate: median(engineRates) };
}

console.log(`engine.validate vs plain ajv (new Ajv2020(), default options), median of ${ROUNDS} rounds of ${ROUND_MS} ms of CPU each (min-max), on`);
console.log(`${DOCUMENTS * (1 - 1 / INVALID_EVERY)} valid documents (the target), the ${DOCUMENTS / INVALID_EVERY} refused ones (every error reported; plain ajv stops at the first), and all ${DOCUMENTS} mixed:`);
for (const shape of [flat, nested, refs]) {
  const documents = Array.from({ length: DOCUMENTS }, (_, i) => shape.document(i, i % INVALID_EVERY === 0));
  const plain = new Ajv2020().compile(shape.definition as object);
  const versionId = `bench-${shape.name}`;
  const candidates = {
    plain: (doc: unknown) => plain(doc),
    engine: (doc: unknown) => engine.validate(doc, shape.definition, versionId).valid,
  };
  // Both verdicts must agree, or the comparison means nothing.
  for (const doc of documents) if (candidates.plain(doc) !== candidates.engine(doc)) throw new Error(`${shape.name}: verdicts differ`);
  for (const run of Object.values(candidates)) rate(run, documents); // warm up the JIT
  const valid = compare(candidates, documents.filter((_, i) => i % INVALID_EVERY !== 0), ROUNDS);
  const refused = compare(candidates, documents.filter((_, i) => i % INVALID_EVERY === 0), BREAKDOWN_ROUNDS);
  const mixed = compare(candidates, documents, BREAKDOWN_ROUNDS);
  console.log(
    `${shape.name.padEnd(32)} valid ${Math.round(valid.rate).toLocaleString('en-US').padStart(10)}/s  ${valid.ratio.toFixed(2)}x plain ajv (${valid.spread}) (target >= 0.9x)` +
      `   refused ${refused.ratio.toFixed(2)}x (${refused.spread})  mixed ${mixed.ratio.toFixed(2)}x (${mixed.spread})`,
  );
}
if (sink < 0) console.log(sink);
