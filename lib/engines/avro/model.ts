/**
 * An Avro definition read into a tree the engine walks: named types resolved to their full names (the
 * spec's namespace rules), each node and field keeping its JSON pointer into the definition for diffs,
 * and the raw `default`, `doc`, `aliases` and `logicalType` that avsc's parsed types drop. avsc checks the
 * definition first (names, defaults, unions), so this reader trusts its structure.
 */
import avsc from 'avsc';
import type { Json, ReferencedDefinition } from '../types.js';
import { assertDefinitionBounds, MAX_NAMED_TYPES, refuseDefinition } from '../limits.js';
import { isObject } from '../../util/json.js';
import { escapePointerToken } from '../../util/json-pointer.js';
import { REGISTRY_URI_PREFIX } from '../types.js';

/** The top-level attribute listing the registry versions whose named types the definition uses. */
export const AVRO_REFERENCES_ATTRIBUTE = 'x-registry-references';

export const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;
export type Primitive = (typeof PRIMITIVES)[number];

interface Located {
  /** JSON pointer of the node in the definition that declares it (a referenced version's own pointer). */
  pointer: string;
}
export interface PrimitiveNode extends Located { kind: 'primitive'; type: Primitive; logicalType?: string }
export interface Named extends Located { fullname: string; aliases: string[]; doc?: string }
export interface RecordNode extends Named { kind: 'record'; fields: FieldNode[] }
export interface EnumNode extends Named { kind: 'enum'; symbols: string[]; default?: string }
export interface FixedNode extends Named { kind: 'fixed'; size: number; logicalType?: string }
export interface ArrayNode extends Located { kind: 'array'; items: AvroNode }
export interface MapNode extends Located { kind: 'map'; values: AvroNode }
export interface UnionNode extends Located { kind: 'union'; branches: AvroNode[] }
export type AvroNode = PrimitiveNode | RecordNode | EnumNode | FixedNode | ArrayNode | MapNode | UnionNode;
export type NamedNode = RecordNode | EnumNode | FixedNode;

export interface FieldNode extends Located {
  name: string;
  /** Set once the whole definition is read (named types may be used before they are declared). */
  type: AvroNode;
  aliases: string[];
  doc?: string;
  /** The raw default (Avro's default encoding: a union's default is for its first branch, unwrapped). */
  default?: Json;
  hasDefault: boolean;
}

/** The name a union branch goes by in Avro's JSON encoding: the primitive's, the full name, or `array` / `map`. */
export function branchName(node: AvroNode): string {
  if (node.kind === 'primitive') return node.type;
  if (node.kind === 'array' || node.kind === 'map' || node.kind === 'union') return node.kind;
  return node.fullname;
}

export function unqualified(fullname: string): string {
  return fullname.slice(fullname.lastIndexOf('.') + 1);
}

