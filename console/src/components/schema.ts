/** Reading a JSON Schema definition for forms and views: local $refs, the effective type, labels. */
export type JsonSchema = Record<string, any>;

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Follows local `$ref`s (`#/$defs/x`); the registry refuses remote ones, so no other kind exists. */
export function resolve(schema: JsonSchema | boolean | undefined, root: JsonSchema, depth = 0): JsonSchema {
  if (!schema || typeof schema !== 'object') return {};
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 16) return schema;
  let target: any = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) target = target?.[unescape(part)];
  return resolve({ ...target, ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$ref')) }, root, depth + 1);
}

export type Kind = 'object' | 'array' | 'enum' | 'string' | 'integer' | 'number' | 'boolean' | 'json';

/** What control a schema gets; anything the form cannot express (combiners, unions) is edited as JSON. */
export function kindOf(s: JsonSchema): Kind {
  if (Array.isArray(s.enum)) return 'enum';
  if (s.anyOf || s.oneOf || s.allOf || s.not || s.if) return 'json';
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t: unknown) => t && t !== 'null');
  if (types.length > 1) return 'json';
  const t = types[0] ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
  return (['object', 'array', 'string', 'integer', 'number', 'boolean'] as const).includes(t) ? t : 'json';
}

export const labelOf = (s: JsonSchema, name: string) => (typeof s.title === 'string' && s.title) || name;

export const typeLabel = (s: JsonSchema) => {
  const k = kindOf(s);
  if (k === 'json') return Array.isArray(s.type) ? s.type.join(' | ') : 'any';
  return s.format ? `${k} (${s.format})` : k;
};

/** A child pointer, escaped as RFC 6901 says. */
export const child = (pointer: string, key: string | number) => `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** A copy of `doc` with the value at `pointer` replaced (or removed when `value` is undefined). */
export function setAt(doc: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const [head, ...rest] = pointer.slice(1).split('/');
  const key = unescape(head!);
  const tail = rest.length ? `/${rest.join('/')}` : '';
  if (Array.isArray(doc)) {
    const copy = [...doc];
    const i = Number(key);
    if (tail === '' && value === undefined) copy.splice(i, 1);
    else copy[i] = setAt(copy[i], tail, value);
    return copy;
  }
  const obj = { ...((doc && typeof doc === 'object' ? doc : {}) as Record<string, unknown>) };
  const next = setAt(obj[key], tail, value);
  if (next === undefined) delete obj[key];
  else obj[key] = next;
  return obj;
}

/** The value a new array item or object starts with. */
export function emptyValue(s: JsonSchema): unknown {
  if (s.default !== undefined) return s.default;
  const k = kindOf(s);
  if (k === 'object') return {};
  if (k === 'array') return [];
  if (k === 'string') return '';
  if (k === 'boolean') return false;
  return undefined;
}
