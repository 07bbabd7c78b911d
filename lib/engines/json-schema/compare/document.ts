/**
 * One side of a comparison: the whole definition, its dialect, and the resolution of its internal `$ref`s
 * (`#`, JSON pointers such as `#/definitions/A` or `#/$defs/A`, and plain-name anchors). Remote references
 * are left unresolved: the comparator treats them as opaque.
 */
import type { Json } from '../../types.js';
import { independentKeywords, isAnnotation } from './keywords.js';
import { isObject } from '../../../util/json.js';
import { escapePointerToken, unescapePointerToken } from '../../../util/json-pointer.js';
import { type JsonObject, own } from './json.js';

export type Role = 'previous' | 'next';

/** A sub-schema together with the document its `$ref`s resolve in. */
export interface SchemaNode {
  schema: Json;
  doc: SchemaDocument;
}

export interface Target {
  schema: Json;
  /** JSON pointer of the target inside its document. */
  path: string;
}

/** Keys whose values are data, not schemas: anchors inside them are not anchors. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'examples', 'default']);

export class SchemaDocument {
  /** Draft-04 to draft-07: a `$ref` replaces its siblings instead of adding to them. */
  readonly legacyRef: boolean;
  private readonly baseId: string | undefined;
  private anchors: Map<string, Target> | undefined;
  private readonly merges = new WeakMap<JsonObject, JsonObject | null>();

  constructor(
    readonly root: Json,
    readonly role: Role,
  ) {
    const dialect = isObject(root) ? own(root, '$schema') : undefined;
    this.legacyRef = typeof dialect === 'string' && /draft-0[3-7]\b/.test(dialect);
    const id = isObject(root) ? (own(root, '$id') ?? own(root, 'id')) : undefined;
    this.baseId = typeof id === 'string' && !id.startsWith('#') ? id.split('#')[0] : undefined;
  }

  node(schema: Json): SchemaNode {
    return { schema, doc: this };
  }

  /** Resolves a reference inside this document; undefined for a remote, malformed or dangling one. */
  resolve(ref: string): Target | undefined {
    let local = ref;
    if (this.baseId && local.startsWith(this.baseId)) local = local.slice(this.baseId.length) || '#';
    if (!local.startsWith('#')) return undefined;
    let fragment: string;
    try {
      fragment = decodeURIComponent(local.slice(1));
    } catch {
      return undefined;
    }
    if (fragment === '') return { schema: this.root, path: '' };
    if (!fragment.startsWith('/')) return this.anchorIndex().get(fragment);
    let current: Json | undefined = this.root;
    for (const raw of fragment.slice(1).split('/')) {
      const segment = unescapePointerToken(raw);
      if (Array.isArray(current)) current = /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
      else if (isObject(current)) current = own(current, segment);
      else current = undefined;
      if (current === undefined) return undefined;
    }
    return { schema: current, path: fragment };
  }

  /**
   * Follows `$ref`s that stand for the whole schema: always in legacy dialects, and in 2019-09+ when only
   * annotations sit beside the `$ref`. In 2019-09+, a `$ref` beside assertions that cannot interact with
   * its target's (e.g. `maxLength` beside `{type: string}`) is merged into one schema, so both versions
   * are compared keyword by keyword; otherwise the `$ref` stays and the comparator treats it as a conjunct.
   * A cycle of bare references (which no validator can evaluate) stops the walk; an unresolvable
   * reference is reported.
   */
  deref(schema: Json, path: string, seen = new Set<Json>()): { schema: Json; path: string; unresolved?: string } {
    let current = { schema, path };
    while (isObject(current.schema) && typeof own(current.schema, '$ref') === 'string' && !seen.has(current.schema)) {
      const object = current.schema;
      const ref = object.$ref as string;
      const target = this.resolve(ref);
      if (!target) return { ...current, unresolved: ref };
      seen.add(object);
      if (this.legacyRef || Object.keys(object).every((key) => key === '$ref' || isAnnotation(key))) {
        current = target;
        continue;
      }
      const merged = this.merged(object, this.deref(target.schema, target.path, seen).schema);
      return merged ? { schema: merged, path: current.path } : current;
    }
    return current;
  }

  /** `$ref` target and siblings as one schema, when their keywords are independent (cached: identity matters). */
  private merged(referrer: JsonObject, target: Json): JsonObject | undefined {
    if (!isObject(target) || Object.hasOwn(target, '$ref')) return undefined;
    let merged = this.merges.get(referrer);
    if (merged === undefined) {
      const siblings = Object.fromEntries(Object.entries(referrer).filter(([key]) => key !== '$ref'));
      merged = independentKeywords(target, siblings) ? { ...target, ...siblings } : null;
      this.merges.set(referrer, merged);
    }
    return merged ?? undefined;
  }

  private anchorIndex(): Map<string, Target> {
    if (this.anchors) return this.anchors;
    const anchors = new Map<string, Target>();
    const stack: Target[] = [{ schema: this.root, path: '' }];
    while (stack.length > 0) {
      const { schema, path } = stack.pop() as Target;
      if (Array.isArray(schema)) {
        schema.forEach((item, index) => stack.push({ schema: item, path: `${path}/${index}` }));
        continue;
      }
      if (!isObject(schema)) continue;
      for (const key of ['$anchor', '$dynamicAnchor']) {
        const name = own(schema, key);
        if (typeof name === 'string' && !anchors.has(name)) anchors.set(name, { schema, path });
      }
      for (const key of ['$id', 'id']) {
        const id = own(schema, key);
        if (typeof id === 'string' && id.startsWith('#') && !anchors.has(id.slice(1))) anchors.set(id.slice(1), { schema, path });
      }
      for (const [key, value] of Object.entries(schema)) {
        if (!DATA_KEYWORDS.has(key)) stack.push({ schema: value, path: `${path}/${escapePointerToken(key)}` });
      }
    }
    this.anchors = anchors;
    return anchors;
  }
}
