/**
 * Regular expressions from untrusted schemas, evaluated without backtracking (re2js runs in linear time,
 * so a hostile `patternProperties` key cannot stall a comparison).
 */
import type { RE2JS } from 're2js';
import { compileRe2 } from '../re2.js';

export class PatternMatcher {
  private readonly compiled = new Map<string, RE2JS | null>();

  /** Whether `name` matches `pattern` (unanchored, as JSON Schema specifies); undefined when re2 cannot run it. */
  matches(pattern: string, name: string): boolean | undefined {
    let regex = this.compiled.get(pattern);
    if (regex === undefined) {
      try {
        regex = compileRe2(pattern);
      } catch {
        regex = null; // lookarounds and backreferences: not provable, the caller stays conservative
      }
      this.compiled.set(pattern, regex);
    }
    return regex === null ? undefined : regex.test(name);
  }
}

const META = new Set([...'\\.^$|?*+()[]{}']);
const QUANTIFIERS = new Set([...'?*+{']);

/** The literal text an anchored pattern (`^abc...`) requires every match to start with; '' if none. */
function literalPrefix(pattern: string): string {
  // A top-level alternative could start anywhere, so give up on any '|'.
  if (!pattern.startsWith('^') || pattern.includes('|')) return '';
  let end = 1;
  while (end < pattern.length && !META.has(pattern[end] as string)) end += 1;
  // A quantifier makes the character before it optional.
  const quantified = end < pattern.length && QUANTIFIERS.has(pattern[end] as string);
  return pattern.slice(1, quantified ? end - 1 : end);
}

/** True only when no string can match both patterns: their required literal prefixes diverge. */
export function patternsDisjoint(a: string, b: string): boolean {
  const prefixA = literalPrefix(a);
  const prefixB = literalPrefix(b);
  if (prefixA === '' || prefixB === '') return false;
  return !prefixA.startsWith(prefixB) && !prefixB.startsWith(prefixA);
}
