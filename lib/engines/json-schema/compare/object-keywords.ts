/**
 * Object keywords. Property names are compared as classes: each name declared on either side, each
 * patternProperties entry, and "every other name" (additionalProperties). A class holds backward when
 * every rule the next version applies to it is implied by some rule the previous version applied.
 */
import type { Change, ChangeType, Json } from '../../types.js';
import type { SchemaNode } from './document.js';
import * as explain from './explain.js';
import { dependencies, nameSet } from './facts.js';
import { isObject } from '../../../util/json.js';
import { type JsonObject, own, show } from './json.js';
import { isAnnotation } from './keywords.js';
import { patternsDisjoint } from './patterns.js';
import { compareCount, compareUnevaluated } from './common-keywords.js';
import { type Flags, type Loc, NEITHER, type Step, childLoc, guardedLoc, joinLabel, makeChange, refutes } from './walk.js';

export function compareObjectKeywords(step: Step): Change[] {
  const loc = guardedLoc(step, ['object']);
  return [
    ...compareDeclaredNames(step, loc),
    ...comparePatternClasses(step, loc),
    ...compareOtherNames(step, loc),
    ...compareRequired(step, loc),
    ...compareDependencies(step, loc),
    ...compareSubSchema(step, childLoc(loc, ['propertyNames'], { label: joinLabel(loc.label, '<property names>'), descend: true }), 'propertyNames'),
    ...compareCount(step, loc, 'minProperties', 'min'),
    ...compareCount(step, loc, 'maxProperties', 'max'),
    ...compareUnevaluated(step, loc, 'unevaluatedProperties'),
  ];
}

const mapOf = (value: Json | undefined): JsonObject => (isObject(value) ? value : {});

/** `true`, absent or annotation-only: accepts every value. */
function acceptsAnything(schema: Json): boolean {
  return schema === true || (isObject(schema) && Object.keys(schema).every(isAnnotation));
}

function openness(rest: Json): explain.Openness {
  return acceptsAnything(rest) ? 'open' : rest === false ? 'closed' : 'partial';
}

/** The rules one side applies to a concrete property name. */
interface Governance {
  declared: SchemaNode | undefined;
  /** The name must satisfy all of these. */
  rules: SchemaNode[];
  patterns: string[];
  openness: explain.Openness;
  /** False when a patternProperties regex could not be run on the name. */
  evaluable: boolean;
}

function governance(step: Step, side: 'x' | 'y', name: string): Governance {
  const node = step[side];
  const schema = side === 'x' ? step.a : step.b;
  const properties = mapOf(own(schema, 'properties'));
  const declared = Object.hasOwn(properties, name) ? node.doc.node(properties[name] as Json) : undefined;
  const rules = declared ? [declared] : [];
  const patterns: string[] = [];
  let evaluable = true;
  for (const [pattern, rule] of Object.entries(mapOf(own(schema, 'patternProperties')))) {
    const matches = step.patterns.matches(pattern, name);
    if (matches === undefined) evaluable = false;
    if (matches) {
      patterns.push(pattern);
      rules.push(node.doc.node(rule));
    }
  }
  if (rules.length > 0) return { declared, rules, patterns, openness: 'partial', evaluable };
  const rest = own(schema, 'additionalProperties') ?? true;
  return { declared, rules: [node.doc.node(rest)], patterns, openness: openness(rest), evaluable };
}

/** What one side says about a class of property names. */
interface NameClass {
  /** Every member's value must satisfy all of these. */
  rules: SchemaNode[];
  /** What a valid document's value is known to satisfy: all of `known`, or at least one of them. */
  known: SchemaNode[];
  knownIs: 'all' | 'some';
  /** The side accepts any value for these names (the lenient rule's case). */
  open: boolean;
}

/**
 * Backward holds when every rule of the next side is satisfied by whatever the previous side already
 * guaranteed (and the other way round for forward). The lenient rule skips the backward proof for names
 * the previous side left fully open, only in the previous-to-next orientation, never in a reversed proof.
 */
