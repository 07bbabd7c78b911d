/**
 * Which patterns may run on the native `RegExp` engine: those whose backtracking is proven to take
 * time linear in the input. RE2 (re2.ts) is linear for every pattern but, in JavaScript, an order of
 * magnitude slower than `RegExp`; most schema patterns (`^[A-Z]{3}-[0-9]{4}$`) need none of its guarantee.
 *
 * The proof is conservative: a pattern qualifies when it is deterministic with one character of
 * lookahead. At every choice a backtracking engine makes (iterate a quantifier again or move on, take
 * one alternative or another) the characters that can come next on each side are disjoint, so the
 * wrong side fails on its first character and no choice is ever revisited after more than O(1) work:
 * - no backreferences and no lookaround (the parser, regexpp, reads the pattern exactly as ECMAScript
 *   does with the `u` flag);
 * - the alternatives of a group start with disjoint characters, and none matches the empty string;
 * - a quantifier with a variable count repeats something that matches no empty string and whose first
 *   characters are disjoint from what may follow it (so `(a+)+`, `\d+\d+` and `(a|ab)*` are refused);
 * - anchored with `^`, or else every match is at most MAX_UNANCHORED_SPAN characters long, because an
 *   unanchored pattern is tried at every position of the input.
 * Anything else (including anything the analysis cannot read) runs on RE2, with the same verdicts.
 */
import { RegExpParser } from '@eslint-community/regexpp';
import type { Alternative, CharacterClass, Element, Node } from '@eslint-community/regexpp/ast';

/** Longest match of an unanchored pattern run natively: bounds the work of the attempt at each position. */
const MAX_UNANCHORED_SPAN = 256;
const MAX_CODE_POINT = 0x10ffff;

/** A set of code points as sorted, disjoint, inclusive ranges. */
type CharSet = readonly (readonly [number, number])[];

const NONE: CharSet = [];
const ALL: CharSet = [[0, MAX_CODE_POINT]];
const DIGIT: CharSet = [[0x30, 0x39]];
const WORD: CharSet = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
/** ECMAScript's WhiteSpace and LineTerminator code points (`\s`). */
const SPACE: CharSet = [[0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];
const LINE_TERMINATORS: CharSet = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];

function union(a: CharSet, b: CharSet): CharSet {
  const sorted = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(set: CharSet): CharSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

function intersects(a: CharSet, b: CharSet): boolean {
  return a.some(([lo, hi]) => b.some(([blo, bhi]) => lo <= bhi && blo <= hi));
}

class NotProven extends Error {}

/** The characters `node` may match; Unicode properties count as every character (an over-approximation). */
function characters(node: Node): CharSet {
  switch (node.type) {
    case 'Character':
      return [[node.value, node.value]];
    case 'CharacterClassRange':
      return [[node.min.value, node.max.value]];
    case 'CharacterSet': {
      if (node.kind === 'any') return complement(LINE_TERMINATORS);
      if (node.kind === 'property') return ALL;
      const set = node.kind === 'digit' ? DIGIT : node.kind === 'word' ? WORD : node.kind === 'space' ? SPACE : undefined;
      if (set === undefined) throw new NotProven();
      return node.negate ? complement(set) : set;
    }
    case 'CharacterClass':
      return classCharacters(node);
    default:
      throw new NotProven();
  }
}

function classCharacters(node: CharacterClass): CharSet {
  let set = NONE;
  for (const element of node.elements) {
    if (element.type === 'CharacterSet' && element.kind === 'property') return ALL;
    set = union(set, characters(element));
  }
  return node.negate ? complement(set) : set;
}

interface Facts {
  /** The characters a match may start with. */
  first: CharSet;
  /** Whether it matches the empty string. */
  nullable: boolean;
  /** The longest match, in characters (Infinity when unbounded). */
  longest: number;
}

function factsOfSequence(elements: readonly Element[]): Facts {
  let first = NONE;
  let nullable = true;
  let longest = 0;
  for (const element of elements) {
    const facts = factsOf(element);
    if (nullable) first = union(first, facts.first);
    nullable &&= facts.nullable;
    longest += facts.longest;
  }
  return { first, nullable, longest };
}

function factsOfAlternatives(alternatives: readonly Alternative[]): Facts {
  const each = alternatives.map((a) => factsOfSequence(a.elements));
  return {
    first: each.reduce((set, f) => union(set, f.first), NONE),
    nullable: each.some((f) => f.nullable),
    longest: Math.max(0, ...each.map((f) => f.longest)),
  };
}

function factsOf(element: Element): Facts {
  switch (element.type) {
    case 'Assertion':
      if (element.kind === 'start' || element.kind === 'end' || element.kind === 'word') return { first: NONE, nullable: true, longest: 0 };
      throw new NotProven();
    case 'Group':
    case 'CapturingGroup':
      return factsOfAlternatives(element.alternatives);
    case 'Quantifier': {
      const inner = factsOf(element.element);
      return { first: inner.first, nullable: element.min === 0 || inner.nullable, longest: element.max === 0 ? 0 : inner.longest * element.max };
    }
    case 'Character':
    case 'CharacterClass':
    case 'CharacterSet':
      return { first: characters(element), nullable: false, longest: 1 };
    default:
      // Backreferences, and anything newer than this analysis.
      throw new NotProven();
  }
}

/** Throws NotProven unless every choice in `alternatives`, followed by `follow`, is decided by one character. */
function checkAlternatives(alternatives: readonly Alternative[], follow: CharSet): void {
  if (alternatives.length > 1) {
    const firsts = alternatives.map((a) => factsOfSequence(a.elements));
    if (firsts.some((f) => f.nullable)) throw new NotProven();
    for (let i = 0; i < firsts.length; i++) {
      for (let j = i + 1; j < firsts.length; j++) if (intersects(firsts[i]!.first, firsts[j]!.first)) throw new NotProven();
    }
  }
  for (const alternative of alternatives) checkSequence(alternative.elements, follow);
}

function checkSequence(elements: readonly Element[], follow: CharSet): void {
  let after = follow;
  for (let i = elements.length - 1; i >= 0; i--) {
    const element = elements[i]!;
    checkElement(element, after);
    const facts = factsOf(element);
    after = facts.nullable ? union(facts.first, after) : facts.first;
  }
}

function checkElement(element: Element, follow: CharSet): void {
  if (element.type === 'Group' || element.type === 'CapturingGroup') return checkAlternatives(element.alternatives, follow);
  if (element.type !== 'Quantifier') return void factsOf(element);
  const inner = factsOf(element.element);
  if (element.max > element.min) {
    if (inner.nullable || intersects(inner.first, follow)) throw new NotProven();
  }
  checkElement(element.element, element.max > 1 ? union(inner.first, follow) : follow);
}

function anchored(alternative: Alternative): boolean {
  const head = alternative.elements[0];
  return head?.type === 'Assertion' && head.kind === 'start';
}

const parser = new RegExpParser({ ecmaVersion: 2024 });

/** Whether the native `RegExp` matches ECMA-262 `pattern` (with the `u` flag, as ajv compiles it) in linear time. */
export function provenLinear(pattern: string): boolean {
  try {
    const { alternatives } = parser.parsePattern(pattern, 0, pattern.length, { unicode: true });
    checkAlternatives(alternatives, NONE);
    return alternatives.every((a) => anchored(a) || factsOfSequence(a.elements).longest <= MAX_UNANCHORED_SPAN);
  } catch {
    // A syntax error or a construct not proven linear: RE2 runs it (or refuses it at publish).
    return false;
  }
}
