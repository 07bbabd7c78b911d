/**
 * Items built and read as the generated ElectroDB entities build and read them, from schema.yaml's rules
 * (lib/generated/records/), without loading ElectroDB: every write builds its items here,
 * and the reads on the payload path go through `readItem`, so a function that only stores and reads
 * payloads never loads ElectroDB (220 KB, a third of its cold start). test/dynamo/items.test.ts checks
 * every record type against the entities' output.
 */
import { INDEXES, TABLE_DESIGN } from '../generated/table.js';

/** What an attribute may hold: the ElectroDB attribute types schema.yaml's types map to. */
export type AttributeRule = {
  type: 'string' | 'number' | 'boolean' | 'any' | 'string_set' | 'enum';
  required?: boolean;
  /** A generator (the clock, a new id), or a literal value. */
  default?: 'now' | 'now_epoch_seconds' | 'ulid' | { value: unknown };
  values?: readonly (string | number)[];
  pattern?: RegExp;
};

export interface RecordRules<I> {
  entity: string;
  version: string;
  attributes: Record<string, AttributeRule>;
  keys: (item: I) => Record<string, string>;
  /** The primary key of the item with these attributes (the key builders refuse a missing or invalid one). */
  primaryKey: (attributes: Record<string, unknown>) => Record<string, string>;
}

/** `primaryKey` of a record type's rules, from the builders of its primary index. */
export function primaryKeyOf(keys: { pk: (v: never) => string; sk: (v: never) => string }): RecordRules<unknown>['primaryKey'] {
  const { partitionKey, sortKey } = INDEXES.primary;
  return (v) => ({ [partitionKey]: keys.pk(v as never), [sortKey]: keys.sk(v as never) });
}

/** What defaults are made of. */
export interface ItemClock {
  now: () => Date;
  newId: () => string;
}

const { entity: ENTITY, version: VERSION } = TABLE_DESIGN.entityIdentifiers;

function defaultOf(rule: AttributeRule, clock: ItemClock): unknown {
  const d = rule.default;
  if (d === undefined) return undefined;
  if (d === 'now') return clock.now().toISOString();
  if (d === 'now_epoch_seconds') return Math.floor(clock.now().getTime() / 1000);
  if (d === 'ulid') return clock.newId();
  return d.value;
}

/** Why `value` may not be stored under `rule`, or undefined when it may. */
function problem(rule: AttributeRule, value: unknown): string | undefined {
  switch (rule.type) {
    case 'string':
      if (typeof value !== 'string') return `expected a string, got ${typeof value}`;
      return rule.pattern && !rule.pattern.test(value) ? `does not match ${rule.pattern}` : undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `expected a finite number, got ${String(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected a boolean, got ${typeof value}`;
    case 'enum':
      return rule.values!.includes(value as string) ? undefined : `expected one of ${rule.values!.join(', ')}, got ${String(value)}`;
    case 'string_set': {
      const members: unknown[] | undefined = value instanceof Set ? [...value] : Array.isArray(value) ? value : undefined;
      return members?.every((v) => typeof v === 'string') ? undefined : 'expected a set of strings';
    }
    case 'any':
      return value === null ? 'expected a value, got null' : undefined;
  }
}

/**
 * The complete item of `attributes`: its defaults, every key, the entity identifiers, and only the
 * attributes schema.yaml declares. Throws on a missing required attribute or a value its rule refuses:
 * a bug in the caller, since requests are checked against their contracts first.
 */
export function buildItem<I>(rules: RecordRules<I>, attributes: I, clock: ItemClock): Record<string, unknown> {
  const given = attributes as Record<string, unknown>;
  const item: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(rules.attributes)) {
    const value = given[name] ?? defaultOf(rule, clock);
    if (value === undefined) {
      if (rule.required) throw new Error(`${rules.entity}.${name} is required`);
      continue;
    }
    const wrong = problem(rule, value);
    if (wrong !== undefined) throw new Error(`${rules.entity}.${name}: ${wrong}`);
    item[name] = rule.type === 'string_set' ? new Set(value as Iterable<string>) : value;
  }
  return Object.assign(item, rules.keys(item as I), { [ENTITY]: rules.entity, [VERSION]: rules.version });
}

/**
 * A stored item as the entities read it: the declared attributes only (no keys, identifiers or attribute
 * families). Undefined when the item is another record type's.
 */
export function readItem<I>(rules: RecordRules<I>, stored: Record<string, unknown> | undefined): I | undefined {
  if (stored === undefined || stored[ENTITY] !== rules.entity || stored[VERSION] !== rules.version) return undefined;
  const item: Record<string, unknown> = {};
  for (const name of Object.keys(rules.attributes)) if (stored[name] !== undefined) item[name] = stored[name];
  return item as I;
}
