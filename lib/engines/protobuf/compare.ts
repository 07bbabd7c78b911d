/**
 * Protobuf's evolution rules as compatibility verdicts (backward: a reader of the new schema reads data
 * written with the old one; forward: the other way round). Fields are matched by number, the wire
 * identity: adding one is compatible both ways (readers skip unknown numbers), removing one is backward
 * compatible once its name and number are reserved (so old documents stay valid and the number is never
 * reused), reusing a reserved or removed number is not, nor changing a number, a type outside the
 * widenings int32→int64, uint32→uint64/int64, sint32→sint64, cardinality, or a name (the JSON mapping
 * names fields). Oneofs: moving one field into a new oneof is safe; into an existing one, or several at
 * once, old data may set more than one member; moving out loses the at-most-one guarantee for old readers.
 */
import protobuf from 'protobufjs';
import type { Change, ChangeType, CompareResult, Json } from '../types.js';
import { WalkBudget } from '../limits.js';
import { escapePointerToken as token } from '../../util/json-pointer.js';
import type { ProtoSchema } from './model.js';

const MAX_REPORTED = 500;
const WIDENINGS = new Set(['int32>int64', 'uint32>uint64', 'uint32>int64', 'sint32>sint64']);

type Declared = protobuf.Type | protobuf.Enum;

function typesOf(root: protobuf.NamespaceBase, into = new Map<string, Declared>()): Map<string, Declared> {
  for (const nested of root.nestedArray) {
    if ((nested instanceof protobuf.Type || nested instanceof protobuf.Enum) && !nested.fullName.startsWith('.google.protobuf.')) into.set(nested.fullName, nested);
    if ('nestedArray' in nested) typesOf(nested as protobuf.NamespaceBase, into);
  }
  return into;
}

/** JSON pointer of a type in the protobufjs descriptor (the canonical form). */
function pointerOf(fullName: string): string {
  return fullName.slice(1).split('.').map((p) => `/nested/${token(p)}`).join('');
}

const typeKey = (f: protobuf.Field) => (f.resolvedType ? f.resolvedType.fullName.slice(1) : f.type);
const cardinality = (f: protobuf.Field) => (f.map ? `map<${(f as unknown as protobuf.MapField).keyType}, …>` : f.repeated ? 'repeated' : 'singular');
/** The oneof a field is a member of, ignoring the synthetic one proto3 `optional` creates. */
const oneofOf = (f: protobuf.Field) => (f.partOf && !(f.partOf.oneof.length === 1 && f.partOf.name === `_${f.name}`) ? f.partOf : null);

export function compareProto(previous: ProtoSchema, next: ProtoSchema): CompareResult {
  const budget = new WalkBudget('comparing the definitions');
  const changes: Change[] = [];
  const add = (type: ChangeType, path: string, backward: boolean, forward: boolean, explanation: string, before?: Json, after?: Json) => {
    budget.step();
    changes.push({ type, path, ...(before !== undefined && { before }), ...(after !== undefined && { after }), backward_compatible: backward, forward_compatible: forward, explanation });
  };
  if (previous.package !== next.package) {
    add('name_changed', '', false, false, `package changed from ${previous.package ?? '(none)'} to ${next.package ?? '(none)'}: every full type name changes`, previous.package ?? null, next.package ?? null);
  }
  if (previous.message.fullName !== next.message.fullName) {
    add('name_changed', '', false, false, `the first message (the one documents are validated against) changed from ${previous.message.fullName.slice(1)} to ${next.message.fullName.slice(1)}`, previous.message.fullName.slice(1), next.message.fullName.slice(1));
  }
  const before = typesOf(previous.root);
  const after = typesOf(next.root);
  for (const [name, p] of before) {
    const n = after.get(name);
    const path = pointerOf(name);
    if (!n) add('type_removed', path, false, false, `${p instanceof protobuf.Enum ? 'enum' : 'message'} ${name.slice(1)} removed: data or fields using it can no longer be read`, name.slice(1));
    else if (p instanceof protobuf.Enum !== n instanceof protobuf.Enum) add('type_changed', path, false, false, `${name.slice(1)} changed between message and enum`);
    else if (p instanceof protobuf.Enum) compareEnums(p, n as protobuf.Enum, path, add);
    else compareMessages(p, n as protobuf.Type, path, add);
  }
  for (const [name, n] of after) {
    if (!before.has(name)) add('type_added', pointerOf(name), true, true, `${n instanceof protobuf.Enum ? 'enum' : 'message'} ${name.slice(1)} added`, undefined, name.slice(1));
  }
  changes.sort((a, b) => Number(a.backward_compatible && a.forward_compatible) - Number(b.backward_compatible && b.forward_compatible));
  const result: CompareResult = {
    changes: changes.slice(0, MAX_REPORTED),
    backward_compatible: changes.every((c) => c.backward_compatible),
    forward_compatible: changes.every((c) => c.forward_compatible),
  };
  if (changes.length > MAX_REPORTED) result.truncated = { total_changes: changes.length, reported_changes: MAX_REPORTED };
  return result;
}

