/** JSON helpers for the comparator: safe own-property access, structural equality and short display. */
import { canonicalJson } from '../../../util/canonical-json.js';
import type { Json } from '../../types.js';

export type JsonObject = { [key: string]: Json };

/** Own property only: schemas are untrusted, so `properties.constructor` must not reach Object.prototype. */
export function own(object: JsonObject, key: string): Json | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

const canonicalCache = new WeakMap<object, string>();

/** A key-order independent serialization, cached per object (schemas are never mutated) so repeated equality checks stay linear. */
export function canonical(value: Json): string {
  return canonicalJson(value, canonicalCache);
}

export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a === b || canonical(a) === canonical(b);
}

/** Compact JSON for explanations, cut so a huge enum cannot flood a message. */
export function show(value: Json | undefined): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Nesting depth of a JSON value, measured without recursion so a hostile value cannot overflow the stack. */
export function jsonDepth(value: Json): number {
  let deepest = 0;
  const stack: Array<[Json, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [Json, number];
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}
