/** Migration previews applied to a real SQLite (sql.js: SQLite compiled to WASM). */
import fc from 'fast-check';
import initSqlJs, { type Database } from 'sql.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseTableDefinition, planMigration, renderMigration, type MigrationPlan } from '../../lib/sql/index.js';
import { versionPair } from './arbitraries.js';
import { caricaturesV1, caricaturesV2, NOW, userPreferences } from './fixtures.js';

let SQL: Awaited<ReturnType<typeof initSqlJs>>;
let db: Database;
beforeAll(async () => {
  SQL = await initSqlJs();
});
beforeEach(() => {
  db = new SQL.Database();
});
afterEach(() => db.close());

const up = (plan: MigrationPlan) => db.exec(renderMigration(plan, 'sqlite', NOW).up_sql);
const down = (plan: MigrationPlan) => db.exec(renderMigration(plan, 'sqlite', NOW).down_sql);

function rows(sql: string, params: (string | number | null)[] = []): Record<string, unknown>[] {
  const [result] = db.exec(sql, params);
  if (!result) return [];
  return result.values.map((values) => Object.fromEntries(result.columns.map((name, i) => [name, values[i]])));
}

/** Everything SQLite records about a table: its columns in order and the SQL of the table and its indexes. */
function catalog(table: string) {
  return {
    columns: rows('SELECT cid, name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid', [table]),
    objects: rows('SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? ORDER BY name', [table]),
  };
}