function qualify(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

/** The registry URIs a definition declares in AVRO_REFERENCES_ATTRIBUTE. */
export function declaredReferences(definition: Json): string[] {
  const declared = isObject<Json>(definition) ? definition[AVRO_REFERENCES_ATTRIBUTE] : undefined;
  if (declared === undefined) return [];
  if (!Array.isArray(declared) || declared.some((u) => typeof u !== 'string' || !u.startsWith(REGISTRY_URI_PREFIX))) {
    refuseDefinition([{ path: `/${AVRO_REFERENCES_ATTRIBUTE}`, keyword: 'references', message: `"${AVRO_REFERENCES_ATTRIBUTE}" must be an array of registry URIs, e.g. ["registry://default/address/1"]` }]);
  }
  return [...new Set(declared as string[])];
}

/** The named types of a definition and its references, by full name, and the root node. */
export interface AvroSchema {
  root: AvroNode;
  /** avsc's parsed type of the definition (its Parsing Canonical Form, fingerprints). */
  type: avsc.Type;
  named: Map<string, NamedNode>;
}

/**
 * Parses `definition` with avsc (a 422 naming avsc's complaint when it is not valid Avro) after the size
 * and depth bounds, its referenced versions first so their named types resolve, then reads the tree.
 */
export function readAvro(definition: Json, references: readonly ReferencedDefinition[] = []): AvroSchema {
  assertDefinitionBounds(definition);
  const byUri = new Map(references.map((r) => [r.uri, r.definition]));
  const registry: Record<string, avsc.Type> = {};
  const named = new Map<string, NamedNode>();
  const done = new Set<string>();
  const load = (uri: string, seen: string[]) => {
    if (done.has(uri)) return;
    const referenced = byUri.get(uri);
    if (referenced === undefined) refuseDefinition([{ path: `/${AVRO_REFERENCES_ATTRIBUTE}`, keyword: 'references', message: `referenced version ${uri} was not loaded` }]);
    if (seen.includes(uri)) refuseDefinition([{ path: `/${AVRO_REFERENCES_ATTRIBUTE}`, keyword: 'references', message: `references form a cycle: ${[...seen, uri].join(' -> ')}` }]);
    for (const inner of declaredReferences(referenced)) load(inner, [...seen, uri]);
    parseWithAvsc(referenced, registry, uri);
    new Reader(named, uri).read(referenced);
    done.add(uri);
  };
  for (const uri of declaredReferences(definition)) load(uri, []);
  const type = parseWithAvsc(definition, registry);
  const root = new Reader(named).read(definition);
  return { root, named, type };
}

function parseWithAvsc(definition: Json, registry: Record<string, avsc.Type>, uri?: string): avsc.Type {
  const before = Object.keys(registry).length;
  let type: avsc.Type;
  try {
    type = avsc.Type.forSchema(definition as avsc.Schema, { registry, wrapUnions: true });
  } catch (error) {
    const message = `${uri ? `referenced version ${uri}: ` : ''}not a valid Avro schema: ${(error as Error).message}`;
    refuseDefinition([{ path: '', keyword: 'avro', message }]);
  }
  if (Object.keys(registry).length > MAX_NAMED_TYPES + before) {
    refuseDefinition([{ path: '', keyword: 'maxNamedTypes', message: `definition declares more than ${MAX_NAMED_TYPES} named types` }]);
  }
  return type;
}

/** Reads one definition into nodes; named types go into the shared table, references to them resolve at the end. */
class Reader {
  readonly #pending: { field: FieldNode | ArrayNode | MapNode | UnionNode; slot: number; names: string[] }[] = [];

  constructor(private readonly named: Map<string, NamedNode>, private readonly origin?: string) {}

  read(definition: Json): AvroNode {
    const holder = { kind: 'union', branches: [], pointer: '' } as UnionNode;
    holder.branches[0] = this.node(definition, '', undefined, holder, 0);
    for (const p of this.#pending) {
      const target = p.names.map((n) => this.named.get(n)).find((n) => n !== undefined);
      // avsc resolved every name already; a miss here would be a reader bug, so say which name.
      if (!target) throw new Error(`Avro reader could not resolve ${p.names.join(' or ')}`);
      setSlot(p.field, p.slot, target);
    }
    return holder.branches[0];
  }

  private node(schema: Json, pointer: string, namespace: string | undefined, parent: FieldNode | ArrayNode | MapNode | UnionNode, slot: number): AvroNode {
    const where = this.origin ? `${this.origin}#${pointer}` : pointer;
    if (typeof schema === 'string') {
      if ((PRIMITIVES as readonly string[]).includes(schema)) return { kind: 'primitive', type: schema as Primitive, pointer: where };
      this.#pending.push({ field: parent, slot, names: [qualify(schema, namespace), schema] });
      return { kind: 'primitive', type: 'null', pointer: where }; // replaced once every name is known
    }
    if (Array.isArray(schema)) {
      const union: UnionNode = { kind: 'union', branches: [], pointer: where };
      schema.forEach((branch, i) => union.branches.push(this.node(branch, `${pointer}/${i}`, namespace, union, i)));
      return union;
    }
    const object = schema as Record<string, Json>;
    const type = object.type as Json;
    const logicalType = typeof object.logicalType === 'string' ? object.logicalType : undefined;
    if (typeof type === 'string' && (PRIMITIVES as readonly string[]).includes(type)) {
      return { kind: 'primitive', type: type as Primitive, pointer: where, ...(logicalType && { logicalType }) };
    }
    if (type === 'array') {
      const array = { kind: 'array', pointer: where } as ArrayNode;
      array.items = this.node(object.items as Json, `${pointer}/items`, namespace, array, 0);
      return array;
    }
    if (type === 'map') {
      const map = { kind: 'map', pointer: where } as MapNode;
      map.values = this.node(object.values as Json, `${pointer}/values`, namespace, map, 0);
      return map;
    }
    if (type !== 'record' && type !== 'error' && type !== 'enum' && type !== 'fixed') {
      // `{"type": "Address"}` or `{"type": ["null", "string"]}`: the type is the value of `type`.
      return this.node(type, `${pointer}/type`, namespace, parent, slot);
    }
    const fullname = qualify(object.name as string, object.namespace as string | undefined ?? namespace);
    const inner = fullname.includes('.') ? fullname.slice(0, fullname.lastIndexOf('.')) : undefined;
    const aliases = Array.isArray(object.aliases) ? (object.aliases as string[]).map((a) => qualify(a, inner)) : [];
    const named = { fullname, aliases, pointer: where, ...(typeof object.doc === 'string' && { doc: object.doc }) };
    let node: NamedNode;
    if (type === 'enum') {
      node = { kind: 'enum', ...named, symbols: object.symbols as string[], ...(typeof object.default === 'string' && { default: object.default }) };
    } else if (type === 'fixed') {
      node = { kind: 'fixed', ...named, size: object.size as number, ...(logicalType && { logicalType }) };
    } else {
      const record: RecordNode = { kind: 'record', ...named, fields: [] };
      node = record;
      this.named.set(fullname, node);
      (object.fields as Json[]).forEach((raw, i) => {
        const f = raw as Record<string, Json>;
        const field = {
          name: f.name as string,
          pointer: `${where}/fields/${i}`,
          aliases: Array.isArray(f.aliases) ? (f.aliases as string[]) : [],
          hasDefault: f.default !== undefined,
          ...(f.default !== undefined && { default: f.default }),
          ...(typeof f.doc === 'string' && { doc: f.doc }),
        } as FieldNode;
        field.type = this.node(f.type as Json, `${pointer}/fields/${i}/type`, inner, field, 0);
        record.fields.push(field);
      });
    }
    this.named.set(fullname, node);
    return node;
  }
}

function setSlot(holder: FieldNode | ArrayNode | MapNode | UnionNode, slot: number, target: AvroNode): void {
  if (!('kind' in holder)) holder.type = target;
  else if (holder.kind === 'union') holder.branches[slot] = target;
  else if (holder.kind === 'array') holder.items = target;
  else holder.values = target;
}

/** Escapes a field name for a document pointer. */
export const token = escapePointerToken;