function classFlags(step: Step, before: NameClass, after: NameClass, depth: number): Flags & { lenient: boolean } {
  // With a known conjunction one conjunct suffices; when it is unknown which rule matched, each must.
  const quantify = (side: NameClass, test: (known: SchemaNode) => boolean): boolean =>
    side.knownIs === 'all' ? side.known.some(test) : side.known.every(test);
  const backwardProof = (): boolean => after.rules.every((rule) => quantify(before, (known) => step.relation(known, rule, depth).backward));
  const forwardProof = (): boolean => before.rules.every((rule) => quantify(after, (known) => step.relation(rule, known, depth).forward));
  const lenient = step.lenient && before.open && step.x.doc.role === 'previous';
  const lenientForward = step.lenient && after.open && step.y.doc.role === 'previous';
  return {
    backward: lenient || backwardProof(),
    forward: lenientForward || forwardProof(),
    // Whether the lenient rule decided the verdict only matters for the explanation.
    lenient: lenient && !step.proving && !backwardProof(),
  };
}

function directional(flags: Flags, tightened: ChangeType, relaxed: ChangeType): ChangeType {
  if (flags.backward && !flags.forward) return relaxed;
  if (flags.forward && !flags.backward) return tightened;
  return 'unknown_change';
}

function compareDeclaredNames(step: Step, loc: Loc): Change[] {
  const before = mapOf(own(step.a, 'properties'));
  const after = mapOf(own(step.b, 'properties'));
  const names = [...Object.keys(before), ...Object.keys(after).filter((name) => !Object.hasOwn(before, name))];
  const changes: Change[] = [];
  for (const name of names) {
    if (step.proving && refutes(changes)) break;
    const was = governance(step, 'x', name);
    const now = governance(step, 'y', name);
    const here = childLoc(loc, ['properties', name], { label: joinLabel(loc.label, name), descend: true });
    if (was.declared && now.declared && was.evaluable && now.evaluable && show(was.patterns) === show(now.patterns)) {
      // Same patterns on both sides: they are compared once, as their own class.
      changes.push(...step.sub(was.declared, now.declared, here));
      continue;
    }
    const nameClass = (rules: Governance): NameClass => ({ rules: rules.rules, known: rules.rules, knownIs: 'all', open: rules.openness === 'open' });
    const flags = was.evaluable && now.evaluable ? classFlags(step, nameClass(was), nameClass(now), here.depth) : { ...NEITHER, lenient: false };
    const what = `Property ${explain.subject(here.label)}`;
    const values = { before: own(before, name), after: own(after, name) };
    if (was.declared && now.declared) {
      if (flags.backward && flags.forward) continue;
      changes.push(makeChange(directional(flags, 'schema_tightened', 'schema_relaxed'), here, [], values, flags, explain.propertyRuleChanged(what, flags)));
    } else if (now.declared) {
      const type: ChangeType = `property_added_${was.openness === 'open' ? 'open' : was.openness === 'closed' ? 'closed' : 'partially_open'}_model`;
      changes.push(makeChange(type, here, [], values, flags, explain.propertyAdded(what, was.openness, flags, flags.lenient)));
    } else {
      changes.push(makeChange('property_removed', here, [], values, flags, explain.propertyRemoved(what, now.openness, flags)));
    }
  }
  return changes;
}

/**
 * A patternProperties entry on one side only. Names matching it may fall, on the other side, under any
 * overlapping pattern or additionalProperties, so each of those candidates must imply its rule.
 */
