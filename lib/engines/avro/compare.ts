/**
 * Avro's schema resolution rules as compatibility verdicts. Backward: a reader of the new schema reads
 * data written with the old one (reader = next, writer = previous); forward: the other way round. The
 * walk lists every change explained, each judged by the resolution rules of the spec: fields match by
 * name or by the reader's aliases, a reader field missing from the writer needs a default, promotions
 * int→long→float→double and string↔bytes, enum symbols the reader lacks need the reader's default,
 * named types match by name or alias, a writer union needs every branch readable.
 */
import type { Change, ChangeType, CompareResult, Json } from '../types.js';
import { MAX_WALK_STEPS } from '../limits.js';
import { branchName, unqualified, type AvroNode, type FieldNode, type NamedNode } from './model.js';

/** Most changes reported; the verdicts still count every one. */
const MAX_REPORTED = 500;

/** What each primitive type can be read as (the spec's promotions, itself included). */
const PROMOTIONS: Record<string, string[]> = {
  null: ['null'], boolean: ['boolean'], int: ['int', 'long', 'float', 'double'], long: ['long', 'float', 'double'],
  float: ['float', 'double'], double: ['double'], string: ['string', 'bytes'], bytes: ['bytes', 'string'],
};

/** The reader's named type matches the writer's: same unqualified name (as the spec says), or a reader alias. */
function namesMatch(reader: NamedNode, writer: NamedNode): boolean {
  return unqualified(reader.fullname) === unqualified(writer.fullname) || reader.aliases.includes(writer.fullname) || reader.aliases.map(unqualified).includes(unqualified(writer.fullname));
}

/** The writer field a reader field reads: the same name, or one of the reader field's aliases. */
function writerField(reader: FieldNode, writerFields: FieldNode[]): FieldNode | undefined {
  return writerFields.find((w) => w.name === reader.name) ?? writerFields.find((w) => reader.aliases.includes(w.name));
}

class Resolver {
  /** Verdicts by reader node, then writer node (identity: both sides' pointers may be equal strings). */
  readonly #seen = new Map<AvroNode, Map<AvroNode, boolean>>();
  steps = MAX_WALK_STEPS;

  /** Whether a reader of `reader` can read every datum written with `writer`. */
  readable(reader: AvroNode, writer: AvroNode): boolean {
    if (--this.steps < 0) return false; // out of budget: what cannot be proven is incompatible
    if (writer.kind === 'union') return writer.branches.every((b) => this.readable(reader, b));
    if (reader.kind === 'union') return reader.branches.some((b) => this.readable(b, writer));
    if (reader.kind === 'primitive' && writer.kind === 'primitive') return (PROMOTIONS[writer.type] ?? []).includes(reader.type);
    if (reader.kind !== writer.kind) return false;
    let byWriter = this.#seen.get(reader);
    if (!byWriter) this.#seen.set(reader, (byWriter = new Map()));
    const known = byWriter.get(writer);
    if (known !== undefined) return known;
    byWriter.set(writer, true); // recursive types: assume so while the check of the pair is under way
    const result = this.#readableSameKind(reader, writer);
    byWriter.set(writer, result);
    return result;
  }

  #readableSameKind(reader: AvroNode, writer: AvroNode): boolean {
    switch (reader.kind) {
      case 'array': return this.readable(reader.items, (writer as typeof reader).items);
      case 'map': return this.readable(reader.values, (writer as typeof reader).values);
      case 'fixed': return namesMatch(reader, writer as NamedNode) && reader.size === (writer as typeof reader).size;
      case 'enum': {
        const w = writer as typeof reader;
        return namesMatch(reader, w) && (reader.default !== undefined || w.symbols.every((s) => reader.symbols.includes(s)));
      }
      case 'record': {
        const w = writer as typeof reader;
        return namesMatch(reader, w) && reader.fields.every((f) => {
          const wf = writerField(f, w.fields);
          return wf ? this.readable(f.type, wf.type) : f.hasDefault;
        });
      }
      default: return false;
    }
  }
}

