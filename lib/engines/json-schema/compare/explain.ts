/**
 * The sentences a person reads for each change: what changed at which field, what it does to documents
 * written under either version, and what to do about it.
 */
import type { Json } from '../../types.js';
import type { Bound, Kind } from './facts.js';
import { show } from './json.js';

export interface Flags {
  backward: boolean;
  forward: boolean;
}

const UPGRADE_READERS = 'Upgrade readers before writers.';
const MIGRATE = 'Keep the previous rule or migrate stored documents first.';

/** The field a change is about, as a reader would name it. */
export function subject(label: string): string {
  return label === '' ? 'the root schema' : `'${label}'`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a change does to documents, for changes whose flags come from a whole sub-schema comparison. */
export function consequence(flags: Flags): string {
  if (flags.backward && flags.forward) return 'every document keeps its validity in both directions.';
  if (flags.backward) {
    return `documents valid under the previous version stay valid, but documents written under the new version may be rejected by readers on the previous version. ${UPGRADE_READERS}`;
  }
  if (flags.forward) {
    return `documents valid under the previous version may be rejected, or at least the checker could not prove otherwise. ${MIGRATE}`;
  }
  return 'the checker could not prove that documents stay valid in either direction. Review the change by hand.';
}

function kindNames(kinds: Kind[]): string {
  const names = kinds.includes('integer') && kinds.includes('fraction')
    ? [...kinds.filter((kind) => kind !== 'integer' && kind !== 'fraction'), 'number']
    : kinds.map((kind) => (kind === 'fraction' ? 'non-integer number' : kind));
  return names.join(' or ');
}

function typeName(type: Json | undefined): string {
  if (type === undefined) return 'any type';
  return Array.isArray(type) ? type.map((name) => String(name)).join(' or ') : String(type);
}

export function typeChange(label: string, before: Json | undefined, after: Json | undefined, lost: Kind[], gained: Kind[]): string {
  const s = subject(label);
  const from = `from ${typeName(before)} to ${typeName(after)}`;
  if (gained.length === 0) {
    return `The type of ${s} narrowed ${from}: documents written under the previous version with a ${kindNames(lost)} there would be rejected. ${MIGRATE}`;
  }
  if (lost.length === 0) {
    return `The type of ${s} widened ${from}: documents written under the new version may carry a ${kindNames(gained)} there, which readers on the previous version reject. ${UPGRADE_READERS}`;
  }
  return `The type of ${s} changed ${from}: documents written under either version may be rejected by the other. Add a new property instead of changing the type of an existing one.`;
}

export function enumValueAdded(label: string, value: Json): string {
  return `Value ${show(value)} is now allowed for ${subject(label)}: documents written under the new version may carry it, and readers on the previous version reject it. ${UPGRADE_READERS}`;
}

export function enumValueRemoved(label: string, value: Json): string {
  return `Value ${show(value)} is no longer allowed for ${subject(label)}: documents written under the previous version with ${show(value)} there would be rejected. Keep the value or migrate stored documents first.`;
}

export function enumAdded(label: string, values: Json[], flags: Flags): string {
  const s = capitalized(subject(label));
  if (flags.backward) return `${s} is now restricted to ${show(values)}, which covers every value it accepted before.`;
  return `${s} is now restricted to ${show(values)}: documents written under the previous version with any other value would be rejected. ${MIGRATE}`;
}

export function enumRemoved(label: string, values: Json[], flags: Flags): string {
  const s = capitalized(subject(label));
  if (flags.forward) return `${s} is no longer restricted to ${show(values)}, but its other keywords still allow only those values.`;
  return `${s} is no longer restricted to ${show(values)}: documents written under the new version may carry other values, which readers on the previous version reject. ${UPGRADE_READERS}`;
}

export function constChanged(label: string, before: Json, after: Json): string {
  return `The constant value of ${subject(label)} changed from ${show(before)} to ${show(after)}: documents written under either version would be rejected by the other. Add a new property instead.`;
}

function describeBound(bound: Bound | undefined, side: 'minimum' | 'maximum'): string {
  if (!bound) return 'none';
  if (side === 'minimum') return `${bound.exclusive ? 'greater than' : 'at least'} ${bound.value}`;
  return `${bound.exclusive ? 'less than' : 'at most'} ${bound.value}`;
}

export function boundChange(label: string, side: 'minimum' | 'maximum', before: Bound | undefined, after: Bound | undefined, tightened: boolean): string {
  const which = side === 'minimum' ? 'lower' : 'upper';
  const from = `from ${describeBound(before, side)} to ${describeBound(after, side)}`;
  if (tightened) {
    return `The ${which} bound of ${subject(label)} tightened ${from}: documents written under the previous version with a value ${side === 'minimum' ? 'below' : 'above'} the new bound would be rejected. ${MIGRATE}`;
  }
  return `The ${which} bound of ${subject(label)} relaxed ${from}: documents written under the new version may carry values readers on the previous version reject. ${UPGRADE_READERS}`;
}

export function multipleOfChange(label: string, before: Json | undefined, after: Json | undefined, flags: Flags): string {
  return `The multipleOf of ${subject(label)} changed from ${show(before)} to ${show(after)}: ${consequence(flags)}`;
}

export function countChange(label: string, keyword: string, before: number | undefined, after: number | undefined, tightened: boolean): string {
  const from = `from ${before ?? 'none'} to ${after ?? 'none'}`;
  if (tightened) {
    return `The ${keyword} of ${subject(label)} tightened ${from}: documents written under the previous version outside the new limit would be rejected. ${MIGRATE}`;
  }
  return `The ${keyword} of ${subject(label)} relaxed ${from}: documents written under the new version may exceed the previous limit, which readers on the previous version reject. ${UPGRADE_READERS}`;
}

/** `pattern`, `format`, `contentEncoding`, `contentMediaType`: added, removed or replaced. */
export function assertionChange(label: string, keyword: string, before: Json | undefined, after: Json | undefined): string {
  const s = subject(label);
  if (before === undefined) {
    return `${capitalized(s)} must now satisfy ${keyword} ${show(after)}: documents written under the previous version that do not would be rejected. ${MIGRATE}`;
  }
  if (after === undefined) {
    return `${capitalized(s)} no longer has to satisfy ${keyword} ${show(before)}: documents written under the new version may carry values readers on the previous version reject. ${UPGRADE_READERS}`;
  }
  return `The ${keyword} of ${s} changed from ${show(before)} to ${show(after)}: the checker could not prove that either accepts the other's values, so it treats the change as incompatible both ways. Review it by hand or add a new property instead.`;
}

export type Openness = 'open' | 'closed' | 'partial';

function governedBy(openness: Openness): string {
  if (openness === 'open') return 'accepted any value under that name';
  if (openness === 'closed') return 'rejected that name';
  return 'already checked that name against additionalProperties or patternProperties';
}

/** A property (or a patternProperties entry, `what`) that appears only in the new version. */
export function propertyAdded(what: string, openness: Openness, flags: Flags, lenient: boolean): string {
  if (lenient) {
    return `${what} was added to an open object: the previous version accepted any value under that name, and the default lenient rule assumes documents did not use it, so the change counts as compatible. Set the schema's open_content_model to 'strict' (PUT /schemas/{id}/config) to flag it.`;
  }
  if (openness === 'open' && !flags.backward) {
    return `${what} was added to an open object: documents written under the previous version may already carry that name with a value the new schema rejects. Accept any value for it, or check that no stored document uses the name.`;
  }
  if (openness === 'closed' && flags.backward && !flags.forward) {
    return `${what} was added where the previous version rejected unknown properties: documents that use it would be rejected by readers on the previous version. ${UPGRADE_READERS}`;
  }
  return `${what} was added; the previous version ${governedBy(openness)}: ${consequence(flags)}`;
}

/** A property (or a patternProperties entry) that appears only in the previous version. */
export function propertyRemoved(what: string, openness: Openness, flags: Flags): string {
  const now = openness === 'open' ? 'now accepts any value under that name' : openness === 'closed' ? 'now rejects that name' : 'now checks that name against additionalProperties or patternProperties';
  return `${what} was removed; the new version ${now}: ${consequence(flags)}`;
}

export function propertyRuleChanged(what: string, flags: Flags): string {
  return `The rules for ${what} changed (properties and patternProperties together): ${consequence(flags)}`;
}

export function requiredAdded(label: string, trigger?: string): string {
  const when = trigger === undefined ? '' : ` when ${subject(trigger)} is present`;
  return `Property ${subject(label)} became required${when}: documents written under the previous version without it would be rejected. Make it optional or give readers a default.`;
}

export function requiredRemoved(label: string, trigger?: string): string {
  const when = trigger === undefined ? '' : ` when ${subject(trigger)} is present`;
  return `Property ${subject(label)} is no longer required${when}: documents written under the new version may omit it, and readers on the previous version reject them. Keep it required until every reader tolerates its absence.`;
}

export function itemsUniqueness(label: string, tightened: boolean): string {
  if (tightened) return `The items of ${subject(label)} must now be unique: documents written under the previous version with repeated items would be rejected. ${MIGRATE}`;
  return `The items of ${subject(label)} no longer have to be unique: documents written under the new version may repeat items, which readers on the previous version reject. ${UPGRADE_READERS}`;
}

export function containsChange(label: string, flags: Flags): string {
  return `The contains rule of ${subject(label)} changed: ${consequence(flags)}`;
}

/** A sub-schema that became or stopped being `false`; `undeclared` for additionalProperties. */
export function booleanSchema(label: string, before: Json, after: Json, flags: Flags, undeclared: boolean): string {
  if (undeclared) {
    const owner = subject(label.replace(/\.?\*$/, ''));
    if (after === false) return `Properties ${owner} does not declare are now rejected (additionalProperties was ${show(before)}): documents written under the previous version with such properties would be rejected. ${MIGRATE}`;
    return `Properties ${owner} does not declare are now accepted if they match ${show(after)} (additionalProperties was false): documents written under the new version may carry them, and readers on the previous version reject them. ${UPGRADE_READERS}`;
  }
  const s = subject(label);
  if (after === false) return `${capitalized(s)} now rejects every value (was ${show(before)}): documents written under the previous version with a value there would be rejected. ${MIGRATE}`;
  if (before === false) return `${capitalized(s)} now accepts ${show(after)} (was false): documents written under the new version may carry a value there, which readers on the previous version reject. ${UPGRADE_READERS}`;
  return `The schema of ${s} changed from ${show(before)} to ${show(after)}: ${consequence(flags)}`;
}

export function combinerChange(label: string, keyword: string, flags: Flags): string {
  return `The ${keyword} of ${subject(label)} changed: ${consequence(flags)}`;
}

export function annotationChange(label: string, keyword: string): string {
  return `The ${keyword} of ${subject(label)} changed; annotations do not affect which documents are valid.`;
}

export function inertChange(label: string, keyword: string): string {
  return `The ${keyword} of ${subject(label)} changed, but it has no effect without a matching 'if'.`;
}

export function unknownKeyword(label: string, keyword: string): string {
  return `Keyword '${keyword}' of ${subject(label)} changed; the checker does not interpret it, so it could not prove the change compatible. Review it by hand.`;
}

export function unevaluated(label: string, keyword: string): string {
  return `${capitalized(subject(label))} uses ${keyword}, which depends on every other keyword around it, and the schema changed: the checker could not prove the change compatible. Review it by hand.`;
}

export function opaqueReference(label: string, ref: string): string {
  return `The $ref ${show(ref)} at ${subject(label)} points outside this definition, so the checker could not compare its target and treats the change as incompatible. Inline the referenced schema.`;
}

export function malformed(label: string, keyword: string): string {
  return `The ${keyword} of ${subject(label)} changed and one side's value is not valid JSON Schema, so the checker could not prove the change compatible. Fix the definition.`;
}

export function tooComplex(label: string): string {
  return `The checker stopped at ${subject(label)}: the schemas are too large, too deeply nested or too recursive to analyse within its budget, so it could not prove compatibility. Simplify the schema or review the change by hand.`;
}

/** Replaces the consequence of a keyword change that cannot affect documents of the given versions. */
export function unreachableNote(versions: string[]): string {
  return `It has no effect on documents written under the ${versions.join(' or the ')} version, whose values there are never of the kind this keyword checks.`;
}
