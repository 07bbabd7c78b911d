/** Keyword comparisons shared by several instance types: count limits and the unevaluated* keywords. */
import type { Change, Json } from '../../types.js';
import * as explain from './explain.js';
import { count } from './facts.js';
import { jsonEqual, own } from './json.js';
import { isAnnotation } from './keywords.js';
import { type Loc, NEITHER, type Step, makeChange } from './walk.js';

/** A lower (`min`) or upper (`max`) count limit: string length, number of items, properties or matches. */
export function compareCount({ a, b }: Step, loc: Loc, keyword: string, limit: 'min' | 'max', defaultMin = 0): Change[] {
  const before = count(a, keyword);
  const after = count(b, keyword);
  if (before === after) return [];
  const [was, now] = limit === 'min' ? [before ?? defaultMin, after ?? defaultMin] : [before ?? Infinity, after ?? Infinity];
  const flags = limit === 'min' ? { backward: now <= was, forward: was <= now } : { backward: now >= was, forward: was >= now };
  if (flags.backward && flags.forward) return [];
  const tightened = !flags.backward;
  return [
    makeChange(tightened ? 'length_tightened' : 'length_relaxed', loc, [keyword], { before, after }, flags, explain.countChange(loc.label, keyword, before, after, tightened)),
  ];
}

/** Strips annotations: what is left decides validation. */
function assertions(schema: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !isAnnotation(key)));
}

/**
 * `unevaluatedItems`/`unevaluatedProperties` see through every sibling and combiner, so any change to the
 * assertions around them (or a `$ref` the walk cannot inline here) is left unproven.
 */
export function compareUnevaluated({ a, b }: Step, loc: Loc, keyword: string): Change[] {
  if (own(a, keyword) === undefined && own(b, keyword) === undefined) return [];
  const before = assertions(a);
  const after = assertions(b);
  if (jsonEqual(before, after) && !JSON.stringify(before).includes('"$ref"')) return [];
  return [makeChange('unknown_change', loc, [keyword], { before: own(a, keyword), after: own(b, keyword) }, NEITHER, explain.unevaluated(loc.label, keyword))];
}
