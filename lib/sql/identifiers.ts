/**
 * SQL identifiers (table, column and index names). One portable rule for every dialect: lower-case
 * snake_case, at most 63 characters (PostgreSQL's limit, the smallest of the three). Names that pass
 * need no escaping anywhere, and the renderer still quotes them.
 */

export const IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]*$/;
export const MAX_IDENTIFIER_LENGTH = 63;

export type IdentifierKind = 'table name' | 'column name' | 'index name' | 'sink name' | 'namespace';

/** Prefixes the engines keep for their own catalogs: SQLite refuses `sqlite_*` tables and indexes. */
const RESERVED_PREFIXES = ['sqlite_', 'pg_'];

/** Characters of a user value an error message quotes. */
const SHOWN_LENGTH = 80;
/** Nesting and entries per level a quoted value shows: enough to recognise it, bounded whatever its size. */
const SHOWN_DEPTH = 3;
const SHOWN_ENTRIES = 4;

/** JSON-like text of `value` for a message: at most SHOWN_DEPTH levels and SHOWN_ENTRIES entries per level. */
function preview(value: unknown, depth: number): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? String(value);
  if (depth >= SHOWN_DEPTH) return Array.isArray(value) ? '[...]' : '{...}';
  const entries = Array.isArray(value) ? value.slice(0, SHOWN_ENTRIES).map((v) => preview(v, depth + 1)) : [];
  if (!Array.isArray(value)) {
    for (const key in value) {
      if (entries.length === SHOWN_ENTRIES) break;
      if (Object.hasOwn(value, key)) entries.push(`${JSON.stringify(key.slice(0, SHOWN_LENGTH))}:${preview((value as Record<string, unknown>)[key], depth + 1)}`);
    }
  }
  const more = (Array.isArray(value) ? value.length : Object.keys(value).length) > entries.length ? ',...' : '';
  return Array.isArray(value) ? `[${entries.join(',')}${more}]` : `{${entries.join(',')}${more}}`;
}

/**
 * Quotes a user value for an error message, cut short so a huge value cannot flood the response; its cost
 * is bounded too (a value nested 100,000 levels deep would overflow JSON.stringify's stack).
 */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, SHOWN_LENGTH + 1)) : preview(value, 0);
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 3)}..."` : text;
}

/** The closest valid identifier to `value`, for "e.g." hints; `fallback` when nothing usable is left. */
export function suggestIdentifier(value: string, fallback: string): string {
  const snake = value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[_0-9]+|_+$/g, '')
    .replace(/_+/g, '_')
    .slice(0, MAX_IDENTIFIER_LENGTH)
    .replace(/_+$/, '');
  return snake === '' || RESERVED_PREFIXES.some((p) => snake.startsWith(p)) ? fallback : snake;
}

/**
 * Why `value` is not a valid identifier, or undefined when it is. `fallback` is the example given when
 * the value is too far off to correct.
 */
export function identifierProblem(kind: IdentifierKind, value: unknown, fallback: string): string | undefined {
  if (typeof value !== 'string') return `${kind} must be a string, e.g. "${fallback}"`;
  if (value.length > MAX_IDENTIFIER_LENGTH) {
    return `${kind} ${show(value)} is ${value.length} characters long; the limit is ${MAX_IDENTIFIER_LENGTH}, e.g. "${suggestIdentifier(value, fallback)}"`;
  }
  if (!IDENTIFIER_PATTERN.test(value)) {
    return `${kind} ${show(value)} must be snake_case, e.g. "${suggestIdentifier(value, fallback)}"`;
  }
  // A column becomes a JSON Schema property, and the validator ignores a property named __proto__.
  if (value === '__proto__') return `${kind} "__proto__" is reserved: its JSON Schema property would check nothing, e.g. "${fallback}"`;
  const prefix = RESERVED_PREFIXES.find((p) => value.startsWith(p));
  if (prefix) return `${kind} ${show(value)} starts with "${prefix}", which the database engines reserve, e.g. "${suggestIdentifier(value.slice(prefix.length), fallback)}"`;
  return undefined;
}