type Add = (type: ChangeType, path: string, backward: boolean, forward: boolean, explanation: string, before?: Json, after?: Json) => void;

function compareEnums(p: protobuf.Enum, n: protobuf.Enum, path: string, add: Add): void {
  const name = n.fullName.slice(1);
  for (const [value, number] of Object.entries(n.values)) {
    const old = p.values[value];
    if (old === undefined) add('enum_value_added', `${path}/values/${token(value)}`, true, false, `${value} added to enum ${name}: new readers read old data; old readers do not know the name in JSON (binary readers keep it as an unknown number)`, undefined, value);
    else if (old !== number) add('field_number_changed', `${path}/values/${token(value)}`, false, false, `${value} of enum ${name} changed number from ${old} to ${number}: binary data means another value`, old, number);
  }
  for (const value of Object.keys(p.values)) {
    if (n.values[value] === undefined) add('enum_value_removed', `${path}/values/${token(value)}`, false, true, `${value} removed from enum ${name}: old data holding it cannot be read by name (reserve the number and name)`, value);
  }
}

function reservedText(r: (number[] | string)[] | undefined): string[] {
  return (r ?? []).map((x) => (typeof x === 'string' ? JSON.stringify(x) : x[0] === x[1] ? String(x[0]) : `${x[0]} to ${x[1]}`));
}

