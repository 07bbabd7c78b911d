/** Reading FieldDescription paths: which fields are top-level, array items, and whose children. */
import type { FieldDescription } from '../engines/types.js';
import { escapePointerToken } from '../util/json-pointer.js';

/** The document path of a top-level field called `name`. */
export function topLevelPath(name: string): string {
  return `/${escapePointerToken(name)}`;
}

/** The document path of the object holding `path` ('' for the top level). */
export function parentPath(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** Array items: describeFields names them `-`. */
export function isItems(field: FieldDescription): boolean {
  return field.name === '-' && field.path.endsWith('/-');
}

/** A property of the root object: what becomes a column. */
export function isTopLevel(field: FieldDescription): boolean {
  return !isItems(field) && field.path === topLevelPath(field.name);
}
