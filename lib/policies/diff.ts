/**
 * The structural difference between two versions' fields, by document path: what disappeared, what
 * appeared, what looks renamed and what changed type. Engine-neutral (it reads FieldDescriptions), and
 * independent of the engine's `compare`, which judges compatibility rather than data loss.
 */
import type { FieldDescription } from '../engines/types.js';
import type { TableDefinition } from '../sql/index.js';
import { isItems, parentPath, topLevelPath } from './fields.js';

export interface FieldDiff {
  /** Fields of the previous version that are gone (renames excluded); only the outermost of a removed subtree. */
  removed: FieldDescription[];
  /** New fields (renames excluded); only the outermost of an added subtree. */
  added: FieldDescription[];
  /** A removed and an added field taken for one renamed field (see `pairRenames`). */
  renamed: { from: FieldDescription; to: FieldDescription }[];
  /** Fields in both versions whose type differs, with the types as shown to users. */
  retyped: { before: FieldDescription; after: FieldDescription; from: string; to: string }[];
}

interface Version {
  fields: FieldDescription[];
  table?: TableDefinition;
}

/** The diff from `previous` to `current`. */
export function diffFields(previous: Version, current: Version): FieldDiff {
  const before = new Map(previous.fields.map((f) => [f.path, f]));
  const after = new Map(current.fields.map((f) => [f.path, f]));
  // A field whose parent is also new or gone is part of its parent's change, not a change of its own.
  const outermost = (field: FieldDescription, other: Map<string, FieldDescription>) =>
    !isItems(field) && !other.has(field.path) && (parentPath(field.path) === '' || other.has(parentPath(field.path)));
  const removed = previous.fields.filter((f) => outermost(f, after));
  const added = current.fields.filter((f) => outermost(f, before));

  const typeBefore = typeReader(previous.table, current.table);
  const typeAfter = typeReader(current.table, previous.table);
  const renamed = pairRenames(removed, added, previous.fields, current.fields, (a, b) => typeBefore(a) === typeAfter(b));
  const paired = new Set(renamed.flatMap((r) => [r.from, r.to]));
  const retyped = current.fields.flatMap((field) => {
    const old = before.get(field.path);
    if (old === undefined) return [];
    const from = typeBefore(old);
    const to = typeAfter(field);
    return from === to ? [] : [{ before: old, after: field, from, to }];
  });
  return { removed: removed.filter((f) => !paired.has(f)), added: added.filter((f) => !paired.has(f)), renamed, retyped };
}

/**
 * A field's type as compared and shown: the SQL column type when both versions are tables (so
 * text -> varchar(64) counts), otherwise its JSON types in a stable order.
 */
function typeReader(table: TableDefinition | undefined, otherTable: TableDefinition | undefined) {
  const sql = table && otherTable ? new Map(table.columns.map((c) => [topLevelPath(c.name), c.type])) : undefined;
  return (field: FieldDescription) => sql?.get(field.path) ?? [...field.types].sort().join(' | ');
}

/**
 * The rename heuristic: under one parent, exactly one field removed and exactly one added, of the same
 * type, at the same position among their siblings. Anything looser would guess wrong too often; a missed
 * rename still shows as a removal, which is the more cautious report.
 */
function pairRenames(
  removed: FieldDescription[],
  added: FieldDescription[],
  previousFields: FieldDescription[],
  currentFields: FieldDescription[],
  sameType: (a: FieldDescription, b: FieldDescription) => boolean,
): { from: FieldDescription; to: FieldDescription }[] {
  const position = (field: FieldDescription, fields: FieldDescription[]) =>
    fields.filter((f) => !isItems(f) && parentPath(f.path) === parentPath(field.path)).indexOf(field);
  const addedByParent = byParent(added);
  const renames: { from: FieldDescription; to: FieldDescription }[] = [];
  for (const [parent, gone] of byParent(removed)) {
    const appeared = addedByParent.get(parent) ?? [];
    const [from] = gone;
    const [to] = appeared;
    if (gone.length !== 1 || appeared.length !== 1 || from === undefined || to === undefined) continue;
    if (sameType(from, to) && position(from, previousFields) === position(to, currentFields)) renames.push({ from, to });
  }
  return renames;
}

function byParent(fields: FieldDescription[]): Map<string, FieldDescription[]> {
  const groups = new Map<string, FieldDescription[]>();
  for (const field of fields) {
    const parent = parentPath(field.path);
    const group = groups.get(parent);
    if (group) group.push(field);
    else groups.set(parent, [field]);
  }
  return groups;
}
