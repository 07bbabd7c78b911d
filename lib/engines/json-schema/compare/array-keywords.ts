/**
 * Array keywords. Items are compared position by position over the longer tuple, each side's positions
 * past its prefix falling back to its rest schema (`additionalItems`, or `items` beside `prefixItems`).
 */
import type { Change } from '../../types.js';
import * as explain from './explain.js';
import { count, tupleForm } from './facts.js';
import { own } from './json.js';
import { compareCount, compareUnevaluated } from './common-keywords.js';
import { type Flags, type Loc, NEITHER, type Step, childLoc, guardedLoc, makeChange } from './walk.js';

export function compareArrayKeywords(step: Step): Change[] {
  const loc = guardedLoc(step, ['array']);
  return [
    ...compareItems(step, loc),
    ...compareContains(step, loc),
    ...compareCount(step, loc, 'minItems', 'min'),
    ...compareCount(step, loc, 'maxItems', 'max'),
    ...compareUniqueness(step, loc),
    ...compareUnevaluated(step, loc, 'unevaluatedItems'),
  ];
}

function compareItems(step: Step, loc: Loc): Change[] {
  const before = tupleForm(step.a);
  const after = tupleForm(step.b);
  const changes: Change[] = [];
  for (let index = 0; index < Math.max(before.prefix.length, after.prefix.length); index += 1) {
    const was = before.prefix[index];
    const now = after.prefix[index];
    const keyword = (now ?? was)?.keyword ?? 'items';
    const position = childLoc(loc, [keyword, index], { label: `${loc.label}[${index}]`, descend: true, kind: 'items' });
    changes.push(...step.sub(step.x.doc.node(was?.schema ?? before.rest.schema), step.y.doc.node(now?.schema ?? after.rest.schema), position));
  }
  const keyword = after.rest.keyword ?? before.rest.keyword;
  if (keyword) {
    const rest = childLoc(loc, [keyword], { label: `${loc.label}[]`, descend: true, kind: 'items' });
    changes.push(...step.sub(step.x.doc.node(before.rest.schema), step.y.doc.node(after.rest.schema), rest));
  }
  return changes;
}

/**
 * `contains` (absent means no requirement, unlike `contains: true`). Widening the schema only helps the
 * "at least" side, so with `maxContains` on either side the schemas must be equivalent to prove anything.
 */
function compareContains(step: Step, loc: Loc): Change[] {
  const { a, b } = step;
  const before = own(a, 'contains');
  const after = own(b, 'contains');
  if (before === undefined && after === undefined) return [];
  const atMost = { before: count(a, 'maxContains'), after: count(b, 'maxContains') };
  const atLeast = { before: count(a, 'minContains') ?? 1, after: count(b, 'minContains') ?? 1 };
  const trivial = (min: number, max: number | undefined): boolean => min === 0 && max === undefined;
  if (before === undefined || after === undefined) {
    const flags: Flags = before === undefined
      ? { backward: trivial(atLeast.after, atMost.after), forward: true }
      : { backward: true, forward: trivial(atLeast.before, atMost.before) };
    if (flags.backward && flags.forward) return [];
    const type = flags.backward ? 'items_relaxed' : 'items_tightened';
    return [makeChange(type, loc, ['contains'], { before, after }, flags, explain.containsChange(loc.label, flags))];
  }
  const inner = childLoc(loc, ['contains'], { label: `${loc.label}[]`, descend: true, kind: 'items' });
  const counts = [
    ...compareCount(step, loc, 'minContains', 'min', 1),
    ...compareCount(step, loc, 'maxContains', 'max'),
  ];
  const x = step.x.doc.node(before);
  const y = step.y.doc.node(after);
  if (atMost.before === undefined && atMost.after === undefined) return [...step.sub(x, y, inner), ...counts];
  const same = step.relation(x, y, inner);
  if (same.backward && same.forward) return counts;
  return [makeChange('unknown_change', loc, ['contains'], { before, after }, NEITHER, explain.containsChange(loc.label, NEITHER)), ...counts];
}

function compareUniqueness({ a, b }: Step, loc: Loc): Change[] {
  const before = own(a, 'uniqueItems') === true;
  const after = own(b, 'uniqueItems') === true;
  if (before === after) return [];
  const flags = { backward: before, forward: after };
  return [
    makeChange(after ? 'items_tightened' : 'items_relaxed', loc, ['uniqueItems'], { before: own(a, 'uniqueItems'), after: own(b, 'uniqueItems') }, flags, explain.itemsUniqueness(loc.label, after)),
  ];
}
