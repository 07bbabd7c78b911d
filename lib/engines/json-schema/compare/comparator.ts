/**
 * The comparison engine. It walks the two definitions side by side and proves, keyword by keyword, that
 * documents valid under one are valid under the other; whatever it cannot prove it reports as incompatible.
 *
 * Two modes share one walk: `emit` produces the explained changes (each pair of sub-schemas once, so a
 * `$ref` used twice is reported once, at its definition), `flags` only proves an inclusion and is
 * memoised; combiners (allOf/anyOf/oneOf/not/if) and property classes use it for their sub-proofs.
 * Recursion through `$ref` is handled co-inductively: a pair met again deeper in the document is assumed
 * to hold (sound for finite documents, by induction on their depth), and the assumption is re-checked
 * until it is self-consistent.
 */
import type { Change, CompareOptions, Json } from '../../types.js';
import { compareArrayKeywords } from './array-keywords.js';
import type { SchemaDocument, SchemaNode } from './document.js';
import * as explain from './explain.js';
import { allowedValues, nameSet, overlaps, possibleKinds } from './facts.js';
import { isObject } from '../../../util/json.js';
import { type JsonObject, canonical, jsonEqual, own } from './json.js';
import { COMBINERS } from './keywords.js';
import { compareObjectKeywords } from './object-keywords.js';
import { PatternMatcher } from './patterns.js';
import { compareValueKeywords } from './value-keywords.js';
import { BOTH, type Flags, type Loc, NEITHER, type Step, andFlags, childLoc, covers, makeChange, orFlags, refutes, rootLoc } from './walk.js';

/**
 * Sub-schema comparisons per call: a schema with thousands of properties needs a few thousand, while
 * adversarial nests of combiners stop here after about a second instead of running for minutes.
 */
const STEP_BUDGET = 50_000;
/** Schema nesting depth; beyond it the comparison gives up rather than exhaust the stack. */
const MAX_NESTING = 200;

type Mode = 'emit' | 'flags';

/** One conjunct of a schema: its own keywords, an allOf branch, a disjunction, a negation, a conditional. */
type Part =
  | { keyword: 'body' | 'allOf' | '$ref'; kind: 'schema'; node: SchemaNode; path?: string }
  | { keyword: 'anyOf'; kind: 'any'; branches: SchemaNode[] }
  | { keyword: 'oneOf'; kind: 'one'; branches: SchemaNode[] }
  | { keyword: 'not'; kind: 'not'; node: SchemaNode }
  | { keyword: 'if'; kind: 'cond'; if: SchemaNode; then: SchemaNode; else: SchemaNode };

interface Frame {
  index: number;
  depth: number;
  hypothesis: Flags;
  used: boolean;
}

const EMPTY: JsonObject = Object.freeze({}) as JsonObject;
/** `true` and `{}` accept the same documents; one object form keeps memo keys and cycle checks uniform. */
const asObject = (schema: Json): Json => (schema === true ? EMPTY : schema);
const schemaPart = (node: SchemaNode): Part => ({ keyword: 'body', kind: 'schema', node });

export class Comparator {
  private steps = STEP_BUDGET;
  private readonly memo = new Map<string, Flags>();
  private readonly active = new Map<string, Frame>();
  private lowestHypothesis = Infinity;
  private readonly emitted = new Map<string, number | 'done'>();
  private readonly ids = new WeakMap<object, number>();
  private readonly contentIds = new Map<string, number>();
  private nextId = 1;
  private readonly bodies = new WeakMap<object, JsonObject>();
  private readonly patterns = new PatternMatcher();
  private readonly lenient: boolean;

  constructor(
    private readonly previous: SchemaDocument,
    private readonly next: SchemaDocument,
    options: CompareOptions,
  ) {
    this.lenient = (options.openContentModel ?? 'lenient') === 'lenient';
  }

  /** Every change between the two root schemas. */
  compare(): Change[] {
    return this.emit(this.previous.node(this.previous.root), this.next.node(this.next.root), rootLoc());
  }

