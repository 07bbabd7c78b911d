/**
 * The work budget of one validation. A definition that passed the publish checks can still make one
 * document expensive: ajv compares `uniqueItems` pairwise and scans large enums value by value (24,748
 * objects took 10 s), and breadth multiplies with depth (`anyOf` of 900 branches over 60,000 items, 3,000
 * `patternProperties` against 10,000 keys). So validation is metered: every schema applied to a value is
 * a step, pattern matches and value comparisons cost steps in proportion to their input, `uniqueItems`
 * and `enum` run in linear time on hashed canonical JSON, and a validation that runs out of steps stops
 * there and is refused with 422 naming the budget, instead of running on.
 */
import { _, type default as Ajv } from 'ajv';
import type { DataValidateFunction, RegExpEngine } from 'ajv/dist/types/index.js';
import { ValidationError } from '../../errors.js';
import { canonicalJson } from '../../util/canonical-json.js';
import type { Json } from '../types.js';
import { walkSchemas } from './walk.js';

/**
 * Most steps one validation may take: a step is one schema applied to one value, or ~64 characters
 * compared or matched; a pattern match costs PATTERN_STEPS more. Calibrated in bench/budget.ts so that a
 * validation stopped at the budget stays well under 1 s of CPU, while a 256 KB document of ordinary
 * records needs a fraction of it.
 */
export const MAX_VALIDATION_STEPS = 250_000;
/** Steps a pattern match costs besides its length: RE2 in JavaScript costs several schema applications. */
const PATTERN_STEPS = 4;
/** Characters of input that cost one step when a pattern runs or a value is compared. */
const CHARS_PER_STEP = 64;
/** The keyword added to every schema object of a compiled copy of a definition; it counts a step. */
export const STEP_KEYWORD = 'x-registry-step';

class BudgetExhausted extends Error {}

/**
 * Steps left in the validation running now; unmetered (Infinity) outside one, e.g. for the benchmark's
 * direct calls. An object, so that compiled validators decrement it inline (see meterValidation).
 */
const meter = {
  left: Number.POSITIVE_INFINITY,
  exhausted(): never {
    throw new BudgetExhausted();
  },
};

function spend(steps: number): void {
  meter.left -= steps;
  if (meter.left < 0) meter.exhausted();
}

/**
 * `validate(data)` within MAX_VALIDATION_STEPS; throws ValidationError (422) when it needs more. The
 * validator and its document are passed apart, so a call allocates no closure.
 */
export function withinBudget(validate: (data: unknown) => boolean, data: unknown): boolean {
  meter.left = MAX_VALIDATION_STEPS;
  try {
    return validate(data);
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error;
    return budgetRefusal();
  } finally {
    meter.left = Number.POSITIVE_INFINITY;
  }
}

function budgetRefusal(): never {
  const message = `validating this document against this definition takes more than ${MAX_VALIDATION_STEPS} steps (the validation budget)`;
  throw new ValidationError(`${message}; send a smaller document, or publish a definition with fewer alternatives, patterns or unique-item arrays`, {
    errors: [{ path: '', keyword: 'validationBudget', message }],
  });
}

/**
 * Keywords after which one value can meet more than one schema (and so, nested, exponentially many), or
 * whose cost grows with the depth of the value they compare: a definition using none needs no budget.
 */
const MULTIPLYING = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas', 'dependencies', 'contains', 'patternProperties', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', '$dynamicRef', '$recursiveRef'];

/**
 * Whether validations against `definition` must be metered. Without a MULTIPLYING keyword, a `$ref`
 * beside other keywords, `uniqueItems` or an `enum` of objects or arrays, each value of a document meets
 * at most one schema, so a validation's work is linear in the document, as in plain ajv: a document of
 * the payload limit (256 KB) has fewer values than MAX_VALIDATION_STEPS, and its patterns run in linear time
 * (bench/budget.ts times the worst such case). Counting steps costs about 5% of a plain validation, so those go unmetered.
 */
