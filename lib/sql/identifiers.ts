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

/** Quotes a user value for an error message, cut short so a huge value cannot flood the response. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}..."` : text;
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
  const prefix = RESERVED_PREFIXES.find((p) => value.startsWith(p));
  if (prefix) return `${kind} ${show(value)} starts with "${prefix}", which the database engines reserve, e.g. "${suggestIdentifier(value.slice(prefix.length), fallback)}"`;
  return undefined;
}
