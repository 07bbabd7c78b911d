/**
 * Regular expressions of untrusted schemas run on RE2 (the re2js port), whose matching time is linear
 * in the input, instead of the backtracking engine of `RegExp`, where `^(a+)+$` takes exponential time.
 */
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { RE2JS } from 're2js';

/** Compiles an ECMA-262 pattern (the dialect JSON Schema uses) to RE2; throws when RE2 cannot express it. */
function compileRe2(pattern: string): RE2JS {
  return RE2JS.compile(RE2JS.translateRegExp(pattern));
}

/**
 * ajv's `code.regExp` hook. RE2 is always Unicode-aware, so ajv's `u` flag needs no translation.
 * `code` only matters for ajv's standalone code generation, which the registry does not use.
 */
export const re2RegExp: RegExpEngine = Object.assign((pattern: string) => compileRe2(pattern), {
  code: 'require("re2js").RE2JS.compile',
});

/** Why RE2 refuses `pattern`, or undefined when it compiles. */
export function re2Problem(pattern: string): string | undefined {
  try {
    compileRe2(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
