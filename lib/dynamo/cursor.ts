/**
 * The cursors of every listing: the opaque base64url JSON of the last key a page read (ElectroDB's format,
 * so the listings it pages and those paged raw hand out the same kind).
 */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor holds; throws SyntaxError when it holds no JSON. */
export function decodeCursor(cursor: string): unknown {
  return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
}
