/**
 * An index of what a definition declares (`$id` resources, `$anchor`s) and what it references
 * (`$ref`, `$dynamicRef`, `$recursiveRef`), so references can be resolved inside the definition only.
 * URIs are resolved with ajv's own resolver so the index agrees with what ajv will compile.
 */
import type { Json } from '../types.js';
import { uriResolver } from './drafts.js';
import { walkSchemas, type JsonObject } from './walk.js';
import { isObject } from '../../util/json.js';
import { unescapePointerToken } from '../../util/json-pointer.js';

/** The base URI of a definition without a root `$id` (compile.ts adds definitions to ajv under it). */
export const DEFAULT_BASE_URI = 'https://schema-registry.invalid/definition';

const REF_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef'] as const;

export interface RefUse {
  /** The schema object holding the reference. */
  holder: JsonObject;
  /** JSON pointer of the reference keyword in the definition. */
  pointer: string;
  keyword: (typeof REF_KEYWORDS)[number];
  ref: string;
  /** The base URI the reference is resolved against. */
  base: string;
}

export type Resolution =
  | { kind: 'found'; target: JsonObject | boolean }
  /** The URI names no resource declared inside the definition. */
  | { kind: 'remote' }
  /** The resource is in the definition, but not the pointer or anchor. */
  | { kind: 'missing' };

export interface SchemaIndex {
  refs: RefUse[];
  /** JSON pointer of every schema object in the definition. */
  pointers: Map<JsonObject, string>;
  /** Base URI in effect at every schema object. */
  bases: Map<JsonObject, string>;
  resolve(ref: string, base: string): Resolution;
}

/** Drops an empty fragment, as ajv does: `x#` and `x#/` name the same resource as `x`. */
function normalizeId(id: string): string {
  return id.replace(/#\/?$/, '');
}

function splitFragment(full: string): [string, string] {
  const hash = full.indexOf('#');
  return hash < 0 ? [full, ''] : [full.slice(0, hash), full.slice(hash + 1)];
}

/** Evaluates a JSON pointer (RFC 6901) inside `root`; undefined when it leads nowhere. */
function evaluatePointer(root: Json, pointer: string): Json | undefined {
  let node: Json | undefined = root;
  for (const raw of pointer.split('/').slice(1)) {
    const token = unescapePointerToken(raw);
    if (Array.isArray(node)) node = /^(0|[1-9]\d*)$/.test(token) ? node[Number(token)] : undefined;
    else if (isObject<Json>(node)) node = Object.hasOwn(node, token) ? node[token] : undefined;
    else return undefined;
  }
  return node;
}

function decodeFragment(fragment: string): string | undefined {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
}

/** The base URI of the definition's root. */
function rootBaseUri(definition: Json): string {
  return isObject<Json>(definition) && typeof definition.$id === 'string' ? normalizeId(definition.$id) : DEFAULT_BASE_URI;
}

/** Indexes the resources, anchors and references of a definition. */
export function indexDefinition(definition: Json): SchemaIndex {
  const resources = new Map<string, JsonObject | boolean>();
  const anchors = new Map<string, JsonObject>();
  const refs: RefUse[] = [];
  const pointers = new Map<JsonObject, string>();
  const bases = new Map<JsonObject, string>();
  const rootBase = rootBaseUri(definition);
  if (typeof definition === 'boolean') resources.set(rootBase, definition);

  walkSchemas(definition, rootBase, (schema, pointer, parentBase) => {
    let base = parentBase;
    if (pointer === '') {
      resources.set(base, schema);
    } else if (typeof schema.$id === 'string') {
      const [doc, fragment] = splitFragment(uriResolver.resolve(parentBase, normalizeId(schema.$id)));
      // A draft-07 `$id: "#name"` names a location (an anchor), not a new resource.
      if (fragment) anchors.set(`${doc}#${fragment}`, schema);
      else {
        base = doc;
        if (!resources.has(doc)) resources.set(doc, schema);
      }
    }
    for (const anchor of [schema.$anchor, schema.$dynamicAnchor]) {
      if (typeof anchor === 'string' && !anchors.has(`${base}#${anchor}`)) anchors.set(`${base}#${anchor}`, schema);
    }
    for (const keyword of REF_KEYWORDS) {
      const ref = schema[keyword];
      if (typeof ref === 'string') refs.push({ holder: schema, pointer: `${pointer}/${keyword}`, keyword, ref, base });
    }
    pointers.set(schema, pointer);
    bases.set(schema, base);
    return base;
  });

  const resolve = (ref: string, base: string): Resolution => {
    const [doc, rawFragment] = splitFragment(uriResolver.resolve(base, normalizeId(ref)));
    const resource = resources.get(doc);
    if (resource === undefined) return { kind: 'remote' };
    const fragment = decodeFragment(rawFragment);
    let target: Json | undefined;
    if (fragment === '') target = resource;
    else if (fragment?.startsWith('/')) target = evaluatePointer(resource, fragment);
    else if (fragment !== undefined) target = anchors.get(`${doc}#${fragment}`);
    return typeof target === 'boolean' || isObject<Json>(target) ? { kind: 'found', target } : { kind: 'missing' };
  };

  return { refs, pointers, bases, resolve };
}