function describe(node: AvroNode): string {
  if (node.kind === 'primitive') return node.logicalType ? `${node.type} (${node.logicalType})` : node.type;
  if (node.kind === 'union') return `[${node.branches.map(branchName).join(', ')}]`;
  if (node.kind === 'array') return `array of ${describe(node.items)}`;
  if (node.kind === 'map') return `map of ${describe(node.values)}`;
  return `${node.kind} ${node.fullname}`;
}

/** Lists the changes from `previous` to `next` with their verdicts. */
export function compareAvro(previous: AvroNode, next: AvroNode): CompareResult {
  const resolver = new Resolver();
  const changes: Change[] = [];
  const seen = new Map<AvroNode, Set<AvroNode>>();
  let exhausted = false;
  const add = (type: ChangeType, path: string, backward: boolean, forward: boolean, explanation: string, before?: Json, after?: Json) => {
    changes.push({ type, path, ...(before !== undefined && { before }), ...(after !== undefined && { after }), backward_compatible: backward, forward_compatible: forward, explanation });
  };
  const typeChange = (prev: AvroNode, nxt: AvroNode, path: string) => {
    const backward = resolver.readable(nxt, prev);
    const forward = resolver.readable(prev, nxt);
    const type: ChangeType = backward && !forward ? 'type_widened' : forward && !backward ? 'type_narrowed' : 'type_changed';
    const how = backward && forward ? 'readers of either read data written with the other' : backward ? 'new readers promote old data, old readers cannot read new data' : forward ? 'old readers promote new data, new readers cannot read old data' : 'neither reader can read data written with the other';
    add(type, path, backward, forward, `type changed from ${describe(prev)} to ${describe(nxt)}: ${how} (Avro promotes int to long, float, double; long to float, double; float to double; string and bytes into each other)`, describe(prev), describe(nxt));
  };

  const walk = (prev: AvroNode, nxt: AvroNode): void => {
    if (exhausted) return;
    if (--resolver.steps < 0) {
      exhausted = true;
      add('unknown_change', nxt.pointer, false, false, `comparing these definitions takes more than ${MAX_WALK_STEPS} steps (the work budget); treated as incompatible because compatibility could not be proven`);
      return;
    }
    let walked = seen.get(prev);
    if (!walked) seen.set(prev, (walked = new Set()));
    if (walked.has(nxt)) return;
    walked.add(nxt);
    if (prev.kind === 'union' || nxt.kind === 'union') return walkUnions(prev, nxt);
    if (prev.kind !== nxt.kind) return typeChange(prev, nxt, nxt.pointer);
    switch (nxt.kind) {
      case 'primitive': {
        const p = prev as typeof nxt;
        if (p.type !== nxt.type) return typeChange(p, nxt, nxt.pointer);
        if (p.logicalType !== nxt.logicalType) {
          add('type_changed', nxt.pointer, false, false, `logical type changed from ${p.logicalType ?? 'none'} to ${nxt.logicalType ?? 'none'}: the encoded ${nxt.type} still resolves, but readers would interpret the same values differently`, p.logicalType ?? null, nxt.logicalType ?? null);
        }
        return;
      }
      case 'array': return walk((prev as typeof nxt).items, nxt.items);
      case 'map': return walk((prev as typeof nxt).values, nxt.values);
      default: return walkNamed(prev as NamedNode, nxt);
    }
  };

  const walkUnions = (prev: AvroNode, nxt: AvroNode) => {
    const before = prev.kind === 'union' ? prev.branches : [prev];
    const after = nxt.kind === 'union' ? nxt.branches : [nxt];
    const match = (b: AvroNode, among: AvroNode[]) => among.find((o) => branchName(o) === branchName(b)) ?? among.find((o) => o.kind === b.kind && 'fullname' in o && namesMatch(o, b as NamedNode));
    const matched = before.filter((b) => match(b, after));
    if (matched.length === 0) return typeChange(prev, nxt, nxt.pointer);
    for (const b of after) {
      if (match(b, before)) continue;
      const forward = resolver.readable(prev, b);
      add('union_branch_added', nxt.pointer, true, forward, `${describe(b)} can now be written here: new readers read old data${forward ? ', and old readers can read it by promotion' : `, but old readers of ${describe(prev)} cannot read it`}`, undefined, branchName(b));
    }
    for (const b of before) {
      const m = match(b, after);
      if (m) {
        walk(b, m);
        continue;
      }
      const backward = resolver.readable(nxt, b);
      add('union_branch_removed', nxt.pointer, backward, true, `${describe(b)} can no longer be written here: old readers read new data${backward ? ', and new readers read old such values by promotion' : `, but new readers of ${describe(nxt)} cannot read old data holding it`}`, branchName(b));
    }
  };

  const walkNamed = (prev: NamedNode, nxt: NamedNode) => {
    const path = nxt.pointer;
    if (prev.fullname !== nxt.fullname) {
      const backward = namesMatch(nxt, prev);
      const forward = namesMatch(prev, nxt);
      add('name_changed', path, backward, forward, `${nxt.kind} ${prev.fullname} is now named ${nxt.fullname}: ${backward ? 'new readers match old data by name or alias' : `new readers cannot match old data; add "${prev.fullname}" to the aliases`}${forward ? '' : '; old readers cannot match new data'}`, prev.fullname, nxt.fullname);
    }
    const aliasesAdded = nxt.aliases.filter((a) => !prev.aliases.includes(a));
    const aliasesRemoved = prev.aliases.filter((a) => !nxt.aliases.includes(a));
    if (aliasesAdded.length > 0) add('alias_added', path, true, true, `aliases added: ${aliasesAdded.join(', ')} (readers may now match writer types so named)`, prev.aliases, nxt.aliases);
    if (aliasesRemoved.length > 0) add('alias_removed', path, true, true, `aliases removed: ${aliasesRemoved.join(', ')} (readers no longer match writer types so named)`, prev.aliases, nxt.aliases);
    if (prev.doc !== nxt.doc) add('annotation_changed', path, true, true, 'doc changed; it does not affect reading data', prev.doc ?? null, nxt.doc ?? null);
    if (nxt.kind === 'fixed') {
      const p = prev as typeof nxt;
      if (p.size !== nxt.size) add('size_changed', path, false, false, `fixed ${nxt.fullname} changed size from ${p.size} to ${nxt.size} bytes: neither reader can read the other's data`, p.size, nxt.size);
      if (p.logicalType !== nxt.logicalType) add('type_changed', path, false, false, `logical type changed from ${p.logicalType ?? 'none'} to ${nxt.logicalType ?? 'none'}: readers would interpret the same bytes differently`, p.logicalType ?? null, nxt.logicalType ?? null);
    } else if (nxt.kind === 'enum') {
      walkEnum(prev as typeof nxt, nxt);
    } else {
      walkRecord(prev as typeof nxt, nxt);
    }
  };

  const walkEnum = (prev: Extract<NamedNode, { kind: 'enum' }>, nxt: Extract<NamedNode, { kind: 'enum' }>) => {
    for (const s of nxt.symbols.filter((s) => !prev.symbols.includes(s))) {
      const forward = prev.default !== undefined;
      add('enum_value_added', nxt.pointer, true, forward, `symbol ${s} added to ${nxt.fullname}: new readers read old data; ${forward ? `old readers read it as their default ${prev.default}` : 'old readers fail on it (the old enum has no default)'}`, undefined, s);
    }
    for (const s of prev.symbols.filter((s) => !nxt.symbols.includes(s))) {
      const backward = nxt.default !== undefined;
      add('enum_value_removed', nxt.pointer, backward, true, `symbol ${s} removed from ${nxt.fullname}: old readers read new data; ${backward ? `new readers read old ${s} as the default ${nxt.default}` : 'new readers fail on old data holding it (give the enum a default)'}`, s);
    }
    if (prev.default !== nxt.default) {
      const type: ChangeType = prev.default === undefined ? 'default_added' : nxt.default === undefined ? 'default_removed' : 'default_changed';
      add(type, nxt.pointer, true, true, `default symbol of ${nxt.fullname} changed from ${prev.default ?? 'none'} to ${nxt.default ?? 'none'} (used for symbols a reader does not know)`, prev.default ?? null, nxt.default ?? null);
    }
  };

  const walkRecord = (prev: Extract<NamedNode, { kind: 'record' }>, nxt: Extract<NamedNode, { kind: 'record' }>) => {
    const used = new Set<FieldNode>();
    for (const nf of nxt.fields) {
      const pf = prev.fields.find((f) => f.name === nf.name) ?? prev.fields.find((f) => nf.aliases.includes(f.name) || f.aliases.includes(nf.name));
      if (!pf) {
        add('field_added', nf.pointer, nf.hasDefault, true, nf.hasDefault
          ? `field ${nf.name} added with a default: new readers fill it in for old data, old readers ignore it`
          : `field ${nf.name} added without a default: new readers cannot read old data lacking it (give it a default)`, undefined, nf.name);
        continue;
      }
      used.add(pf);
      if (pf.name !== nf.name) {
        const backward = nf.aliases.includes(pf.name) || nf.hasDefault;
        const forward = pf.aliases.includes(nf.name) || pf.hasDefault;
        add('field_renamed', nf.pointer, backward, forward, `field ${pf.name} renamed to ${nf.name}: ${nf.aliases.includes(pf.name) ? 'new readers match old data through the alias' : backward ? 'new readers use the default for old data' : `new readers cannot read old data (add "${pf.name}" to the field's aliases)`}; ${forward ? 'old readers can read new data' : 'old readers cannot read new data (the old field has no default)'}`, pf.name, nf.name);
      }
      if (pf.hasDefault !== nf.hasDefault || JSON.stringify(pf.default) !== JSON.stringify(nf.default)) {
        const type: ChangeType = !pf.hasDefault ? 'default_added' : !nf.hasDefault ? 'default_removed' : 'default_changed';
        add(type, nf.pointer, true, true, `default of field ${nf.name} ${type === 'default_added' ? 'added' : type === 'default_removed' ? 'removed' : 'changed'}: it only fills in data lacking the field, so reading existing data is unaffected`, pf.default, nf.default);
      }
      if (pf.doc !== nf.doc) add('annotation_changed', nf.pointer, true, true, `doc of field ${nf.name} changed; it does not affect reading data`, pf.doc ?? null, nf.doc ?? null);
      walk(pf.type, nf.type);
    }
    for (const pf of prev.fields.filter((f) => !used.has(f))) {
      add('field_removed', pf.pointer, true, pf.hasDefault, pf.hasDefault
        ? `field ${pf.name} removed: new readers ignore it in old data, old readers use its default for new data`
        : `field ${pf.name} removed: old readers cannot read new data lacking it (it has no default)`, pf.name);
    }
  };

  walk(previous, next);
  const backward = !exhausted && resolver.readable(next, previous);
  const forward = !exhausted && resolver.readable(previous, next);
  // The resolution rules are the verdict; a change the walk could not name still gets a line.
  if (!exhausted && ((!backward && changes.every((c) => c.backward_compatible)) || (!forward && changes.every((c) => c.forward_compatible)))) {
    add('unknown_change', next.pointer, backward, forward, 'the schemas do not resolve against each other under Avro\u2019s rules in a way no listed change explains');
  }
  changes.sort((a, b) => Number(a.backward_compatible && a.forward_compatible) - Number(b.backward_compatible && b.forward_compatible));
  const result: CompareResult = {
    changes: changes.slice(0, MAX_REPORTED),
    backward_compatible: backward && changes.every((c) => c.backward_compatible),
    forward_compatible: forward && changes.every((c) => c.forward_compatible),
  };
  if (changes.length > MAX_REPORTED) result.truncated = { total_changes: changes.length, reported_changes: MAX_REPORTED };
  return result;
}