function comparePatternClasses(step: Step, loc: Loc): Change[] {
  const before = mapOf(own(step.a, 'patternProperties'));
  const after = mapOf(own(step.b, 'patternProperties'));
  const changes: Change[] = [];
  const side = (node: SchemaNode, patterns: JsonObject, schema: JsonObject, pattern: string): NameClass & { openness: explain.Openness } => {
    if (Object.hasOwn(patterns, pattern)) {
      const rule = node.doc.node(patterns[pattern] as Json);
      return { rules: [rule], known: [rule], knownIs: 'all', open: false, openness: 'partial' };
    }
    // Names matching the pattern fall under any overlapping pattern of this side, or additionalProperties.
    const rest = node.doc.node(own(schema, 'additionalProperties') ?? true);
    const overlapping = Object.keys(patterns).filter((other) => !patternsDisjoint(other, pattern));
    const kind = overlapping.length > 0 ? 'partial' : openness(rest.schema);
    const known = [...overlapping.map((other) => node.doc.node(patterns[other] as Json)), rest];
    return { rules: [rest], known, knownIs: 'some', open: kind === 'open', openness: kind };
  };
  for (const pattern of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const here = childLoc(loc, ['patternProperties', pattern], { label: joinLabel(loc.label, `/${pattern}/`), descend: true });
    const inBefore = Object.hasOwn(before, pattern);
    const inAfter = Object.hasOwn(after, pattern);
    if (inBefore && inAfter) {
      changes.push(...step.sub(step.x.doc.node(before[pattern] as Json), step.y.doc.node(after[pattern] as Json), here));
      continue;
    }
    const was = side(step.x, before, step.a, pattern);
    const now = side(step.y, after, step.b, pattern);
    const flags = classFlags(step, was, now, here.depth);
    const what = `Properties matching ${show(pattern)}`;
    const values = { before: own(before, pattern), after: own(after, pattern) };
    if (inAfter) {
      const type: ChangeType = `property_added_${was.openness === 'open' ? 'open' : was.openness === 'closed' ? 'closed' : 'partially_open'}_model`;
      changes.push(makeChange(type, here, [], values, flags, explain.propertyAdded(what, was.openness, flags, flags.lenient)));
    } else {
      changes.push(makeChange('property_removed', here, [], values, flags, explain.propertyRemoved(what, now.openness, flags)));
    }
  }
  return changes;
}

/** Names neither side declares nor matches by pattern: additionalProperties against additionalProperties. */
function compareOtherNames(step: Step, loc: Loc): Change[] {
  const here = childLoc(loc, ['additionalProperties'], { label: joinLabel(loc.label, '*'), descend: true, kind: 'additionalProperties' });
  return compareSubSchema(step, here, 'additionalProperties');
}

/** A keyword holding one sub-schema, absent meaning `true`. */
function compareSubSchema(step: Step, here: Loc, keyword: string): Change[] {
  const before = own(step.a, keyword);
  const after = own(step.b, keyword);
  if (before === undefined && after === undefined) return [];
  return step.sub(step.x.doc.node(before ?? true), step.y.doc.node(after ?? true), here);
}

function requiredChanges(loc: Loc, segments: string[], before: Set<string>, after: Set<string>, trigger?: string): Change[] {
  const triggerLabel = trigger === undefined ? undefined : joinLabel(loc.label, trigger);
  return [
    ...[...after]
      .filter((name) => !before.has(name))
      .map((name) =>
        makeChange('required_added', loc, segments, { after: name }, { backward: false, forward: true }, explain.requiredAdded(joinLabel(loc.label, name), triggerLabel)),
      ),
    ...[...before]
      .filter((name) => !after.has(name))
      .map((name) =>
        makeChange('required_removed', loc, segments, { before: name }, { backward: true, forward: false }, explain.requiredRemoved(joinLabel(loc.label, name), triggerLabel)),
      ),
  ];
}

function compareRequired({ a, b }: Step, loc: Loc): Change[] {
  return requiredChanges(loc, ['required'], nameSet(own(a, 'required')), nameSet(own(b, 'required')));
}

/** `dependencies`, `dependentRequired`, `dependentSchemas`: compared per trigger property. */
function compareDependencies(step: Step, loc: Loc): Change[] {
  const before = dependencies(step.a);
  const after = dependencies(step.b);
  const changes: Change[] = [];
  for (const key of new Set([...before.required.keys(), ...after.required.keys()])) {
    const was = before.required.get(key);
    const now = after.required.get(key);
    const keyword = (now ?? was)?.keyword ?? 'dependentRequired';
    changes.push(...requiredChanges(loc, [keyword, key], new Set(was?.names), new Set(now?.names), key));
  }
  for (const key of new Set([...before.schemas.keys(), ...after.schemas.keys()])) {
    const was = before.schemas.get(key);
    const now = after.schemas.get(key);
    const here = childLoc(loc, [(now ?? was)?.keyword ?? 'dependentSchemas', key], { descend: false });
    changes.push(...step.sub(step.x.doc.node(was?.schema ?? true), step.y.doc.node(now?.schema ?? true), here));
  }
  return changes;
}
