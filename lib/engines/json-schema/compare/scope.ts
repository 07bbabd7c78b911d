/**
 * What the previous version as a whole says at one instance location, for the lenient open-content rule.
 *
 * The lenient rule lets a property be added where the previous version accepted any value under its
 * name. The comparator judges conjuncts one at a time (an allOf branch, the body beside a oneOf), and a
 * conjunct alone is often open for a name another conjunct constrains: `{oneOf: [{properties: {foo:
 * {type: string}}}]}` has an open body. A Scope collects every previous-side schema that applies at the
 * location (through allOf/anyOf/oneOf/not/if/then/else/dependentSchemas/$ref, and down through the
 * properties and items that led here), so the rule only fires for a name none of them mentions.
 */
import type { Json } from '../../types.js';
import type { SchemaDocument } from './document.js';
import { isObject as isRecord } from '../../../util/json.js';
import { type JsonObject, own } from './json.js';

const isObject = (value: unknown): value is JsonObject => isRecord<Json>(value);
import { isAnnotation } from './keywords.js';
import { type PatternMatcher, patternsDisjoint } from './patterns.js';

/** Schemas a scope collects before giving up; past it every name counts as constrained (lenient rule off). */
const MAX_SCOPE_SCHEMAS = 256;

/** Keywords applying their sub-schemas to the same instance. */
const IN_PLACE_ONE = ['not', 'if', 'then', 'else'];
const IN_PLACE_LISTS = ['allOf', 'anyOf', 'oneOf'];
const IN_PLACE_MAPS = ['dependentSchemas', 'dependencies'];
/** Keywords holding the schemas of array members. */
const ITEM_KEYWORDS = ['items', 'additionalItems', 'contains', 'unevaluatedItems'];
const REF_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef'];
/** Keywords that by themselves constrain no property name. */
const STRUCTURAL = new Set([...IN_PLACE_ONE, ...IN_PLACE_LISTS, ...REF_KEYWORDS]);

/** Keywords under which a name not declared in `properties` is constrained by the schema. */
const NAME_CONSTRAINING = ['additionalProperties', 'unevaluatedProperties', 'propertyNames'];

function acceptsAnything(schema: Json | undefined): boolean {
  return schema === undefined || schema === true || (isObject(schema) && Object.keys(schema).every(isAnnotation));
}

export class Scope {
  /** Identity of the collected schemas: equal keys answer every question equally (memo keys use it). */
  readonly key: string;

  private readonly children = new Map<string, Scope>();

  private constructor(
    private readonly schemas: JsonObject[] | 'unbounded',
    private readonly doc: SchemaDocument | undefined,
    private readonly patterns: PatternMatcher | undefined,
    private readonly ids: (schema: JsonObject) => number,
  ) {
    this.key = schemas === 'unbounded' ? '*' : schemas.map(ids).sort((p, q) => p - q).join(',');
  }

  /** The scope of the root of `doc` (the previous definition). */
  static root(doc: SchemaDocument, patterns: PatternMatcher, ids: (schema: JsonObject) => number): Scope {
    return Scope.collect([doc.root], doc, patterns, ids);
  }

  private static collect(starts: Json[], doc: SchemaDocument, patterns: PatternMatcher, ids: (schema: JsonObject) => number): Scope {
    const found = new Set<JsonObject>();
    const visited = new Set<JsonObject>();
    const stack = [...starts];
    while (stack.length > 0) {
      const schema = stack.pop();
      if (!isObject(schema) || visited.has(schema)) continue;
      visited.add(schema);
      if (visited.size > MAX_SCOPE_SCHEMAS) return new Scope('unbounded', undefined, undefined, ids);
      if (Object.keys(schema).some((key) => !STRUCTURAL.has(key) && !isAnnotation(key))) found.add(schema);
      for (const keyword of REF_KEYWORDS) {
        const ref = own(schema, keyword);
        if (typeof ref !== 'string') continue;
        const target = doc.resolve(ref);
        // A reference the comparator cannot follow may say anything: every name counts as constrained.
        if (target === undefined) return new Scope('unbounded', undefined, undefined, ids);
        stack.push(target.schema);
      }
      for (const keyword of IN_PLACE_ONE) stack.push(own(schema, keyword) ?? true);
      for (const keyword of IN_PLACE_LISTS) {
        const list = own(schema, keyword);
        if (Array.isArray(list)) stack.push(...list);
      }
      for (const keyword of IN_PLACE_MAPS) {
        const map = own(schema, keyword);
        if (isObject(map)) stack.push(...Object.values(map));
      }
    }
    return new Scope([...found], doc, patterns, ids);
  }

