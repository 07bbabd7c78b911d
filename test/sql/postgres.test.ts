/**
 * Migration previews applied to a real PostgreSQL (PGlite: Postgres compiled to WASM, in process).
 * One instance for the file: it takes seconds to boot.
 */
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTableDefinition, planMigration, renderMigration, type MigrationPlan } from '../../lib/sql/index.js';
import { versionPair } from './arbitraries.js';
import { caricaturesV1, caricaturesV2, NOW, userPreferences } from './fixtures.js';

let pg: PGlite;
beforeAll(async () => {
  pg = await PGlite.create();
});
afterAll(async () => {
  await pg.close();
});

const up = (plan: MigrationPlan) => pg.exec(renderMigration(plan, 'postgres', NOW).up_sql);
const down = (plan: MigrationPlan) => pg.exec(renderMigration(plan, 'postgres', NOW).down_sql);

interface Column {
  column_name: string;
  data_type: string;
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}

/**
 * What the catalog says about a table: columns (by name; ordinal positions are left out because a
 * column re-added by a down migration comes back at the end), indexes, primary key and owned sequences.
 */
async function catalog(table: string) {
  const columns = await pg.query<Column>(
    `SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name`,
    [table],
  );
  const indexes = await pg.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1 ORDER BY indexname`,
    [table],
  );
  const primaryKey = await pg.query<{ column_name: string }>(
    `SELECT kcu.column_name FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
      WHERE tc.table_schema = 'public' AND tc.table_name = $1 AND tc.constraint_type = 'PRIMARY KEY' ORDER BY kcu.ordinal_position`,
    [table],
  );
  const sequences = await pg.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relkind = 'S' AND relname LIKE $1 || '%' ORDER BY relname`, [table]);
  return {
    columns: Object.fromEntries(columns.rows.map(({ column_name, ...rest }) => [column_name, rest])),
    indexes: Object.fromEntries(indexes.rows.map((r) => [r.indexname, r.indexdef])),
    primary_key: primaryKey.rows.map((r) => r.column_name),
    sequences: sequences.rows.map((r) => r.relname),
  };
}

const column = (data_type: string, nullable: boolean, column_default: string | null = null, extra: Partial<Column> = {}) => ({
  data_type,
  is_nullable: nullable ? 'YES' : 'NO',
  column_default,
  character_maximum_length: null,
  numeric_precision: null,
  numeric_scale: null,
  ...extra,
});

/**
 * PostgreSQL refuses `USING c::t` when no cast exists (uuid to integer, say), even on an empty table;
 * a random ALTER keeps to type changes with a cast: within a family, or to or from text.
 */
