/** fast-check generators of valid table definitions, in the raw form a user would send. */
import fc from 'fast-check';

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;
const text = (maxLength: number) => fc.string({ maxLength, unit: 'grapheme' }).filter((s) => !s.includes('\u0000'));
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));

export const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,15}$/).filter((s) => !s.startsWith('sqlite_') && !s.startsWith('pg_'));

const isoDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }).map((d) => d.toISOString());

/** A non-serial type and a default that suits it (undefined: no default). */
const typed: fc.Arbitrary<{ type: string; default?: unknown }> = fc.oneof(
  fc.record({ type: fc.constantFrom('text', 'TEXT'), default: fc.option(text(20).map(quote), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.integer({ min: 1, max: 300 }).chain((n) => fc.record({ type: fc.constant(`varchar(${n})`), default: fc.option(text(Math.min(n, 10)).filter((s) => [...s].length <= n).map(quote), { nil: undefined }) }, { requiredKeys: ['type'] })),
  fc.record({ type: fc.constant('integer'), default: fc.option(fc.oneof(fc.integer(), fc.integer().map(String)), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('bigint'), default: fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('boolean'), default: fc.option(fc.oneof(fc.boolean(), fc.constantFrom('TRUE', 'false')), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('jsonb'), default: fc.option(fc.jsonValue({ maxDepth: 2 }).map((v) => quote(JSON.stringify(v))), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('timestamptz', 'timestamp', 'date'), default: fc.option(fc.constantFrom('now()', 'CURRENT_TIMESTAMP'), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('timestamptz'), default: isoDate.map(quote) }),
  fc.record({ type: fc.constant('date'), default: isoDate.map((d) => quote(d.slice(0, 10))) }),
  fc.record({ type: fc.constant('uuid'), default: fc.option(fc.oneof(fc.constant('gen_random_uuid()'), fc.uuid().map(quote)), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('real', 'double precision'), default: fc.option(fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), digits(0, 4)).map(([i, f]) => (f ? `${i}.${f}` : `${i}`)), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.integer({ min: 1, max: 20 }).chain((p) => fc.integer({ min: 0, max: p }).chain((s) =>
    fc.record({ type: fc.constant(`numeric(${p},${s})`), default: fc.option(fc.tuple(digits(1, p - s || 1), digits(0, s)).map(([i, f]) => `${p - s === 0 ? '0' : i}${f ? `.${f}` : ''}`), { nil: undefined }) }, { requiredKeys: ['type'] }),
  )),
);

/** A raw column named by `name`, with a type, a default that suits it, flags and a description. */
const columnNamed = (name: fc.Arbitrary<string>) =>
  fc.record({ name, typed, primary_key: fc.boolean(), nullable: fc.boolean(), description: text(30) }, { requiredKeys: ['name', 'typed'] })
    .map(({ typed: { type, default: value }, ...rest }) => {
      const raw: Record<string, unknown> = { ...rest, type };
      if (value !== undefined) raw.default = value;
      if (type === 'jsonb') raw.primary_key = false;
      if (raw.primary_key) raw.nullable = false;
      return raw;
    });

type RawColumn = Record<string, unknown>;
const indexSeeds = fc.array(fc.record({ picks: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }), kind: fc.constantFrom('btree', 'unique', 'gin') }), { maxLength: 4 });

/** Indexes over existing columns; a gin seed over non-jsonb columns becomes a btree. */
function indexesOver(columns: RawColumn[], seeds: { picks: number[]; kind: string }[]) {
  return seeds.map(({ picks, kind }, i) => {
    const names = [...new Set(picks.map((p) => columns[p % columns.length]?.name as string))];
    const allJson = names.every((n) => columns.find((c) => c.name === n)?.type === 'jsonb');
    return { name: `ix_${i}`, columns: names, type: kind === 'gin' && !allJson ? 'btree' : kind };
  });
}

/** A valid raw table definition: unique column names, an optional serial key, indexes over existing columns. */
export const rawTable = fc
  .record({
    columns: fc.uniqueArray(columnNamed(identifier), { minLength: 1, maxLength: 8, selector: (c) => c.name }),
    serialKey: fc.option(fc.constantFrom('serial', 'bigserial'), { nil: undefined }),
    seeds: indexSeeds,
  })
  .map(({ columns, serialKey, seeds }) => {
    const all: RawColumn[] = serialKey && !columns.some((c) => c.name === 'serial_id')
      ? [{ name: 'serial_id', type: serialKey, primary_key: true }, ...columns.map((c) => ({ ...c, primary_key: false }))]
      : columns;
    return { columns: all, indexes: indexesOver(all, seeds) };
  });

/** One version of a table keyed on `id`, its other columns drawn from a small pool of names so versions overlap. */
const version = fc
  .record({ columns: fc.uniqueArray(columnNamed(fc.constantFrom('a', 'b', 'c', 'd', 'e')), { maxLength: 5, selector: (c) => c.name }), seeds: indexSeeds })
  .map(({ columns, seeds }) => {
    const all = [{ name: 'id', type: 'uuid', primary_key: true, default: 'gen_random_uuid()' }, ...columns.map((c) => ({ ...c, primary_key: false }))];
    return { columns: all, indexes: indexesOver(all, seeds) };
  });

/** Two versions of one table, same primary key: the input of a random ALTER. */
export const versionPair = fc.tuple(version, version);
