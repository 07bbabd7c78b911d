/** Rules on the names that become SQL identifiers: the schema name (a table) and top-level fields (columns). */
import { IDENTIFIER_PATTERN, MAX_IDENTIFIER_LENGTH, show } from '../../sql/identifiers.js';
import type { PolicyContext } from '../context.js';
import { isItems } from '../fields.js';
import { freeName, isProtectedTable, listInProse, reservedIn } from '../names.js';
import type { Finding, RuleSpec } from './rule.js';

interface Identifier {
  name: string;
  label: string;
  path: string;
  /** Names a suggestion must avoid. */
  taken: ReadonlySet<string>;
  /** Suggested when nothing of the name is usable. */
  fallback: string;
  /** Alternatives to a reserved word, best first. */
  alternatives: string[];
}

/**
 * Nested properties are left alone: they live inside a JSON document (a jsonb column), where any key works.
 */
function identifiers(context: PolicyContext): Identifier[] {
  const name = context.input.schema_name;
  const schema: Identifier = {
    name,
    label: `schema name ${show(name)}`,
    path: context.at.schemaName,
    taken: new Set(),
    fallback: 'records',
    alternatives: [`${name}s`, `${name}_records`],
  };
  const fields = context.topLevel.map((field, i): Identifier => ({
    name: field.name,
    label: context.label(field),
    path: context.at.field(field.path, 'name'),
    taken: context.takenNames,
    fallback: `field_${i + 1}`,
    alternatives: [`${field.name}_value`],
  }));
  return [schema, ...fields];
}

/** The findings of `find` over every identifier, each at its identifier's pointer. */
const checkIdentifiers = (context: PolicyContext, find: (id: Identifier) => Omit<Finding, 'path'> | undefined): Finding[] =>
  identifiers(context).flatMap((id) => {
    const found = find(id);
    return found ? [{ ...found, path: id.path }] : [];
  });

export const namingRules = {
  'protected-name': {
    severity: 'error',
    description: `The schema name must not be one of the platform's own tables (messages, queries, user_profiles, documents, schema_registry, schema_requests).`,
    check: (context) => {
      const name = context.input.schema_name;
      if (!isProtectedTable(name)) return [];
      return [{
        message: `schema name ${show(name)} is the name of a protected platform table`,
        suggestion: `choose a more specific name, e.g. "${freeName([`app_${name}`], new Set(), 'records')}"`,
        path: context.at.schemaName,
      }];
    },
  },
  'reserved-word': {
    severity: 'warning',
    description: 'Schema and column names should not be SQL reserved words (PostgreSQL, MySQL, SQLite): every hand-written query would have to quote them.',
    check: (context) =>
      checkIdentifiers(context, (id) => {
        const dialects = reservedIn(id.name);
        if (dialects.length === 0) return undefined;
        return {
          message: `${id.label} is a reserved word in ${listInProse(dialects)}`,
          suggestion: `rename it, e.g. "${freeName(id.alternatives, id.taken, id.fallback)}"`,
        };
      }),
  },
  'snake-case-names': {
    severity: 'warning',
    description: 'Schema and column names are lower-case snake_case (letters, digits, underscores), so they need no quoting in any dialect.',
    check: (context) =>
      checkIdentifiers(context, (id) =>
        IDENTIFIER_PATTERN.test(id.name)
          ? undefined
          : { message: `${id.label} is not snake_case`, suggestion: `rename it to "${freeName([id.name], id.taken, id.fallback)}"` },
      ),
  },
  'identifier-length': {
    severity: 'error',
    description: `Schema and column names are at most ${MAX_IDENTIFIER_LENGTH} characters: PostgreSQL silently truncates longer ones.`,
    check: (context) =>
      checkIdentifiers(context, (id) =>
        id.name.length <= MAX_IDENTIFIER_LENGTH
          ? undefined
          : {
              message: `${id.label} is ${id.name.length} characters long; the limit is ${MAX_IDENTIFIER_LENGTH}`,
              suggestion: `shorten it, e.g. "${freeName([id.name], id.taken, id.fallback)}"`,
            },
      ),
  },
  'too-many-fields': {
    severity: 'warning',
    description: 'A schema has at most max_fields fields, nested ones included (100 unless the workspace sets it).',
    check: (context) => {
      const count = context.input.fields.filter((f) => !isItems(f)).length;
      if (count <= context.maxFields) return [];
      return [{
        message: `schema ${show(context.input.schema_name)} has ${count} fields; the limit is ${context.maxFields}`,
        suggestion: 'split it into smaller schemas, or group rarely used fields into one object field',
        path: context.at.fieldList(''),
      }];
    },
  },
} satisfies Record<string, RuleSpec>;
