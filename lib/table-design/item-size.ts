/**
 * The size DynamoDB bills an item by, from its attribute names and values as the document client
 * marshals them (AWS, "Item sizes and formats"): strings and binaries by their bytes, a number by one
 * byte per two significant digits plus one, booleans and nulls one byte, a list or map 3 bytes plus one
 * byte per element on top of its elements. Attribute names count as UTF-8 bytes.
 */
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

function numberBytes(n: number | bigint): number {
  const digits = String(n)
    .replace(/^-/, '')
    .replace(/e.*$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** The bytes of one attribute value. */
export function valueBytes(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberBytes(value);
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((n: number, v) => n + valueBytes(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + valueBytes(v), 0);
  return 3 + Object.entries(value as Record<string, unknown>).reduce((n, [k, v]) => n + 1 + utf8(k) + valueBytes(v), 0);
}

/** The bytes of an item, or of the attributes of it that `only` names (what an index projects). */
export function itemBytes(item: Record<string, unknown>, only?: ReadonlySet<string>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined || (only && !only.has(name))) continue;
    bytes += utf8(name) + valueBytes(value);
  }
  return bytes;
}
