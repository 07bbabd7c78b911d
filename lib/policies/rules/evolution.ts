/** Rules on a new version of an existing schema: what it drops, renames or retypes, and what it breaks. */
import { show } from '../../sql/identifiers.js';
import type { PolicyContext } from '../context.js';
import type { FieldDiff } from '../diff.js';
import { parentPath } from '../fields.js';
import type { RuleSpec } from './rule.js';

/** Rules that run only with a previous version; the diff then exists. */
function diffOf(context: PolicyContext): FieldDiff {
  const diff = context.diff();
  if (!diff) throw new TypeError('an evolution rule ran without a previous version');
  return diff;
}

export const evolutionRules = {
  'field-removed': {
    severity: 'error',
    needs: 'previous',
    description: 'A new version keeps every field of the previous one: removing a field breaks its readers, and for a table drops the column with its data.',
    check: (context) =>
      diffOf(context).removed.map((field) => ({
        message: `${context.label(field)} of the previous version is removed`,
        suggestion: 'keep it, and say in its description that it is deprecated; remove it only once nothing reads it',
        path: context.at.fieldList(parentPath(field.path)),
      })),
  },
  'field-renamed': {
    severity: 'error',
    needs: 'previous',
    description: 'A new version does not rename fields (one removed and one added with the same type at the same place): readers lose the old name, and a table loses the column\'s data.',
    check: (context) =>
      diffOf(context).renamed.map(({ from, to }) => ({
        message: `${context.label(from)} appears renamed to ${show(to.name)}`,
        suggestion: `keep ${show(from.name)} and add ${show(to.name)} alongside it; remove the old one once nothing reads it`,
        path: context.at.field(to.path, 'name'),
      })),
  },
  'field-retyped': {
    severity: 'warning',
    needs: 'previous',
    description: 'A new version keeps each field\'s type; whether a type change breaks readers is for incompatible-change to say, but it needs a migration.',
    check: (context) =>
      diffOf(context).retyped.map(({ after, from, to }) => ({
        message: `${context.label(after)} changes type from ${from} to ${to}`,
        suggestion: `keep ${from}, or add a new field of type ${to} and move readers to it`,
        path: context.at.field(after.path, 'type'),
      })),
  },
  'incompatible-change': {
    severity: 'error',
    needs: 'compare',
    description: 'A new version is backward compatible: every document valid under the previous version stays valid.',
    check: (context) =>
      (context.input.compare?.changes ?? [])
        .filter((change) => !change.backward_compatible)
        .map((change) => ({
          message: `backward-incompatible change (${change.type}) at ${show(change.path || '/')}: ${change.explanation}`,
          suggestion: 'make the change so old documents stay valid, or publish the new shape under a new schema name',
          path: context.at.change(change.path),
        })),
  },
} satisfies Record<string, RuleSpec>;