const FAMILY: Record<string, string> = {
  integer: 'number',
  bigint: 'number',
  real: 'number',
  'double precision': 'number',
  numeric: 'number',
  date: 'time',
  timestamp: 'time',
  timestamptz: 'time',
  varchar: 'text',
};
function family(type: unknown): string {
  const base = String(type).toLowerCase().replace(/\(.*$/, '');
  return FAMILY[base] ?? base;
}
function castableChanges(before: Record<string, unknown>[], after: Record<string, unknown>[]): boolean {
  return after.every((column) => {
    const old = before.find((c) => c.name === column.name);
    if (!old) return true;
    const [from, to] = [family(old.type), family(column.type)];
    return from === to || from === 'text' || to === 'text';
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('PostgreSQL (PGlite)', () => {
  const v1 = parseTableDefinition(caricaturesV1, 'caricatures');
  const v2 = parseTableDefinition(caricaturesV2, 'caricatures');

  it('creates the seed caricatures table exactly as defined, twice over, and drops it again', async () => {
    const plan = planMigration('caricatures', null, v1);
    const before = await catalog('caricatures');
    await up(plan);
    await up(plan);
    const after = await catalog('caricatures');
    expect(after.columns).toEqual({
      created_at: column('timestamp with time zone', false, 'CURRENT_TIMESTAMP'),
      description: column('text', true),
      id: column('uuid', false, 'gen_random_uuid()'),
      image_url: column('text', false),
      user_id: column('text', false),
      username: column('text', true),
    });
    expect(after.primary_key).toEqual(['id']);
    expect(after.indexes).toEqual({
      caricatures_pkey: 'CREATE UNIQUE INDEX caricatures_pkey ON public.caricatures USING btree (id)',
      idx_caricatures_created_at: 'CREATE INDEX idx_caricatures_created_at ON public.caricatures USING btree (created_at)',
      idx_caricatures_user_id: 'CREATE INDEX idx_caricatures_user_id ON public.caricatures USING btree (user_id)',
    });

    const { rows } = await pg.query<{ id: string; created_at: Date }>(`INSERT INTO caricatures (user_id, image_url) VALUES ('u1', 'https://example.com/1.png') RETURNING id, created_at`);
    expect(rows[0]?.id).toMatch(UUID);
    expect(rows[0]?.created_at).toBeInstanceOf(Date);

    await down(plan);
    expect(await catalog('caricatures')).toEqual(before);
  });

  it('creates user_preferences with its serial key, unique and GIN indexes and working defaults', async () => {
    const plan = planMigration('user_preferences', null, parseTableDefinition(userPreferences, 'user_preferences'));
    const before = await catalog('user_preferences');
    await up(plan);
    await up(plan);
    const after = await catalog('user_preferences');
    expect(after.columns).toEqual({
      id: column('bigint', false, "nextval('user_preferences_id_seq'::regclass)", { numeric_precision: 64, numeric_scale: 0 }),
      is_active: column('boolean', false, 'true'),
      metadata: column('jsonb', false, "'{}'::jsonb"),
      preference_key: column('character varying', false, null, { character_maximum_length: 255 }),
      preference_value: column('text', true),
      updated_at: column('timestamp with time zone', false, 'CURRENT_TIMESTAMP'),
      user_id: column('character varying', false, null, { character_maximum_length: 255 }),
      weight: column('numeric', true, '1.50', { numeric_precision: 5, numeric_scale: 2 }),
    });
    expect(after.indexes).toEqual({
      user_preferences_pkey: 'CREATE UNIQUE INDEX user_preferences_pkey ON public.user_preferences USING btree (id)',
      idx_user_preferences_user_id_preference_key:
        'CREATE UNIQUE INDEX idx_user_preferences_user_id_preference_key ON public.user_preferences USING btree (user_id, preference_key)',
      idx_user_preferences_metadata: 'CREATE INDEX idx_user_preferences_metadata ON public.user_preferences USING gin (metadata)',
    });
    expect(after.sequences).toEqual(['user_preferences_id_seq']);

    const insert = `INSERT INTO user_preferences (user_id, preference_key) VALUES ('u1', 'theme') RETURNING *`;
    const { rows } = await pg.query<Record<string, unknown>>(insert);
    expect(rows[0]).toMatchObject({ id: 1, metadata: {}, is_active: true, weight: '1.50', preference_value: null });
    await expect(pg.query(insert)).rejects.toThrow(/duplicate key/);

    await down(plan);
    expect(await catalog('user_preferences')).toEqual(before);
  });

  it('alters caricatures to the next version and back, keeping rows', async () => {
    const create = planMigration('caricatures', null, v1);
    const alter = planMigration('caricatures', v1, v2);
    await up(create);
    await pg.query(`INSERT INTO caricatures (user_id, username, image_url, description) VALUES ('u1', 'ann', 'a.png', 'first')`);
    const before = await catalog('caricatures');

    await up(alter);
    await up(alter);
    const after = await catalog('caricatures');
    expect(after.columns).toEqual({
      created_at: column('timestamp with time zone', false, 'CURRENT_TIMESTAMP'),
      id: column('uuid', false, 'gen_random_uuid()'),
      image_url: column('text', false),
      metadata: column('jsonb', false, "'{}'::jsonb"),
      updated_at: column('timestamp with time zone', true, 'CURRENT_TIMESTAMP'),
      user_id: column('text', false),
      username: column('character varying', false, "'anonymous'::character varying", { character_maximum_length: 64 }),
    });
    expect(after.indexes).toEqual({
      caricatures_pkey: before.indexes.caricatures_pkey,
      idx_caricatures_user_id: before.indexes.idx_caricatures_user_id,
      idx_caricatures_metadata: 'CREATE INDEX idx_caricatures_metadata ON public.caricatures USING gin (metadata)',
      uq_caricatures_user_image: 'CREATE UNIQUE INDEX uq_caricatures_user_image ON public.caricatures USING btree (user_id, image_url)',
    });
    await pg.query(`INSERT INTO caricatures (user_id, image_url) VALUES ('u2', 'b.png')`);
    const { rows } = await pg.query<{ user_id: string; username: string; metadata: unknown }>('SELECT user_id, username, metadata FROM caricatures ORDER BY user_id');
    expect(rows).toEqual([
      { user_id: 'u1', username: 'ann', metadata: {} },
      { user_id: 'u2', username: 'anonymous', metadata: {} },
    ]);

    await down(alter);
    expect(await catalog('caricatures')).toEqual(before);
    const restored = await pg.query<{ username: string; description: string | null }>('SELECT username, description FROM caricatures ORDER BY user_id');
    // The dropped column comes back empty: that is why the plan says reversible: false.
    expect(restored.rows).toEqual([{ username: 'ann', description: null }, { username: 'anonymous', description: null }]);
    expect(alter.reversible).toBe(false);
    await down(create);
  });

  it('reaches the next version of any table by ALTER, and comes back on down', async () => {
    await fc.assert(
      fc.asyncProperty(versionPair.filter(([a, b]) => castableChanges(a.columns, b.columns)), async ([rawBefore, rawAfter]) => {
        const before = parseTableDefinition(rawBefore, 'probe');
        const after = parseTableDefinition(rawAfter, 'probe');
        const createAfter = planMigration('probe', null, after);
        await up(createAfter);
        const direct = await catalog('probe');
        await down(createAfter);

        const create = planMigration('probe', null, before);
        await up(create);
        const original = await catalog('probe');
        const alter = planMigration('probe', before, after);
        try {
          await up(alter);
          await up(alter);
          expect(await catalog('probe')).toEqual(direct);
          await down(alter);
          expect(await catalog('probe')).toEqual(original);
        } finally {
          await down(create);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('stores any string default byte for byte', async () => {
    const hostile = fc.string({ unit: fc.constantFrom("'", '"', '\\', ';', '-', '\n', '$', 'a', 'é', '😀', ')', '/', '*'), maxLength: 24 });
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        const table = parseTableDefinition({ columns: [{ name: 'id', type: 'serial', primary_key: true }, { name: 'value', type: 'text', default: `'${value.replaceAll("'", "''")}'` }] }, 'defaults_probe');
        const plan = planMigration('defaults_probe', null, table);
        await up(plan);
        try {
          const { rows } = await pg.query<{ value: string }>('INSERT INTO defaults_probe DEFAULT VALUES RETURNING value');
          expect(rows[0]?.value).toBe(value);
        } finally {
          await down(plan);
        }
      }),
      { numRuns: 25 },
    );
  });
});