function compareMessages(p: protobuf.Type, n: protobuf.Type, path: string, add: Add): void {
  const name = n.fullName.slice(1);
  const prevById = new Map(p.fieldsArray.map((f) => [f.id, f]));
  const nextById = new Map(n.fieldsArray.map((f) => [f.id, f]));
  const prevByName = new Map(p.fieldsArray.map((f) => [f.name, f]));
  const nextByName = new Map(n.fieldsArray.map((f) => [f.name, f]));
  for (const pf of p.fieldsArray) {
    const at = `${path}/fields/${token(pf.name)}`;
    const nf = nextById.get(pf.id);
    if (!nf) {
      const moved = nextByName.get(pf.name);
      if (moved) {
        add('field_number_changed', `${path}/fields/${token(pf.name)}`, false, false, `field ${pf.name} of ${name} changed number from ${pf.id} to ${moved.id}: binary readers see a different field`, pf.id, moved.id);
        continue;
      }
      const reserved = n.isReservedId(pf.id) && n.isReservedName(pf.name);
      add('field_removed', at, reserved, !pf.required, `field ${pf.name} = ${pf.id} removed from ${name}: ${reserved ? 'its name and number are reserved, so old data stays readable and the number cannot be reused' : `reserve it (reserved ${pf.id}; reserved "${pf.name}";) so old documents carrying it stay valid and the number is never reused`}${pf.required ? '; old readers require it' : ''}`, pf.name);
      continue;
    }
    if (pf.name !== nf.name) add('field_renamed', `${path}/fields/${token(nf.name)}`, false, false, `field ${pf.id} of ${name} renamed from ${pf.name} to ${nf.name}: binary data still reads, but the JSON mapping names fields, so documents do not`, pf.name, nf.name);
    compareField(pf, nf, `${path}/fields/${token(nf.name)}`, name, p, add);
  }
  for (const nf of n.fieldsArray) {
    if (prevById.has(nf.id) || prevByName.has(nf.name)) continue;
    const at = `${path}/fields/${token(nf.name)}`;
    if (p.isReservedId(nf.id) || p.isReservedName(nf.name)) {
      add('reserved_reused', at, false, false, `field ${nf.name} = ${nf.id} of ${name} uses a number or name the previous version reserved: old data may carry a removed field under it`, undefined, nf.name);
    } else {
      add('field_added', at, !nf.required, true, `field ${nf.name} = ${nf.id} added to ${name}: ${nf.required ? 'it is required, and old data lacks it' : 'new readers read old data without it, old readers skip it'}`, undefined, nf.name);
    }
  }
  const pr = reservedText(p.reserved);
  const nr = reservedText(n.reserved);
  for (const r of nr.filter((r) => !pr.includes(r))) add('reserved_added', `${path}/reserved`, true, true, `${name} reserves ${r}`, undefined, r);
  for (const r of pr.filter((r) => !nr.includes(r))) add('reserved_removed', `${path}/reserved`, true, true, `${name} no longer reserves ${r}: a later version could reuse it while old data still carries the removed field`, r);
}

function compareField(pf: protobuf.Field, nf: protobuf.Field, at: string, message: string, p: protobuf.Type, add: Add): void {
  if (cardinality(pf) !== cardinality(nf)) {
    add('cardinality_changed', at, false, false, `field ${nf.name} of ${message} changed from ${cardinality(pf)} to ${cardinality(nf)}: the encodings differ`, cardinality(pf), cardinality(nf));
  }
  const [a, b] = [typeKey(pf), typeKey(nf)];
  if (a !== b) {
    const widened = WIDENINGS.has(`${a}>${b}`);
    const narrowed = WIDENINGS.has(`${b}>${a}`);
    const type: ChangeType = widened ? 'type_widened' : narrowed ? 'type_narrowed' : 'type_changed';
    add(type, at, widened, narrowed, `field ${nf.name} of ${message} changed type from ${a} to ${b}: ${widened ? 'new readers read every old value, old readers would truncate new ones' : narrowed ? 'new readers would truncate old values' : 'the values are not interchangeable'}`, a, b);
  }
  if (pf.required !== nf.required) {
    if (nf.required) add('required_added', at, false, true, `field ${nf.name} of ${message} became required: old data may lack it`);
    else add('required_removed', at, true, false, `field ${nf.name} of ${message} is no longer required: old readers reject new data lacking it`);
  }
  const [po, no] = [oneofOf(pf), oneofOf(nf)];
  if ((po?.name ?? null) === (no?.name ?? null)) return;
  if (!po && no) {
    const movedIn = no.fieldsArray.filter((f) => p.fields[f.name] && !oneofOf(p.fields[f.name]!));
    const fresh = !p.oneofs?.[no.name];
    const safe = fresh && movedIn.length === 1;
    add('oneof_changed', at, safe, true, `field ${nf.name} of ${message} moved into oneof ${no.name}: ${safe ? 'alone, into a new oneof, which old data cannot violate' : 'old data may set it together with other members, and new readers keep only one'}`, null, no.name);
  } else if (po && !no) {
    add('oneof_changed', at, true, false, `field ${nf.name} of ${message} moved out of oneof ${po.name}: new data may set it with former members, which old readers keep only one of`, po.name, null);
  } else {
    add('oneof_changed', at, false, false, `field ${nf.name} of ${message} moved from oneof ${po!.name} to ${no!.name}`, po!.name, no!.name);
  }
}