  private emit(x: SchemaNode, y: SchemaNode, loc: Loc): Change[] {
    if (identical(x.schema, y.schema)) return [];
    if (--this.steps < 0 || loc.nest > MAX_NESTING) return [this.tooComplex(loc)];
    const left = x.doc.deref(x.schema, loc.path);
    const right = y.doc.deref(y.schema, loc.path);
    // Paths follow the next definition: a change inside a referenced schema is reported where it is defined.
    const here = { ...loc, path: right.path };
    const a = x.doc.node(asObject(left.schema));
    const b = y.doc.node(asObject(right.schema));
    const unresolved = left.unresolved ?? right.unresolved;
    if (unresolved !== undefined) return this.opaque(a, b, here, unresolved);
    if (!isObject(a.schema) || !isObject(b.schema)) return this.diff(a, b, here, 'emit');
    // Object identity only repeats through $ref, so a pair seen before is the same definition reached again.
    const key = `${this.pairKey(a, b, false)}|${Number(here.guard.backward)}${Number(here.guard.forward)}`;
    const seen = this.emitted.get(key);
    if (seen === 'done') return [];
    if (seen !== undefined) return seen < here.depth ? [] : [this.tooComplex(here)];
    this.emitted.set(key, here.depth);
    const changes = this.diff(a, b, here, 'emit');
    this.emitted.set(key, 'done');
    return changes;
  }

  /** Whether x ⊆ y (backward) and y ⊆ x (forward) can be proven, for documents at instance depth `depth`. */
  private relation(x: SchemaNode, y: SchemaNode, depth: number): Flags {
    if (identical(x.schema, y.schema)) return BOTH;
    if (--this.steps < 0 || this.active.size > MAX_NESTING) return NEITHER;
    const left = x.doc.deref(x.schema, '');
    const right = y.doc.deref(y.schema, '');
    const a = x.doc.node(asObject(left.schema));
    const b = y.doc.node(asObject(right.schema));
    if (left.unresolved !== undefined || right.unresolved !== undefined) return jsonEqual(a.schema, b.schema) ? BOTH : NEITHER;
    const loc = rootLoc(depth);
    if (!isObject(a.schema) || !isObject(b.schema)) return andFlags(this.diff(a, b, loc, 'flags'));
    const key = this.pairKey(a, b, true);
    const known = this.memo.get(key);
    if (known) return known;
    const frame = this.active.get(key);
    if (frame) {
      // Assuming the pair holds is only sound once the document has been descended into.
      if (frame.depth >= depth) return NEITHER;
      frame.used = true;
      this.lowestHypothesis = Math.min(this.lowestHypothesis, frame.index);
      return frame.hypothesis;
    }
    const mine: Frame = { index: this.active.size, depth, hypothesis: BOTH, used: false };
    this.active.set(key, mine);
    const outer = this.lowestHypothesis;
    this.lowestHypothesis = Infinity;
    let result = andFlags(this.diff(a, b, loc, 'flags'));
    // Re-run under the weaker hypothesis until the answer agrees with what was assumed.
    for (let round = 0; mine.used && !sameFlags(result, mine.hypothesis); round += 1) {
      if (round === 3) {
        result = NEITHER;
        break;
      }
      mine.hypothesis = result;
      mine.used = false;
      result = andFlags(this.diff(a, b, loc, 'flags'));
    }
    this.active.delete(key);
    const lowest = this.lowestHypothesis;
    // A result that leaned on an enclosing pair's hypothesis is provisional: do not remember it.
    if (lowest >= mine.index) this.memo.set(key, result);
    this.lowestHypothesis = Math.min(outer, lowest < mine.index ? lowest : Infinity);
    return result;
  }

  private sub(x: SchemaNode, y: SchemaNode, loc: Loc, mode: Mode): Change[] {
    if (mode === 'emit') return this.emit(x, y, loc);
    const flags = this.relation(x, y, loc.depth);
    return flags.backward && flags.forward ? [] : [makeChange('unknown_change', loc, [], {}, flags, '')];
  }