export function needsBudget(definition: Json): boolean {
  let needed = false;
  walkSchemas(definition, undefined, (schema) => {
    const keys = Object.keys(schema);
    if (keys.some((k) => MULTIPLYING.includes(k))) needed = true;
    if (typeof schema.$ref === 'string' && keys.length > 1) needed = true;
    if (schema.uniqueItems === true) needed = true;
    if (Array.isArray(schema.enum) && schema.enum.some((v) => typeof v === 'object' && v !== null)) needed = true;
    return undefined;
  });
  return needed;
}

/** A copy of `definition` with the step keyword in every schema object, for ajv to compile. */
export function withSteps(definition: Json): Json {
  const copy = structuredClone(definition);
  walkSchemas(copy, undefined, (schema) => {
    // A schema that only refers to another does no work of its own: its target's step counts it.
    if (!(typeof schema.$ref === 'string' && Object.keys(schema).length === 1)) schema[STEP_KEYWORD] = true;
    return undefined;
  });
  return copy;
}

/** `engine`'s regular expressions, charging one step per CHARS_PER_STEP characters matched. */
export function meteredRegExp(engine: RegExpEngine): RegExpEngine {
  return Object.assign(
    (pattern: string, flags: string) => {
      const regExp = engine(pattern, flags);
      return {
        test(input: string): boolean {
          spend(PATTERN_STEPS + Math.floor(input.length / CHARS_PER_STEP));
          return regExp.test(input);
        },
        // ajv keys compiled patterns by this text: it must name the pattern, or every pattern is the first.
        toString: () => regExp.toString(),
      };
    },
    { code: engine.code },
  );
}

/** JSON equality (keys in any order) as a string key, charged by its length. */
function equalityKey(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const key = canonicalJson(value);
  spend(Math.floor(key.length / CHARS_PER_STEP));
  return `\u0000${key}`;
}

function uniqueItems(): DataValidateFunction {
  const validate: DataValidateFunction = (data: unknown) => {
    if (!Array.isArray(data)) return true;
    const seen = new Map<unknown, number>();
    for (let j = 0; j < data.length; j++) {
      spend(1);
      const key = equalityKey(data[j]);
      const i = seen.get(key);
      if (i !== undefined) {
        validate.errors = [{ keyword: 'uniqueItems', message: `must NOT have duplicate items (items ## ${j} and ${i} are identical)`, params: { i: j, j: i } }];
        return false;
      }
      seen.set(key, j);
    }
    return true;
  };
  return validate;
}

function enumOf(values: Json[]): DataValidateFunction {
  // Primitives are their own keys (a Set compares them as JSON does, -0 and 0 included); objects and
  // arrays are keyed by canonical JSON, prefixed so that no string value can collide with them.
  const keys = new Set<unknown>(values.map((v) => (typeof v === 'object' && v !== null ? `\u0000${canonicalJson(v)}` : v)));
  const hasComposite = values.some((v) => typeof v === 'object' && v !== null);
  const validate: DataValidateFunction = (data: unknown) => {
    const composite = typeof data === 'object' && data !== null;
    if ((composite && hasComposite && keys.has(equalityKey(data))) || (!composite && keys.has(data))) return true;
    validate.errors = [{ keyword: 'enum', message: 'must be equal to one of the allowed values', params: { allowedValues: values } }];
    return false;
  };
  return validate;
}

/** Replaces ajv's quadratic `uniqueItems` and `enum` with linear, metered ones, and adds the step keyword. */
export function meterValidation(ajv: Ajv): void {
  ajv.removeKeyword('uniqueItems');
  ajv.removeKeyword('enum');
  ajv.addKeyword({ keyword: 'uniqueItems', schemaType: 'boolean', type: 'array', errors: true, compile: (unique: boolean) => (unique ? uniqueItems() : () => true) });
  ajv.addKeyword({ keyword: 'enum', schemaType: 'array', errors: true, compile: (values: Json[]) => enumOf(values) });
  // Generated inline: a keyword function would be a call with a context object per schema applied,
  // which cost as much as the validation it meters.
  ajv.addKeyword({
    keyword: STEP_KEYWORD,
    schemaType: 'boolean',
    code: (cxt) => {
      const steps = cxt.gen.scopeValue('keyword', { ref: meter });
      cxt.gen.if(_`--${steps}.left < 0`, () => cxt.gen.code(_`${steps}.exhausted()`));
    },
  });
}
