/**
 * A Protobuf definition: the `.proto` source as a JSON string, parsed by protobufjs within the size,
 * nesting and type budgets. Imports name registry versions (`import "registry://acme/address/1";`), whose
 * sources are parsed into the same root first, or Google's well-known types (`google/protobuf/*.proto`,
 * bundled with protobufjs); nothing is read from disk or the network. The first message the file declares
 * is the one documents are validated against (as Confluent's serializers default to).
 */
import protobuf from 'protobufjs';
import type { Json, ReferencedDefinition } from '../types.js';
import { REGISTRY_URI_PREFIX } from '../types.js';
import { MAX_DEFINITION_BYTES, MAX_NAMED_TYPES, refuseDefinition } from '../limits.js';
import { PayloadTooLargeError } from '../../errors.js';

/** Deepest nesting of braces (messages in messages, oneofs, options) a source may have. */
export const MAX_PROTO_NESTING = 32;
const WELL_KNOWN = 'google/protobuf/';
const PARSE_OPTIONS = { keepCase: true };

export interface ProtoSchema {
  /** Every type: the file's own, its imports' and the well-known types it imports, resolved. */
  root: protobuf.Root;
  /** The message documents are validated against: the first one the file declares. */
  message: protobuf.Type;
  /** Full names (leading dot) of the types the file itself declares. */
  own: Set<string>;
  /** The file's own declarations as protobufjs JSON descriptors: the canonical form. */
  descriptor: Json;
  imports: string[];
  dialect: string;
  /** The file's package, if it declares one. */
  package?: string;
}

function source(definition: Json): string {
  if (typeof definition !== 'string') {
    refuseDefinition([{ path: '', keyword: 'type', message: 'a Protobuf definition is the .proto source as a JSON string, e.g. "syntax = \\"proto3\\"; message User { string id = 1; }"' }]);
  }
  const bytes = Buffer.byteLength(definition, 'utf8');
  if (bytes > MAX_DEFINITION_BYTES) throw new PayloadTooLargeError(`definition is ${bytes} bytes; at most ${MAX_DEFINITION_BYTES} are accepted; split it into imported schemas`);
  let depth = 0;
  for (const ch of definition) {
    if (ch === '{' && ++depth > MAX_PROTO_NESTING) {
      refuseDefinition([{ path: '', keyword: 'maxDepth', message: `definition nests braces deeper than ${MAX_PROTO_NESTING} levels; declare inner messages at the top level` }]);
    } else if (ch === '}') depth--;
  }
  return definition;
}

function parseInto(text: string, root: protobuf.Root | undefined, where: string): protobuf.IParserResult {
  try {
    return root ? protobuf.parse(text, root, PARSE_OPTIONS) : protobuf.parse(text, PARSE_OPTIONS);
  } catch (error) {
    refuseDefinition([{ path: '', keyword: 'protobuf', message: `${where}not a valid .proto source: ${(error as Error).message}` }]);
  }
}

/** The file's own declarations (its canonical descriptor) and imports, its imports not loaded. */
export function declarations(definition: Json): { descriptor: Json; imports: string[] } {
  const alone = parseInto(source(definition), undefined, '');
  return { descriptor: alone.root.toJSON() as Json, imports: [...(alone.imports ?? []), ...(alone.weakImports ?? [])].sort() };
}

/** The registry URIs a definition imports. */
export function importedUris(definition: Json): string[] {
  return declarations(definition).imports.filter((i) => i.startsWith(REGISTRY_URI_PREFIX));
}

function ownTypes(ns: protobuf.NamespaceBase, into: Set<string>, order: protobuf.Type[]): void {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type || nested instanceof protobuf.Enum) into.add(nested.fullName);
    if (nested instanceof protobuf.Type) order.push(nested);
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) ownTypes(nested as protobuf.NamespaceBase, into, order);
  }
}

function countTypes(ns: protobuf.NamespaceBase): number {
  let n = 0;
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type || nested instanceof protobuf.Enum) n++;
    if ('nestedArray' in nested) n += countTypes(nested as protobuf.NamespaceBase);
  }
  return n;
}

/** Parses a definition and what it imports into one resolved root. */
export function readProto(definition: Json, references: readonly ReferencedDefinition[] = []): ProtoSchema {
  const text = source(definition);
  const alone = parseInto(text, undefined, '');
  const imports = [...(alone.imports ?? []), ...(alone.weakImports ?? [])];
  const byUri = new Map(references.map((r) => [r.uri, r.definition]));
  const root = new protobuf.Root();
  const loaded = new Set<string>();
  const load = (name: string, seen: string[]) => {
    if (loaded.has(name)) return;
    if (seen.includes(name)) refuseDefinition([{ path: '', keyword: 'imports', message: `imports form a cycle: ${[...seen, name].join(' -> ')}` }]);
    loaded.add(name);
    if (name.startsWith(WELL_KNOWN)) {
      const common = protobuf.common.get(name);
      if (!common) refuseDefinition([{ path: '', keyword: 'imports', message: `unknown well-known import "${name}"; known: ${Object.keys(protobuf.common).filter((k) => k.startsWith(WELL_KNOWN)).join(', ')}` }]);
      root.addJSON(common.nested!);
      return;
    }
    if (!name.startsWith(REGISTRY_URI_PREFIX)) {
      refuseDefinition([{ path: '', keyword: 'imports', message: `import "${name}" is neither a registry version (registry://{workspace}/{name}/{version}) nor a well-known type (google/protobuf/*.proto)` }]);
    }
    const referenced = byUri.get(name);
    if (typeof referenced !== 'string') refuseDefinition([{ path: '', keyword: 'imports', message: `imported version ${name} was not loaded, or is not a Protobuf definition` }]);
    const inner = parseInto(source(referenced), undefined, `imported version ${name}: `);
    for (const i of [...(inner.imports ?? []), ...(inner.weakImports ?? [])]) load(i, [...seen, name]);
    parseInto(referenced, root, `imported version ${name}: `);
  };
  for (const i of imports) load(i, []);
  parseInto(text, root, '');
  try {
    root.resolveAll();
  } catch (error) {
    refuseDefinition([{ path: '', keyword: 'protobuf', message: `the definition does not resolve: ${(error as Error).message}` }]);
  }
  if (countTypes(root) > MAX_NAMED_TYPES) refuseDefinition([{ path: '', keyword: 'maxNamedTypes', message: `definition and its imports declare more than ${MAX_NAMED_TYPES} messages and enums` }]);
  const own = new Set<string>();
  const order: protobuf.Type[] = [];
  ownTypes(alone.root, own, order);
  if (order.length === 0) refuseDefinition([{ path: '', keyword: 'protobuf', message: 'the definition declares no message; documents are validated against its first message' }]);
  const message = root.lookupType(order[0]!.fullName);
  const edition = /^\s*edition\s*=/m.test(text);
  const syntax = /^\s*syntax\s*=\s*["'](proto[23])["']/m.exec(text)?.[1];
  return { root, message, own, descriptor: alone.root.toJSON() as Json, imports: imports.sort(), dialect: edition ? 'editions' : (syntax ?? 'proto2'), ...(alone.package && { package: alone.package }) };
}
