/**
 * Keywords that constrain a value in place: annotations, `type`, `enum`/`const`, `format`, numeric bounds
 * and `multipleOf`, string length, `pattern` and content keywords. Each is compared on its own; the schema
 * is their conjunction, so a keyword-by-keyword proof is a proof for the whole.
 */
import type { Change, ChangeType, Json } from '../../types.js';
import * as explain from './explain.js';
import { compareCount } from './common-keywords.js';
import { type Kind, allowedValues, bound, boundWithin, declaredKinds, isMultiple, possibleKinds } from './facts.js';
import { canonical, jsonEqual, own } from './json.js';
import { isAnnotation, isUnknownKeyword, wellFormed } from './keywords.js';
import { BOTH, type Flags, type Loc, NEITHER, type Step, guardedLoc, makeChange } from './walk.js';

export function compareValueKeywords(step: Step): Change[] {
  const numeric = guardedLoc(step, ['integer', 'fraction']);
  const textual = guardedLoc(step, ['string']);
  return [
    ...compareKeywordShapes(step),
    ...compareType(step),
    ...compareAllowedValues(step),
    ...compareAssertion(step, step.loc, 'format', 'format_changed'),
    ...compareBound(step, numeric, 'minimum'),
    ...compareBound(step, numeric, 'maximum'),
    ...compareMultipleOf(step, numeric),
    ...compareCount(step, textual, 'minLength', 'min'),
    ...compareCount(step, textual, 'maxLength', 'max'),
    ...compareAssertion(step, textual, 'pattern', 'pattern_changed'),
    ...compareAssertion(step, textual, 'contentEncoding', 'content_changed'),
    ...compareAssertion(step, textual, 'contentMediaType', 'content_changed'),
  ];
}

/** Annotations (compatible), keywords the checker does not interpret and malformed values (both unproven). */
function compareKeywordShapes({ a, b, loc }: Step): Change[] {
  const changes: Change[] = [];
  for (const keyword of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const before = own(a, keyword);
    const after = own(b, keyword);
    if (keyword === 'definitions' || keyword === '$defs' || jsonEqual(before, after)) continue;
    const values = { before, after };
    if (isAnnotation(keyword)) {
      changes.push(makeChange('annotation_changed', loc, [keyword], values, BOTH, explain.annotationChange(loc.label, keyword)));
    } else if (isUnknownKeyword(keyword)) {
      changes.push(makeChange('unknown_change', loc, [keyword], values, NEITHER, explain.unknownKeyword(loc.label, keyword)));
    } else if (!wellFormed(keyword, before) || !wellFormed(keyword, after)) {
      changes.push(makeChange('unknown_change', loc, [keyword], values, NEITHER, explain.malformed(loc.label, keyword)));
    }
  }
  return changes;
}

function compareType({ a, b, loc }: Step): Change[] {
  const before = own(a, 'type');
  const after = own(b, 'type');
  if (jsonEqual(before, after)) return [];
  const declaredBefore = declaredKinds(a);
  const declaredAfter = declaredKinds(b);
  // What each side can actually hold (an enum may already exclude the kinds a type change drops).
  const lost = [...possibleKinds(a)].filter((kind) => !declaredAfter.has(kind));
  const gained = [...possibleKinds(b)].filter((kind) => !declaredBefore.has(kind));
  const flags = { backward: lost.length === 0, forward: gained.length === 0 };
  if (flags.backward && flags.forward) return [];
  const type: ChangeType = flags.backward ? 'type_widened' : flags.forward ? 'type_narrowed' : 'type_changed';
  return [makeChange(type, loc, ['type'], { before, after }, flags, explain.typeChange(loc.label, before, after, lost, gained))];
}

/** Whether `values` contains every value of the given kinds; only possible for null and boolean. */
function coversKinds(kinds: ReadonlySet<Kind>, values: Json[]): boolean {
  const has = (value: Json): boolean => values.some((candidate) => candidate === value);
  return [...kinds].every((kind) => (kind === 'null' ? has(null) : kind === 'boolean' && has(true) && has(false)));
}