  /**
   * The scope one instance level down, along the comparison's path segments: a declared property keeps
   * exactly the schemas that apply to that name; any other descent keeps every child schema (conservative).
   */
  child(segments: Array<string | number>): Scope {
    if (this.schemas === 'unbounded' || this.doc === undefined || this.patterns === undefined) return this;
    const [keyword, name] = segments;
    const cacheKey = keyword === 'properties' ? `p:${String(name)}` : ITEM_KEYWORDS.includes(String(keyword)) || keyword === 'prefixItems' ? 'i' : 'o';
    const known = this.children.get(cacheKey);
    if (known) return known;
    const children: Json[] = [];
    for (const schema of this.schemas) {
      if (cacheKey === 'i') children.push(...itemSchemas(schema));
      else if (typeof name === 'string' && cacheKey !== 'o') children.push(...this.propertySchemas(schema, name));
      else children.push(...objectMemberSchemas(schema), ...itemSchemas(schema));
    }
    const scope = Scope.collect(children, this.doc, this.patterns, this.ids);
    this.children.set(cacheKey, scope);
    return scope;
  }

  /** Whether some previous-side schema here says anything about a property called `name`. */
  constrains(name: string): boolean {
    if (this.schemas === 'unbounded') return true;
    return this.schemas.some((schema) => {
      const properties = own(schema, 'properties');
      if (isObject(properties) && Object.hasOwn(properties, name)) return true;
      const required = own(schema, 'required');
      if (Array.isArray(required) && required.includes(name)) return true;
      if (Object.keys(isObject(own(schema, 'patternProperties')) ? (own(schema, 'patternProperties') as JsonObject) : {}).some((p) => this.patterns?.matches(p, name) !== false)) {
        return true;
      }
      for (const keyword of ['dependentRequired', 'dependencies', 'dependentSchemas']) {
        const map = own(schema, keyword);
        if (isObject(map) && (Object.hasOwn(map, name) || Object.values(map).some((names) => Array.isArray(names) && names.includes(name)))) return true;
      }
      return NAME_CONSTRAINING.some((keyword) => !acceptsAnything(own(schema, keyword)));
    });
  }

  /** Whether some previous-side schema here may say anything about names matching `pattern`. */
  constrainsPattern(pattern: string): boolean {
    if (this.schemas === 'unbounded') return true;
    return this.schemas.some((schema) => {
      const patterns = own(schema, 'patternProperties');
      if (isObject(patterns) && Object.keys(patterns).some((other) => !patternsDisjoint(other, pattern))) return true;
      const names = [...Object.keys(isObject(own(schema, 'properties')) ? (own(schema, 'properties') as JsonObject) : {})];
      if (names.some((name) => this.patterns?.matches(pattern, name) !== false)) return true;
      for (const keyword of ['required', 'dependentRequired', 'dependencies', 'dependentSchemas']) if (own(schema, keyword) !== undefined) return true;
      return NAME_CONSTRAINING.some((keyword) => !acceptsAnything(own(schema, keyword)));
    });
  }

  private propertySchemas(schema: JsonObject, name: string): Json[] {
    const found: Json[] = [];
    const properties = own(schema, 'properties');
    if (isObject(properties) && Object.hasOwn(properties, name)) found.push(properties[name] as Json);
    const patterns = own(schema, 'patternProperties');
    let matched = false;
    if (isObject(patterns)) {
      for (const [pattern, rule] of Object.entries(patterns)) {
        if (this.patterns?.matches(pattern, name) !== false) {
          matched = true;
          found.push(rule);
        }
      }
    }
    if (found.length === 0 && !matched) found.push(own(schema, 'additionalProperties') ?? true);
    found.push(own(schema, 'unevaluatedProperties') ?? true);
    return found;
  }
}

function itemSchemas(schema: JsonObject): Json[] {
  const found: Json[] = [];
  for (const keyword of ITEM_KEYWORDS) {
    const value = own(schema, keyword);
    if (Array.isArray(value)) found.push(...value);
    else if (value !== undefined) found.push(value);
  }
  const prefix = own(schema, 'prefixItems');
  if (Array.isArray(prefix)) found.push(...prefix);
  return found;
}

function objectMemberSchemas(schema: JsonObject): Json[] {
  const found: Json[] = [];
  for (const keyword of ['properties', 'patternProperties']) {
    const map = own(schema, keyword);
    if (isObject(map)) found.push(...Object.values(map));
  }
  for (const keyword of ['additionalProperties', 'unevaluatedProperties', 'propertyNames']) {
    const value = own(schema, keyword);
    if (value !== undefined) found.push(value);
  }
  return found;
}
