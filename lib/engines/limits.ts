/**
 * Budgets for untrusted definitions and documents shared by the Avro and Protobuf engines: a definition's
 * size and nesting are checked before a parser sees it, and every walk over a definition or a document
 * counts its steps, so a hostile input costs a bounded amount of work and gets a 422 naming the budget.
 */
import { PayloadTooLargeError, ValidationError, type ErrorDetail } from '../errors.js';
import type { Json } from './types.js';
import { escapePointerToken } from '../util/json-pointer.js';

/** Largest accepted definition, as UTF-8 JSON text (the JSON Schema engine's figure). */
export const MAX_DEFINITION_BYTES = 170 * 1024;
/** Deepest accepted nesting of objects and arrays in a definition (an Avro record inline in a field takes three). */
export const MAX_DEFINITION_DEPTH = 64;
/** Most named types (Avro records, enums, fixed; Protobuf messages, enums) in a definition with its references. */
export const MAX_NAMED_TYPES = 1000;
/** Most steps one describe, default, compare or validation walk may take. */
export const MAX_WALK_STEPS = 200_000;
/** Deepest nesting a document may reach when validated (recursive types would otherwise recurse without end). */
export const MAX_DOCUMENT_DEPTH = 128;

/** Throws ValidationError (422) listing `errors`, the first in the message. */
export function refuseDefinition(errors: ErrorDetail[]): never {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  throw new ValidationError(`definition is invalid: ${errors[0]?.message ?? 'unknown problem'}${more}`, { errors });
}

/** Refuses a definition over MAX_DEFINITION_BYTES (413) or nested deeper than MAX_DEFINITION_DEPTH (422). */
export function assertDefinitionBounds(definition: Json): void {
  const bytes = Buffer.byteLength(JSON.stringify(definition), 'utf8');
  if (bytes > MAX_DEFINITION_BYTES) {
    throw new PayloadTooLargeError(`definition is ${bytes} bytes of JSON; at most ${MAX_DEFINITION_BYTES} are accepted; split it into referenced schemas`);
  }
  const stack: [Json, string, number][] = [[definition, '', 1]];
  while (stack.length > 0) {
    const [value, pointer, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEFINITION_DEPTH) {
      refuseDefinition([{ path: pointer, keyword: 'maxDepth', message: `definition nests objects and arrays deeper than ${MAX_DEFINITION_DEPTH} levels; name the inner types and refer to them by name` }]);
    }
    const entries: [string, Json][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    for (const [key, child] of entries) stack.push([child, `${pointer}/${escapePointerToken(key)}`, depth + 1]);
  }
}

/** Counts the steps of one walk; throws ValidationError once MAX_WALK_STEPS are spent. */
export class WalkBudget {
  #left = MAX_WALK_STEPS;

  /** @param what names the work in the refusal, e.g. "describing the fields". */
  constructor(private readonly what: string) {}

  /** Counts one step. */
  step(): void {
    if (--this.#left < 0) {
      const message = `${this.what} of this definition takes more than ${MAX_WALK_STEPS} steps (the work budget)`;
      throw new ValidationError(`${message}; make the definition smaller`, { errors: [{ path: '', keyword: 'maxWork', message }] });
    }
  }

  /** false once the budget is spent, for walks that stop with a verdict instead of an error. */
  tryStep(): boolean {
    return --this.#left >= 0;
  }
}
