/**
 * References to other registered versions (`$ref: "registry://{workspace}/{name}/{version}#..."`), turned
 * into one self-contained definition: each referenced version is embedded under `$defs` (`definitions`
 * in draft-07) at its URI, and every reference into it, or inside it, becomes a JSON pointer into the
 * bundle. Validation, compatibility, diffs, fields and default values all read the bundle, so each
 * follows references exactly as it follows `#/$defs/...`, and nothing is ever fetched.
 *
 * Pointers, not embedded `$id`s: the comparator and the shape reader resolve references inside one
 * document, and a referenced version's anchors or `$id`s could collide with the referencing one's. So
 * every reference of an embedded version is resolved with its own index first, then its `$id`s and
 * anchors are dropped. Dynamic references depend on the scope they are reached through, which embedding
 * would change: a version using them cannot be referenced.
 */
import { REGISTRY_URI_PREFIX, type Json, type ReferencedDefinition } from '../types.js';
import { assertShallow, refuse } from './check.js';
import { draftOf, type Draft } from './drafts.js';
import { indexDefinition, type RefUse, type SchemaIndex } from './refs.js';
import { walkSchemas, type JsonObject } from './walk.js';
import { isObject } from '../../util/json.js';
import { escapePointerToken } from '../../util/json-pointer.js';

/** Keywords of an embedded version that would make its parts resolvable, or re-scoped, in the bundle. */
const IDENTIFYING = ['$id', '$anchor', '$dynamicAnchor', '$recursiveAnchor', '$schema'] as const;

const isRegistryRef = (ref: string) => ref.startsWith(REGISTRY_URI_PREFIX);

function splitRef(ref: string): { uri: string; fragment: string } {
  const hash = ref.indexOf('#');
  return hash < 0 ? { uri: ref, fragment: '' } : { uri: ref.slice(0, hash), fragment: ref.slice(hash + 1) };
}

/** The registry URIs (without fragment) a definition's `$ref`s name, each once, in order of use. */
export function registryReferences(definition: Json): string[] {
  assertShallow(definition);
  const uris = new Set<string>();
  walkSchemas(definition, undefined, (schema) => {
    if (typeof schema.$ref === 'string' && isRegistryRef(schema.$ref)) uris.add(splitRef(schema.$ref).uri);
    return undefined;
  });
  return [...uris];
}

/** Where referenced versions are embedded: the draft's own location for reusable schemas. */
function defsKeyword(draft: Draft): '$defs' | 'definitions' {
  return draft.name === 'draft-07' ? 'definitions' : '$defs';
}

interface Part {
  uri: string | undefined;
  /** A copy of the definition, rewritten in place. */
  copy: Json;
  index: SchemaIndex;
}

/**
 * `definition` with the versions it references (directly or through each other) embedded; unchanged when
 * it references none. `references` must hold every version reachable (the registry resolves them at
 * publish); a URI it lacks is left alone, and the safety checks refuse it as an unresolved reference.
 */
export function bundle(definition: Json, references: readonly ReferencedDefinition[] | undefined): Json {
  if (registryReferences(definition).length === 0) return definition;
  const draft = draftOf(definition);
  const keyword = defsKeyword(draft);
  const known = new Map((references ?? []).map((r) => [r.uri, r]));
  const parts = new Map<string | undefined, Part>();
  const add = (uri: string | undefined, source: Json) => {
    const copy = structuredClone(source);
    parts.set(uri, { uri, copy, index: indexDefinition(copy) });
    for (const next of registryReferences(copy)) {
      const reference = known.get(next);
      if (reference && !parts.has(next)) {
        const dialect = draftOf(reference.definition, reference.dialect);
        if (dialect !== draft) {
          refuse([{ path: '', keyword: '$ref', message: `${next} is a ${dialect.name} definition and this one is ${draft.name}: a definition and the versions it references must be read in one draft` }]);
        }
        add(next, reference.definition);
      }
    }
  };
  add(undefined, definition);

  const pointerTo = (part: Part, target: Json, use: RefUse): string => {
    const pointer = isObject<Json>(target) ? part.index.pointers.get(target) : undefined;
    if (pointer === undefined) {
      refuse([{ path: use.pointer, keyword: use.keyword, message: `${use.keyword} ${JSON.stringify(use.ref)} leads to a boolean schema inside a referenced version, which cannot be embedded; refer to an object schema` }]);
    }
    return part.uri === undefined ? `#${pointer}` : `#/${keyword}/${escapePointerToken(part.uri)}${pointer}`;
  };

  const rewrites: { holder: JsonObject; keyword: string; ref: string }[] = [];
  for (const part of parts.values()) {
    const rootBase = part.index.bases.get(part.copy as JsonObject);
    for (const use of part.index.refs) {
      if (use.keyword !== '$ref') {
        if (part.uri !== undefined) refuse([{ path: '', keyword: use.keyword, message: `${part.uri} uses ${use.keyword}, whose target depends on the scope it is reached through: a version using it cannot be referenced` }]);
        continue;
      }
      if (isRegistryRef(use.ref)) {
        const { uri, fragment } = splitRef(use.ref);
        const target = parts.get(uri);
        if (target === undefined) continue;
        if (use.base !== rootBase) {
          refuse([{ path: use.pointer, keyword: '$ref', message: `a ${REGISTRY_URI_PREFIX} $ref inside a schema with its own $id is not supported; move it out of that resource` }]);
        }
        const resolution = target.index.resolve(`#${fragment}`, target.index.bases.get(target.copy as JsonObject) ?? '');
        if (resolution.kind !== 'found') {
          refuse([{ path: use.pointer, keyword: '$ref', message: `$ref ${JSON.stringify(use.ref)} does not resolve inside ${uri}; check the pointer or $anchor name` }]);
        }
        rewrites.push({ holder: use.holder, keyword: '$ref', ref: pointerTo(target, resolution.target, use) });
      } else if (part.uri !== undefined) {
        const resolution = part.index.resolve(use.ref, use.base);
        if (resolution.kind === 'found') rewrites.push({ holder: use.holder, keyword: '$ref', ref: pointerTo(part, resolution.target, use) });
      }
    }
  }
  for (const { holder, keyword: at, ref } of rewrites) holder[at] = ref;

  const embedded: Record<string, Json> = {};
  for (const part of parts.values()) {
    if (part.uri === undefined) continue;
    walkSchemas(part.copy, undefined, (schema) => {
      for (const key of IDENTIFYING) delete schema[key];
      return undefined;
    });
    embedded[part.uri] = part.copy;
  }
  const root = parts.get(undefined)!.copy as JsonObject;
  const own = isObject<Json>(root[keyword]) ? root[keyword] : {};
  const clash = Object.keys(own).find((name) => isRegistryRef(name));
  if (clash !== undefined) {
    refuse([{ path: `/${keyword}/${escapePointerToken(clash)}`, keyword, message: `${keyword} names starting with ${REGISTRY_URI_PREFIX} are where referenced versions are embedded; rename it` }]);
  }
  return { ...root, [keyword]: { ...own, ...embedded } };
}

/** JSON pointer prefix of the embedded versions in a bundle: what is found there belongs to another version. */
export function embeddedPrefix(definition: Json): string {
  return `/${defsKeyword(draftOf(definition))}/${escapePointerToken(REGISTRY_URI_PREFIX)}`;
}
