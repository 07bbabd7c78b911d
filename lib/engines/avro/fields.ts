/**
 * describeFields and defaultValue for Avro: fields by their path in a document in Avro's JSON encoding
 * (a union's branch is a path segment, as the encoding nests it), and a starting document in that encoding.
 * Recursive named types are described once along a path; walks count against a WalkBudget.
 */
import type { FieldDescription, FieldType, Json } from '../types.js';
import { WalkBudget } from '../limits.js';
import { branchName, token, type AvroNode, type FieldNode } from './model.js';

const FIELD_TYPES: Record<string, FieldType> = {
  null: 'null', boolean: 'boolean', int: 'integer', long: 'integer', float: 'number', double: 'number', bytes: 'string', string: 'string',
  enum: 'string', fixed: 'string', record: 'object', map: 'object', array: 'array',
};

function fieldTypes(node: AvroNode): FieldType[] {
  const branches = node.kind === 'union' ? node.branches : [node];
  const types = branches.map((b) => FIELD_TYPES[b.kind === 'primitive' ? b.type : b.kind]!).filter((t) => t !== 'null');
  return [...new Set(types)];
}

const isNull = (n: AvroNode) => n.kind === 'primitive' && n.type === 'null';

export function describeAvro(root: AvroNode): FieldDescription[] {
  const budget = new WalkBudget('describing the fields');
  const out: FieldDescription[] = [];
  const visit = (node: AvroNode, path: string, onPath: Set<string>) => {
    budget.step();
    if (node.kind === 'record') {
      if (onPath.has(node.fullname)) return;
      const inner = new Set(onPath).add(node.fullname);
      for (const field of node.fields) {
        out.push(describeField(field, `${path}/${token(field.name)}`));
        visit(field.type, `${path}/${token(field.name)}`, inner);
      }
    } else if (node.kind === 'array') {
      out.push({ path: `${path}/-`, name: '-', types: fieldTypes(node.items), required: false, nullable: node.items.kind === 'union' && node.items.branches.some(isNull) });
      visit(node.items, `${path}/-`, onPath);
    } else if (node.kind === 'union') {
      for (const branch of node.branches) if (branch.kind === 'record') visit(branch, `${path}/${token(branchName(branch))}`, onPath);
    }
  };
  visit(root, '', new Set());
  return out;
}

function describeField(field: FieldNode, path: string): FieldDescription {
  const t = field.type;
  const single = t.kind === 'union' && t.branches.filter((b) => !isNull(b)).length === 1 ? t.branches.find((b) => !isNull(b))! : t;
  const format = single.kind === 'primitive' || single.kind === 'fixed' ? single.logicalType : undefined;
  return {
    path,
    name: field.name,
    types: fieldTypes(t),
    required: !field.hasDefault,
    nullable: t.kind === 'union' && t.branches.some(isNull),
    ...(field.doc !== undefined && { description: field.doc }),
    ...(field.hasDefault && { default: field.default as Json }),
    ...(single.kind === 'enum' && { enum: single.symbols }),
    ...(format !== undefined && { format }),
    ...(single.kind === 'fixed' && { maxLength: single.size }),
  };
}

/** A default written in Avro's default encoding, in the JSON encoding a document uses (unions wrapped). */
function encodeDefault(node: AvroNode, value: Json, budget: WalkBudget): Json {
  budget.step();
  if (node.kind === 'union') {
    const first = node.branches[0]!;
    return isNull(first) ? null : { [branchName(first)]: encodeDefault(first, value, budget) };
  }
  if (node.kind === 'array' && Array.isArray(value)) return value.map((v) => encodeDefault(node.items, v, budget));
  if (node.kind === 'map' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeDefault(node.values, v, budget)]));
  }
  if (node.kind === 'record' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(node.fields.filter((f) => f.name in value || f.hasDefault).map((f) => [f.name, encodeDefault(f.type, f.name in value ? value[f.name]! : f.default!, budget)]));
  }
  return value;
}

export function startingAvro(root: AvroNode): Json {
  const budget = new WalkBudget('building the starting document');
  const start = (node: AvroNode, onPath: Set<string>): Json => {
    budget.step();
    switch (node.kind) {
      case 'primitive':
        return { null: null, boolean: false, int: 0, long: 0, float: 0, double: 0, bytes: '', string: '' }[node.type];
      case 'enum':
        return node.default ?? node.symbols[0]!;
      case 'fixed':
        return '\u0000'.repeat(node.size);
      case 'array':
        return [];
      case 'map':
        return {};
      case 'union': {
        // A recursive branch would not end: take null, or the first branch not already on the path.
        const pick = node.branches.find(isNull) ?? node.branches.find((b) => b.kind !== 'record' || !onPath.has(b.fullname)) ?? node.branches[0]!;
        return isNull(pick) ? null : { [branchName(pick)]: start(pick, onPath) };
      }
      case 'record': {
        if (onPath.has(node.fullname)) return {};
        const inner = new Set(onPath).add(node.fullname);
        return Object.fromEntries(node.fields.map((f) => [f.name, f.hasDefault ? encodeDefault(f.type, f.default!, budget) : start(f.type, inner)]));
      }
    }
  };
  return start(root, new Set());
}