  /** Compares two dereferenced schemas. */
  private diff(x: SchemaNode, y: SchemaNode, loc: Loc, mode: Mode): Change[] {
    const a = x.schema;
    const b = y.schema;
    if (identical(a, b)) return [];
    if (a === false || b === false) return [this.booleanChange(x, y, loc)];
    if (!isObject(a) || !isObject(b)) {
      return [makeChange('unknown_change', loc, [], { before: a, after: b }, NEITHER, explain.malformed(loc.label, 'schema'))];
    }
    const step: Step = {
      x,
      y,
      a,
      b,
      loc,
      sub: (p, q, at) => this.sub(p, q, at, mode),
      relation: (p, q, depth) => this.relation(p, q, depth),
      proving: mode === 'flags',
      lenient: this.lenient,
      patterns: this.patterns,
    };
    const changes: Change[] = [];
    for (const group of [compareValueKeywords, compareArrayKeywords, compareObjectKeywords, (at: Step) => this.compareCombiners(at)]) {
      changes.push(...group(step));
      if (step.proving && refutes(changes)) break;
    }
    return changes;
  }

  /** A sub-schema that is `false` on one side: nothing passes there. */
  private booleanChange(x: SchemaNode, y: SchemaNode, loc: Loc): Change {
    const relaxed = x.schema === false;
    const flags = relaxed ? { backward: true, forward: false } : { backward: false, forward: true };
    const type = {
      schema: relaxed ? 'schema_relaxed' : 'schema_tightened',
      items: relaxed ? 'items_relaxed' : 'items_tightened',
      additionalProperties: relaxed ? 'additional_properties_relaxed' : 'additional_properties_tightened',
    } as const;
    const [before, after] = [x.schema === EMPTY ? true : x.schema, y.schema === EMPTY ? true : y.schema];
    const text = explain.booleanSchema(loc.label, before, after, flags, loc.kind === 'additionalProperties');
    return makeChange(type[loc.kind], loc, [], { before, after }, flags, text);
  }

  private opaque(x: SchemaNode, y: SchemaNode, loc: Loc, ref: string): Change[] {
    if (jsonEqual(x.schema, y.schema)) return [];
    return [makeChange('unknown_change', loc, ['$ref'], { before: x.schema, after: y.schema }, NEITHER, explain.opaqueReference(loc.label, ref))];
  }

  private tooComplex(loc: Loc): Change {
    return makeChange('unknown_change', loc, [], {}, NEITHER, explain.tooComplex(loc.label));
  }

  /**
   * Emission keys by object identity (the same sub-schema reached twice through a $ref), proof keys by
   * content when there is no $ref inside: identical sub-schemas repeated across branches are proven once.
   */
  private pairKey(x: SchemaNode, y: SchemaNode, byContent: boolean): string {
    return `${x.doc.role}:${this.id(x.schema, byContent)}:${this.id(y.schema, byContent)}`;
  }

