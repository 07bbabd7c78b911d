/**
 * Numbers JSON text can carry but a JavaScript value cannot hold exactly. `JSON.parse` reads `1e309` as
 * Infinity (which `JSON.stringify` then writes as null) and `9007199254740993` as 9007199254740992, so
 * what would be stored is not what was sent, nor what was validated. Such numbers are refused, never
 * changed: non-finite ones, and integers beyond ±(2^53 − 1), the largest a 64-bit float holds exactly.
 */
import { escapePointerToken } from './json-pointer.js';
import type { ErrorDetail } from '../errors.js';

/** Why `n` cannot be stored as sent, or undefined when it can. */
function inexact(n: number): string | undefined {
  if (!Number.isFinite(n)) return 'is too large for a JSON number (it reads as infinity, and would be stored as null)';
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) {
    return `is an integer beyond ±9007199254740991 (2^53 − 1), which a JSON number cannot hold exactly (it reads as ${n})`;
  }
  return undefined;
}

/**
 * Every number in `value` that cannot be stored exactly as sent, with its JSON pointer under `pointer`
 * and `hint` (what to do instead) in its message; at most `max` of them. Iterative, so any nesting is
 * safe to ask about.
 */
export function inexactNumbers(value: unknown, pointer: string, hint: string, max = 10): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const pending: [unknown, string][] = [[value, pointer]];
  for (let next = pending.pop(); next && problems.length < max; next = pending.pop()) {
    const [node, path] = next;
    if (typeof node === 'number') {
      const reason = inexact(node);
      if (reason) problems.push({ path, keyword: 'number', message: `the number at ${path || 'the root'} ${reason}; ${hint}` });
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) pending.push([node[i], `${path}/${i}`]);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node).reverse()) pending.push([child, `${path}/${escapePointerToken(key)}`]);
    }
  }
  return problems;
}
