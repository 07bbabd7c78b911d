/** The vocabulary shared by the comparator and its keyword modules: locations, steps and change building. */
import type { Change, ChangeType, Json } from '../../types.js';
import type { SchemaNode } from './document.js';
import { type Flags, unreachableNote } from './explain.js';
import { type Kind, possibleKinds } from './facts.js';
import type { JsonObject } from './json.js';
import { escapePointerToken } from '../../../util/json-pointer.js';
import type { PatternMatcher } from './patterns.js';

export type { Flags };

export const BOTH: Flags = Object.freeze({ backward: true, forward: true });
export const NEITHER: Flags = Object.freeze({ backward: false, forward: false });

/** Where a comparison stands, in the coordinates of the next definition. */
export interface Loc {
  /** JSON pointer into the definition. */
  path: string;
  /** The field as a person names it: `address.street`, `tags[]`, `tags[0]`, `address.*`. */
  label: string;
  /** Instance depth: how many object/array levels of a document lie above this schema. */
  depth: number;
  /** Schema nesting, bounded so a hostile definition cannot exhaust the stack. */
  nest: number;
  /** Which change types a `true`/`false` sub-schema swap reports as. */
  kind: 'schema' | 'items' | 'additionalProperties';
  /** A direction already known to hold here because no document reaches this location in it. */
  guard: Flags;
}

export function rootLoc(depth = 0): Loc {
  return { path: '', label: '', depth, nest: 0, kind: 'schema', guard: NEITHER };
}

/**
 * A sub-location. `segments` are raw keyword/name segments (escaped here), `label` the new field label,
 * `descend` whether the instance moves one level down (properties, items: yes; allOf, then: no).
 */
export function childLoc(loc: Loc, segments: Array<string | number>, options: { label?: string; descend: boolean; kind?: Loc['kind'] }): Loc {
  return {
    path: loc.path + segments.map((segment) => `/${escapePointerToken(segment)}`).join(''),
    label: options.label ?? loc.label,
    depth: loc.depth + (options.descend ? 1 : 0),
    nest: loc.nest + 1,
    kind: options.kind ?? 'schema',
    guard: loc.guard,
  };
}

export function joinLabel(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

export function andFlags(changes: Change[]): Flags {
  return {
    backward: changes.every((change) => change.backward_compatible),
    forward: changes.every((change) => change.forward_compatible),
  };
}

/** Both directions already fail: further changes cannot alter the verdict. */
export function refutes(changes: Change[]): boolean {
  return changes.some((change) => !change.backward_compatible) && changes.some((change) => !change.forward_compatible);
}

export function orFlags(a: Flags, b: Flags): Flags {
  return { backward: a.backward || b.backward, forward: a.forward || b.forward };
}

export function covers(a: Flags, b: Flags): boolean {
  return (a.backward || !b.backward) && (a.forward || !b.forward);
}

/** Builds a change at `loc` (plus keyword segments), applying the location's guard to its flags. */
export function makeChange(
  type: ChangeType,
  loc: Loc,
  segments: Array<string | number>,
  values: { before?: Json | undefined; after?: Json | undefined },
  flags: Flags,
  explanation: string,
): Change {
  const backward = flags.backward || loc.guard.backward;
  const forward = flags.forward || loc.guard.forward;
  let text = explanation;
  const unreachable = [backward && !flags.backward && 'previous', forward && !flags.forward && 'new'].filter((side): side is string => !!side);
  if (unreachable.length > 0) {
    // The consequence the builder wrote cannot happen: keep what changed, say why it does not matter.
    const what = (backward && forward ? (explanation.split(': ')[0] as string) : explanation).replace(/\.$/, '');
    text = `${what}. ${unreachableNote(unreachable)}`;
  }
  const change: Change = {
    type,
    path: loc.path + segments.map((segment) => `/${escapePointerToken(segment)}`).join(''),
    backward_compatible: backward,
    forward_compatible: forward,
    explanation: text,
  };
  if (values.before !== undefined) change.before = values.before;
  if (values.after !== undefined) change.after = values.after;
  return change;
}

/** One schema-object comparison handed to a keyword module. `x`/`y` are the two sides in call order. */
export interface Step {
  x: SchemaNode;
  y: SchemaNode;
  a: JsonObject;
  b: JsonObject;
  loc: Loc;
  /** Compares two sub-schemas: full changes when explaining, summarised flags when only proving. */
  sub(x: SchemaNode, y: SchemaNode, loc: Loc): Change[];
  /** Whether x ⊆ y (backward) and y ⊆ x (forward) could be proven. */
  relation(x: SchemaNode, y: SchemaNode, depth: number): Flags;
  /** Only flags matter (no explanation is shown): loops may stop once both directions are refuted. */
  readonly proving: boolean;
  readonly lenient: boolean;
  readonly patterns: PatternMatcher;
}

/**
 * The step's location, guarded for keywords that only check values of `kinds`: a direction holds
 * trivially when that side's schema never accepts such a value (e.g. `maxLength` beside `type: number`).
 */
export function guardedLoc(step: Step, kinds: Kind[]): Loc {
  const reaches = (schema: JsonObject): boolean => {
    const possible = possibleKinds(schema);
    return kinds.some((kind) => possible.has(kind));
  };
  return {
    ...step.loc,
    guard: { backward: step.loc.guard.backward || !reaches(step.a), forward: step.loc.guard.forward || !reaches(step.b) },
  };
}