/** The catalog without column order, for comparing tables reached by different paths. */
function shape(table: string) {
  const { columns, objects } = catalog(table);
  return {
    columns: columns.map(({ cid: _, ...rest }) => rest).sort((a, b) => String(a.name).localeCompare(String(b.name))),
    indexes: objects.filter((o) => o.type === 'index'),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('SQLite (sql.js)', () => {
  const v1 = parseTableDefinition(caricaturesV1, 'caricatures');
  const v2 = parseTableDefinition(caricaturesV2, 'caricatures');

  it('creates the seed caricatures table, twice over, with working defaults, and drops it again', () => {
    const plan = planMigration('caricatures', null, v1);
    const before = catalog('caricatures');
    up(plan);
    up(plan);
    const after = catalog('caricatures');
    expect(after.columns.map((c) => [c.name, c.type, c.notnull, c.pk])).toEqual([
      ['id', 'TEXT', 1, 1],
      ['user_id', 'TEXT', 1, 0],
      ['username', 'TEXT', 0, 0],
      ['image_url', 'TEXT', 1, 0],
      ['description', 'TEXT', 0, 0],
      ['created_at', 'TEXT', 1, 0],
    ]);
    expect(after.columns.find((c) => c.name === 'created_at')?.dflt_value).toBe('CURRENT_TIMESTAMP');
    expect(after.objects.map((o) => [o.type, o.name])).toEqual([
      ['table', 'caricatures'],
      ['index', 'idx_caricatures_created_at'],
      ['index', 'idx_caricatures_user_id'],
      ['index', 'sqlite_autoindex_caricatures_1'],
    ]);

    db.exec(`INSERT INTO caricatures (user_id, image_url) VALUES ('u1', 'a.png'), ('u2', 'b.png')`);
    const inserted = rows('SELECT id, created_at FROM caricatures');
    for (const row of inserted) {
      expect(row.id).toMatch(UUID);
      expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    expect(inserted[0]?.id).not.toBe(inserted[1]?.id);

    down(plan);
    expect(catalog('caricatures')).toEqual(before);
  });

  it('creates user_preferences with a rowid key and a unique index, and skips the GIN index', () => {
    const plan = planMigration('user_preferences', null, parseTableDefinition(userPreferences, 'user_preferences'));
    up(plan);
    up(plan);
    const { objects } = catalog('user_preferences');
    expect(objects.map((o) => o.name)).toEqual(['idx_user_preferences_user_id_preference_key', 'user_preferences']);
    expect(objects[0]?.sql).toBe('CREATE UNIQUE INDEX "idx_user_preferences_user_id_preference_key" ON "user_preferences" ("user_id", "preference_key")');

    const insert = `INSERT INTO user_preferences (user_id, preference_key) VALUES ('u1', 'theme')`;
    db.exec(insert);
    expect(rows('SELECT id, metadata, is_active, weight FROM user_preferences')).toEqual([{ id: 1, metadata: '{}', is_active: 1, weight: 1.5 }]);
    expect(() => db.exec(insert)).toThrow(/UNIQUE constraint failed/);

    down(plan);
    expect(catalog('user_preferences')).toEqual({ columns: [], objects: [] });
  });

  it('alters caricatures by rebuilding it, keeps rows, and restores the exact table on down', () => {
    const create = planMigration('caricatures', null, v1);
    const alter = planMigration('caricatures', v1, v2);
    up(create);
    db.exec(`INSERT INTO caricatures (id, user_id, username, image_url, description) VALUES ('11111111-1111-4111-8111-111111111111', 'u1', 'ann', 'a.png', 'first')`);
    const before = catalog('caricatures');

    up(alter);
    up(alter);
    const reached = shape('caricatures');
    db.exec('DROP TABLE caricatures');
    up(planMigration('caricatures', null, v2));
    expect(reached).toEqual(shape('caricatures'));
    db.exec('DROP TABLE caricatures');

    up(create);
    db.exec(`INSERT INTO caricatures (id, user_id, username, image_url, description) VALUES ('11111111-1111-4111-8111-111111111111', 'u1', 'ann', 'a.png', 'first')`);
    up(alter);
    db.exec(`INSERT INTO caricatures (user_id, image_url) VALUES ('u2', 'b.png')`);
    expect(rows('SELECT user_id, username, metadata FROM caricatures ORDER BY user_id')).toEqual([
      { user_id: 'u1', username: 'ann', metadata: '{}' },
      { user_id: 'u2', username: 'anonymous', metadata: '{}' },
    ]);

    down(alter);
    expect(catalog('caricatures')).toEqual(before);
    expect(rows('SELECT username, description FROM caricatures ORDER BY user_id')).toEqual([
      { username: 'ann', description: null },
      { username: 'anonymous', description: null },
    ]);
  });

  it('reaches the next version of any table by ALTER, and comes back exactly on down', () => {
    fc.assert(
      fc.property(versionPair, ([rawBefore, rawAfter]) => {
        const before = parseTableDefinition(rawBefore, 'probe');
        const after = parseTableDefinition(rawAfter, 'probe');
        up(planMigration('probe', null, after));
        const direct = shape('probe');
        db.exec('DROP TABLE probe');

        const create = planMigration('probe', null, before);
        up(create);
        const original = catalog('probe');
        const alter = planMigration('probe', before, after);
        up(alter);
        up(alter);
        expect(shape('probe')).toEqual(direct);
        down(alter);
        expect(catalog('probe')).toEqual(original);
        down(create);
      }),
      { numRuns: 60 },
    );
  });

  it('stores any string default byte for byte', () => {
    const hostile = fc.string({ unit: fc.constantFrom("'", '"', '\\', ';', '-', '\n', '$', 'a', 'é', '😀', ')', '/', '*'), maxLength: 24 });
    fc.assert(
      fc.property(hostile, (value) => {
        const table = parseTableDefinition({ columns: [{ name: 'id', type: 'serial', primary_key: true }, { name: 'value', type: 'text', default: `'${value.replaceAll("'", "''")}'` }] }, 'defaults_probe');
        const plan = planMigration('defaults_probe', null, table);
        up(plan);
        db.exec('INSERT INTO defaults_probe DEFAULT VALUES');
        expect(rows('SELECT value FROM defaults_probe')).toEqual([{ value }]);
        down(plan);
      }),
      { numRuns: 100 },
    );
  });
});