  private id(schema: Json, byContent: boolean): string {
    if (typeof schema !== 'object' || schema === null) return JSON.stringify(schema);
    if (byContent) {
      const text = canonical(schema);
      if (!text.includes('"$ref"')) {
        let id = this.contentIds.get(text);
        if (id === undefined) {
          id = this.nextId++;
          this.contentIds.set(text, id);
        }
        return `c${id}`;
      }
    }
    let id = this.ids.get(schema);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(schema, id);
    }
    return `#${id}`;
  }

  // ---- combiners -------------------------------------------------------------------------------

  /** The schema's own keywords without its combiners, as one conjunct. */
  private bodyOf(schema: JsonObject): JsonObject {
    if (!Object.keys(schema).some((key) => COMBINERS.has(key))) return schema;
    let body = this.bodies.get(schema);
    if (!body) {
      body = Object.fromEntries(Object.entries(schema).filter(([key]) => !COMBINERS.has(key)));
      this.bodies.set(schema, body);
    }
    return body;
  }

  private parts(node: SchemaNode): Part[] {
    const schema = node.schema as JsonObject;
    const doc = node.doc;
    const parts: Part[] = [{ keyword: 'body', kind: 'schema', node: doc.node(this.bodyOf(schema)) }];
    const allOf = own(schema, 'allOf');
    if (Array.isArray(allOf)) for (const branch of allOf) parts.push({ keyword: 'allOf', kind: 'schema', node: doc.node(branch) });
    const anyOf = own(schema, 'anyOf');
    if (Array.isArray(anyOf)) parts.push({ keyword: 'anyOf', kind: 'any', branches: anyOf.map((branch) => doc.node(branch)) });
    const oneOf = own(schema, 'oneOf');
    if (Array.isArray(oneOf)) parts.push({ keyword: 'oneOf', kind: 'one', branches: oneOf.map((branch) => doc.node(branch)) });
    const not = own(schema, 'not');
    if (not !== undefined) parts.push({ keyword: 'not', kind: 'not', node: doc.node(not) });
    const condition = own(schema, 'if');
    if (condition !== undefined && (own(schema, 'then') !== undefined || own(schema, 'else') !== undefined)) {
      parts.push({ keyword: 'if', kind: 'cond', if: doc.node(condition), then: doc.node(own(schema, 'then') ?? true), else: doc.node(own(schema, 'else') ?? true) });
    }
    const ref = own(schema, '$ref');
    const target = typeof ref === 'string' ? doc.resolve(ref) : undefined;
    if (target) parts.push({ keyword: '$ref', kind: 'schema', node: doc.node(target.schema), path: target.path });
    return parts;
  }

  private compareCombiners(step: Step): Change[] {
    const { a, b, loc } = step;
    const before = this.parts(step.x);
    const after = this.parts(step.y);
    const changes: Change[] = [];
    if (!before.some((part) => part.kind === 'cond') && !after.some((part) => part.kind === 'cond')) {
      // then/else without if (or if alone) validate nothing.
      for (const keyword of ['if', 'then', 'else']) {
        if (!jsonEqual(own(a, keyword), own(b, keyword))) {
          changes.push(makeChange('annotation_changed', loc, [keyword], { before: own(a, keyword), after: own(b, keyword) }, BOTH, explain.inertChange(loc.label, keyword)));
        }
      }
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf', 'not', 'if', '$ref'] as const) {
      const mine = before.filter((part) => part.keyword === keyword);
      const theirs = after.filter((part) => part.keyword === keyword);
      if (mine.length === 0 && theirs.length === 0) continue;
      const context = { step, before, after, mine, theirs };
      if (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf') changes.push(...this.compareBranches(keyword, context));
      else if (keyword === 'if') changes.push(...this.compareConditionals(context));
      else if (keyword === '$ref') changes.push(...this.compareReferences(context));
      else changes.push(...this.summary(keyword, context));
    }
    return changes;
  }

  /**
   * Set rule: backward holds when every conjunct the keyword adds on the next side is implied by some
   * conjunct of the previous side (any keyword: a constraint may move from the body into an allOf).
   */
  private setFlags({ step, before, after, mine, theirs }: CombinerContext): Flags {
    const depth = step.loc.depth;
    // A conjunct is most often implied by its counterpart under the same keyword: try those first.
    const ordered = (parts: Part[], keyword: string): Part[] => [
      ...parts.filter((part) => part.keyword === keyword),
      ...parts.filter((part) => part.keyword !== keyword),
    ];
    return {
      backward: theirs.every((part) => ordered(before, part.keyword).some((candidate) => this.implies(candidate, part, depth))),
      forward: mine.every((part) => ordered(after, part.keyword).some((candidate) => this.implies(candidate, part, depth))),
    };
  }

  private summary(keyword: string, context: CombinerContext, flags = this.setFlags(context)): Change[] {
    if (flags.backward && flags.forward) return [];
    const { a, b, loc } = context.step;
    return [makeChange('combiner_changed', loc, [keyword], { before: own(a, keyword), after: own(b, keyword) }, flags, explain.combinerChange(loc.label, keyword, flags))];
  }

  /**
   * allOf/anyOf/oneOf. Branches equivalent on both sides cancel out; the rest is compared pairwise when
   * counts match (allOf and anyOf are monotone in each branch; oneOf is not, so it is always summarised).
   */
  private compareBranches(keyword: 'allOf' | 'anyOf' | 'oneOf', context: CombinerContext): Change[] {
    const { step, mine, theirs } = context;
    const branches = (parts: Part[]): SchemaNode[] =>
      parts.flatMap((part) => (part.kind === 'schema' ? [part.node] : part.kind === 'any' || part.kind === 'one' ? part.branches : []));
    const left = branches(mine).map((node, index) => ({ node, index }));
    const right = branches(theirs).map((node, index) => ({ node, index }));
    const cancel = (same: (a: SchemaNode, b: SchemaNode) => boolean): void => {
      for (const candidate of [...right]) {
        const match = left.findIndex((other) => same(other.node, candidate.node));
        if (match >= 0) {
          left.splice(match, 1);
          right.splice(right.indexOf(candidate), 1);
        }
      }
    };
    cancel((p, q) => identical(p.schema, q.schema));
    // Equivalent but differently written branches only cancel when pairing the rest is impossible, so a
    // changed branch is still explained change by change.
    if (left.length !== right.length) cancel((p, q) => this.equivalent(p, q, step.loc.depth));
    if (left.length === 0 && right.length === 0) return [];
    let flags = this.setFlags(context);
    if (keyword !== 'oneOf' && mine.length > 0 && theirs.length > 0 && left.length === right.length) {
      const pairwise = andFlags(left.flatMap((was, i) => this.sub(was.node, (right[i] as { node: SchemaNode }).node, step.loc, 'flags')));
      if (covers(pairwise, flags)) {
        return left.flatMap((was, i) => {
          const now = right[i] as { node: SchemaNode; index: number };
          return step.sub(was.node, now.node, childLoc(step.loc, [keyword, now.index], { descend: false }));
        });
      }
      flags = orFlags(flags, pairwise);
    }
    return this.summary(keyword, context, flags);
  }

  /**
   * if/then/else. With equivalent `if`s the branches are compared on their own, each in the context of
   * the other conjuncts (when `if` holds, a document satisfies `then` and everything beside it).
   */
  private compareConditionals(context: CombinerContext): Change[] {
    const { step, before, after } = context;
    const [mine, theirs] = [context.mine[0], context.theirs[0]];
    const depth = step.loc.depth;
    if (mine?.kind !== 'cond' || theirs?.kind !== 'cond' || !this.equivalent(mine.if, theirs.if, depth)) return this.summary('if', context);
    const changes: Change[] = [];
    for (const branch of ['then', 'else'] as const) {
      const [was, now] = [mine[branch], theirs[branch]];
      if (this.equivalent(was, now, depth)) continue;
      const others = (parts: Part[]): Part[] => parts.filter((part) => part.kind !== 'cond');
      const inContext: Flags = {
        backward: [schemaPart(was), ...others(before)].some((candidate) => this.implies(candidate, schemaPart(now), depth)),
        forward: [schemaPart(now), ...others(after)].some((candidate) => this.implies(candidate, schemaPart(was), depth)),
      };
      const here = childLoc(step.loc, [branch], { descend: false });
      const direct = this.relation(was, now, depth);
      if (covers(direct, inContext)) {
        changes.push(...step.sub(was, now, here));
      } else {
        const flags = orFlags(direct, inContext);
        changes.push(makeChange('combiner_changed', here, [], { before: own(step.a, branch), after: own(step.b, branch) }, flags, explain.combinerChange(step.loc.label, branch, flags)));
      }
    }
    return changes;
  }

  /** A 2019-09+ `$ref` beside other assertions: the same reference compares by target, where it is defined. */
  private compareReferences(context: CombinerContext): Change[] {
    const { step, mine, theirs } = context;
    const [was, now] = [mine[0], theirs[0]];
    if (was?.kind === 'schema' && now?.kind === 'schema' && own(step.a, '$ref') === own(step.b, '$ref')) {
      return step.sub(was.node, now.node, { ...step.loc, path: now.path ?? step.loc.path, nest: step.loc.nest + 1 });
    }
    return this.summary('$ref', context);
  }

  private equivalent(x: SchemaNode, y: SchemaNode, depth: number): boolean {
    const flags = this.relation(x, y, depth);
    return flags.backward && flags.forward;
  }

  /** Whether every document satisfying part `x` satisfies part `y` (sufficient conditions only). */
  private implies(x: Part, y: Part, depth: number): boolean {
    if (x.kind === 'any' || x.kind === 'one') return x.branches.every((branch) => this.implies(schemaPart(branch), y, depth));
    if (x.kind === 'cond') return this.implies(schemaPart(x.then), y, depth) && this.implies(schemaPart(x.else), y, depth);
    if (x.kind === 'not') {
      if (y.kind === 'not') return this.relation(y.node, x.node, depth).backward;
      return y.kind === 'schema' && this.relation(x.node.doc.node(true), y.node, depth).backward;
    }
    const node = x.node;
    switch (y.kind) {
      case 'schema':
        return this.relation(node, y.node, depth).backward;
      case 'any':
        return likelyFirst(node, y.branches).some((branch) => this.relation(node, branch, depth).backward);
      case 'one':
        // Exactly one branch: x must fit one and be disjoint from all the others.
        return likelyFirst(node, y.branches).some(
          (branch) => this.relation(node, branch, depth).backward && y.branches.every((other) => other === branch || this.disjoint(node, other)),
        );
      case 'not':
        return this.disjoint(node, y.node);
      case 'cond':
        if (this.disjoint(node, y.if)) return this.relation(node, y.else, depth).backward;
        if (this.relation(node, y.if, depth).backward) return this.relation(node, y.then, depth).backward;
        return this.relation(node, y.then, depth).backward && this.relation(node, y.else, depth).backward;
    }
  }

  /**
   * True only when no value can satisfy both schemas: their kinds or allowed values do not meet, or both
   * are objects that must carry a property on which they disagree (the discriminator of a tagged union).
   */
  private disjoint(x: SchemaNode, y: SchemaNode, budget = 4): boolean {
    const a = x.doc.deref(x.schema, '').schema;
    const b = y.doc.deref(y.schema, '').schema;
    if (a === false || b === false) return true;
    const kindsA = possibleKinds(a);
    const kindsB = possibleKinds(b);
    if (!overlaps(kindsA, kindsB)) return true;
    if (!isObject(a) || !isObject(b)) return false;
    const valuesA = allowedValues(a);
    const valuesB = allowedValues(b);
    if (valuesA && valuesB && !valuesA.values.some((value) => valuesB.values.some((other) => jsonEqual(value, other)))) return true;
    if (budget === 0 || [...kindsA].some((kind) => kind !== 'object' && kindsB.has(kind))) return false;
    const propertiesA = own(a, 'properties');
    const propertiesB = own(b, 'properties');
    if (!isObject(propertiesA) || !isObject(propertiesB)) return false;
    const required = new Set([...nameSet(own(a, 'required')), ...nameSet(own(b, 'required'))]);
    return [...required].some(
      (name) =>
        Object.hasOwn(propertiesA, name) &&
        Object.hasOwn(propertiesB, name) &&
        this.disjoint(x.doc.node(propertiesA[name] as Json), y.doc.node(propertiesB[name] as Json), budget - 1),
    );
  }
}

interface CombinerContext {
  step: Step;
  /** Every conjunct of each side. */
  before: Part[];
  after: Part[];
  /** The conjuncts of the keyword under comparison. */
  mine: Part[];
  theirs: Part[];
}

/** Equal JSON without `$ref`s: the same documents pass, whatever the surrounding definitions. */
function identical(a: Json, b: Json): boolean {
  return jsonEqual(a, b) && !canonical(a).includes('"$ref"');
}

/** Candidates identical to `node` first, so the common "unchanged branch" proof is found at once. */
function likelyFirst(node: SchemaNode, candidates: SchemaNode[]): SchemaNode[] {
  const same = candidates.filter((candidate) => identical(candidate.schema, node.schema));
  return same.length > 0 ? [...same, ...candidates.filter((candidate) => !same.includes(candidate))] : candidates;
}

function sameFlags(a: Flags, b: Flags): boolean {
  return a.backward === b.backward && a.forward === b.forward;
}
