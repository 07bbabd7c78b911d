/**
 * A bound on what describeFields and defaultValue build. Shared `$ref`s, `minItems` and repeated
 * `enum`s or `default`s let a small definition describe an enormous output (an 80 KB definition, a
 * 40 MB field list; `minItems: 2^32`, an array JavaScript cannot even allocate), so the output is
 * counted as it is built and the work stops at the budget with a 422 naming it.
 */
import { ValidationError } from '../../errors.js';
import type { Json } from '../types.js';

/** Most bytes of JSON a field description or a starting document may take. */
export const MAX_OUTPUT_BYTES = 1024 * 1024;

/** JSON sizes of definition values already measured; the same `enum` or `default` is met again through every `$ref` to it. */
const sizes = new WeakMap<object, number>();

/** Bytes of JSON text of `value` (of a definition, so nesting is already bounded by check.ts). */
export function jsonBytes(value: Json | undefined): number {
  if (value === undefined) return 0;
  if (typeof value !== 'object' || value === null) return (JSON.stringify(value) ?? '').length;
  let size = sizes.get(value);
  if (size === undefined) {
    size = JSON.stringify(value).length;
    sizes.set(value, size);
  }
  return size;
}

export class OutputBudget {
  #left = MAX_OUTPUT_BYTES;

  /** @param what names the output in the refusal, e.g. "the field description". */
  constructor(private readonly what: string) {}

  /** Counts `bytes` more of output; throws ValidationError once the budget is spent. */
  spend(bytes: number): void {
    this.#left -= bytes;
    if (this.#left < 0) {
      const message = `${this.what} of this definition would be more than ${MAX_OUTPUT_BYTES} bytes of JSON (the output budget)`;
      throw new ValidationError(`${message}; share fewer large enums and defaults between fields, or lower minItems`, {
        errors: [{ path: '', keyword: 'maxOutput', message }],
      });
    }
  }
}
