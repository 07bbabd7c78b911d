/** The one test for "a JSON object": not null, not an array (both are `typeof 'object'` too). */
export function isObject<V = unknown>(value: unknown): value is Record<string, V> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
