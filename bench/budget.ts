/**
 * The work budget's worst cases (issue 11): each hostile definition/document pair the API accepts, or
 * refuses only once its budget is spent, timed against the baseline of validating a plain small document
 * in the same run. Run: npx tsx bench/budget.ts. Target: every case under 1 s of CPU on the dev machine.
 */
import { JsonSchemaEngine } from '../lib/engines/json-schema/engine.js';
import { MAX_BRANCHES, MAX_PATTERNS } from '../lib/engines/json-schema/check.js';
import type { Json } from '../lib/engines/types.js';

const engine = new JsonSchemaEngine();
const cpuMs = (run: () => unknown): number => {
  const started = process.cpuUsage();
  try {
    run();
  } catch {
    // A refusal at the budget is the expected outcome of most cases; only its cost is measured.
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
};

const small: Json = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, n: { type: 'integer' } } };
engine.validate({ id: 'a', n: 1 }, small, 'small');
const baselineRuns = 10_000;
const baseline = cpuMs(() => {
  for (let i = 0; i < baselineRuns; i++) engine.validate({ id: `a${i}`, n: i }, small, 'small');
}) / baselineRuns;

const cases: [string, () => unknown][] = [
  ['uniqueItems over 24,748 distinct objects', () => engine.validate(Array.from({ length: 24_748 }, (_, i) => ({ id: i })), { uniqueItems: true }, 'u')],
  ['uniqueItems over 33,000 arrays', () => engine.validate(Array.from({ length: 33_000 }, (_, i) => [i]), { uniqueItems: true }, 'ua')],
  ['2,000 items against a 5,000-object enum', () => engine.validate(Array.from({ length: 2_000 }, (_, i) => ({ k: -i })), { items: { enum: Array.from({ length: 5_000 }, (_, i) => ({ k: i })) } }, 'e')],
  // Unmetered (each value meets one schema): the worst a 256 KB document can do is one RE2 match per value.
  ['65,000 one-letter strings (256 KB) against a pattern RE2 runs (unmetered)', () => engine.validate(Array.from({ length: 65_000 }, () => 'a'), { items: { type: 'string', pattern: '^(a+)+$' } }, 'r')],
  [`${MAX_PATTERNS} patternProperties x 10,000 keys (refused at the budget)`, () => engine.validate(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 1])), { patternProperties: Object.fromEntries(Array.from({ length: MAX_PATTERNS }, (_, i) => [`^k${i}x`, { type: 'string' }])) }, 'p')],
  [`anyOf of ${MAX_BRANCHES} over 60,000 items (refused at the budget)`, () => engine.validate(Array.from({ length: 60_000 }, () => 'zz'), { items: { anyOf: Array.from({ length: MAX_BRANCHES }, (_, i) => ({ const: `c${i}` })) } }, 'a')],
  ['fields of a 21x21-field 10,000-value enum (refused at the output budget)', () => engine.describeFields({ $defs: { e: { enum: Array.from({ length: 10_000 }, (_, i) => `v${i}`) }, b: { properties: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, { $ref: '#/$defs/e' }])) } }, properties: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, { $ref: '#/$defs/b' }])) })],
  ['default of minItems 2^32 (refused)', () => engine.defaultValue({ type: 'array', minItems: 4294967296 })],
  ['compare enum [0..9999] with [10000..19999] (truncated report)', () => engine.compare({ enum: Array.from({ length: 10_000 }, (_, i) => i) }, { enum: Array.from({ length: 10_000 }, (_, i) => 10_000 + i) })],
  ['compare 10,000 object-valued enum members reordered', () => engine.compare({ enum: Array.from({ length: 10_000 }, (_, i) => ({ id: i, n: `n${i}` })) }, { enum: Array.from({ length: 10_000 }, (_, i) => ({ n: `n${i}`, id: i })) })],
];

console.log(`baseline: validating a small document, ${(baseline * 1000).toFixed(1)} µs of CPU`);
for (const [name, run] of cases) {
  const ms = cpuMs(run);
  console.log(`${name.padEnd(76)} ${ms.toFixed(0).padStart(6)} ms CPU  ${Math.round(ms / baseline).toLocaleString('en-US').padStart(12)}x baseline  ${ms < 1000 ? 'ok' : 'OVER 1 s'}`);
}
