/** JSON pointer reference tokens (RFC 6901), escaped and unescaped in one place. */

/** Escapes one reference token: `~` as `~0`, `/` as `~1`. */
export function escapePointerToken(token: string | number): string {
  const text = String(token);
  // Most names need no escaping, and replaceAll is slow enough to show in the validation error path.
  return text.includes('~') || text.includes('/') ? text.replaceAll('~', '~0').replaceAll('/', '~1') : text;
}

/** The inverse of escapePointerToken; `~1` is undone before `~0`, since the other order turns `~01` into `/`. */
export function unescapePointerToken(token: string): string {
  return token.includes('~') ? token.replaceAll('~1', '/').replaceAll('~0', '~') : token;
}