function compareAllowedValues({ a, b, loc }: Step): Change[] {
  const before = allowedValues(a);
  const after = allowedValues(b);
  if (!before && !after) return [];
  if (!before && after) {
    const flags = { backward: coversKinds(possibleKinds(a), after.values), forward: true };
    return [makeChange('enum_added', loc, [after.keyword], { after: own(b, after.keyword) }, flags, explain.enumAdded(loc.label, after.values, flags))];
  }
  if (before && !after) {
    const flags = { backward: true, forward: coversKinds(possibleKinds(b), before.values) };
    return [makeChange('enum_removed', loc, [before.keyword], { before: own(a, before.keyword) }, flags, explain.enumRemoved(loc.label, before.values, flags))];
  }
  if (!before || !after) return [];
  const keyword = after.keyword;
  if (before.keyword === 'const' && after.keyword === 'const' && before.values.length === 1 && after.values.length === 1) {
    const [was, now] = [before.values[0] as Json, after.values[0] as Json];
    return jsonEqual(was, now) ? [] : [makeChange('const_changed', loc, ['const'], { before: was, after: now }, NEITHER, explain.constChanged(loc.label, was, now))];
  }
  // Hashed canonical JSON: a pairwise search made two 10,000-value enums a 20 s comparison.
  const missing = (list: Json[], from: Json[]): Json[] => {
    const present = new Set(from.map(canonical));
    return list.filter((value) => !present.has(canonical(value)));
  };
  return [
    ...missing(before.values, after.values).map((value) =>
      makeChange('enum_value_removed', loc, [keyword], { before: value }, { backward: false, forward: true }, explain.enumValueRemoved(loc.label, value)),
    ),
    ...missing(after.values, before.values).map((value) =>
      makeChange('enum_value_added', loc, [keyword], { after: value }, { backward: true, forward: false }, explain.enumValueAdded(loc.label, value)),
    ),
  ];
}

function compareBound({ a, b }: Step, loc: Loc, side: 'minimum' | 'maximum'): Change[] {
  const before = bound(a, side);
  const after = bound(b, side);
  if (!before && !after) return [];
  const flags = { backward: boundWithin(before, after, side), forward: boundWithin(after, before, side) };
  if (flags.backward && flags.forward) return [];
  const keyword = (after ?? before)?.keyword ?? side;
  const tightened = !flags.backward;
  return [
    makeChange(
      `${side}_${tightened ? 'tightened' : 'relaxed'}`,
      loc,
      [keyword],
      { before: before?.value, after: after?.value },
      flags,
      explain.boundChange(loc.label, side, before, after, tightened),
    ),
  ];
}

const integersOnly = (kinds: ReadonlySet<Kind>): boolean => [...kinds].every((kind) => kind === 'integer');

function compareMultipleOf({ a, b }: Step, loc: Loc): Change[] {
  const read = (value: Json | undefined): number | undefined => (typeof value === 'number' && value > 0 ? value : undefined);
  const before = read(own(a, 'multipleOf'));
  const after = read(own(b, 'multipleOf'));
  if (before === after) return [];
  // Integers are multiples of any divisor of 1, so `type: integer` already implies `multipleOf: 0.5`.
  const implied = (value: number | undefined, kinds: ReadonlySet<Kind>, divisor: number): boolean =>
    (value !== undefined && isMultiple(value, divisor)) || (integersOnly(kinds) && isMultiple(1, divisor));
  const flags: Flags = {
    backward: after === undefined || implied(before, possibleKinds(a), after),
    forward: before === undefined || implied(after, possibleKinds(b), before),
  };
  if (flags.backward && flags.forward) return [];
  return [makeChange('multiple_of_changed', loc, ['multipleOf'], { before, after }, flags, explain.multipleOfChange(loc.label, before, after, flags))];
}

/**
 * `pattern`, `format` and content keywords: adding one tightens, removing one relaxes, and replacing one
 * is unproven both ways (the checker does not decide regular expression or format inclusion).
 */
function compareAssertion({ a, b }: Step, loc: Loc, keyword: string, changedType: ChangeType): Change[] {
  const read = (value: Json | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
  const before = read(own(a, keyword));
  const after = read(own(b, keyword));
  if (before === after) return [];
  const flags = before === undefined ? { backward: false, forward: true } : after === undefined ? { backward: true, forward: false } : NEITHER;
  let type = changedType;
  if (keyword === 'pattern' && before === undefined) type = 'pattern_added';
  if (keyword === 'pattern' && after === undefined) type = 'pattern_removed';
  return [makeChange(type, loc, [keyword], { before, after }, flags, explain.assertionChange(loc.label, keyword, before, after))];
}
