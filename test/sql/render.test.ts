import { Parser } from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { DIALECTS, parseTableDefinition, planMigration, renderMigration, renderStatements, type MigrationPlan } from '../../lib/sql/index.js';
import { caricaturesV1, caricaturesV2, NOW, userPreferences } from './fixtures.js';

const v1 = parseTableDefinition(caricaturesV1, 'caricatures');
const v2 = parseTableDefinition(caricaturesV2, 'caricatures');
const preferences = parseTableDefinition(userPreferences, 'user_preferences');
const createV1 = planMigration('caricatures', null, v1);
const alterV1V2 = planMigration('caricatures', v1, v2);
const createPreferences = planMigration('user_preferences', null, preferences);
const plans: [string, MigrationPlan][] = [
  ['create caricatures', createV1],
  ['alter caricatures', alterV1V2],
  ['create user_preferences', createPreferences],
];

describe('renderMigration', () => {
  it('names the file from the injected time in UTC and the plan kind', () => {
    expect(renderMigration(createV1, 'postgres', NOW).file_name).toBe('20231205_120000_create_caricatures');
    expect(renderMigration(alterV1V2, 'mysql', new Date('2024-02-29T23:59:58.999Z')).file_name).toBe('20240229_235958_alter_caricatures');
  });

  it('renders the seed caricatures table for PostgreSQL, idempotently, with down in reverse', () => {
    expect(renderMigration(createV1, 'postgres', NOW)).toEqual({
      file_name: '20231205_120000_create_caricatures',
      dialect: 'postgres',
      reversible: true,
      up_sql: `CREATE TABLE IF NOT EXISTS "caricatures" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "user_id" TEXT NOT NULL,
  "username" TEXT,
  "image_url" TEXT NOT NULL,
  "description" TEXT,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY ("id")
);

CREATE INDEX IF NOT EXISTS "idx_caricatures_user_id" ON "caricatures" ("user_id");

CREATE INDEX IF NOT EXISTS "idx_caricatures_created_at" ON "caricatures" ("created_at");
`,
      down_sql: `DROP INDEX IF EXISTS "idx_caricatures_created_at";

DROP INDEX IF EXISTS "idx_caricatures_user_id";

DROP TABLE IF EXISTS "caricatures";
`,
    });
  });

  it('renders a PostgreSQL ALTER per step, and their reverses in reverse order', () => {
    const { up, down } = renderStatements(alterV1V2, 'postgres');
    expect(up).toEqual([
      'DROP INDEX IF EXISTS "idx_caricatures_created_at"',
      'ALTER TABLE "caricatures" DROP COLUMN IF EXISTS "description"',
      `ALTER TABLE "caricatures" ADD COLUMN IF NOT EXISTS "metadata" JSONB NOT NULL DEFAULT '{}'`,
      'ALTER TABLE "caricatures" ADD COLUMN IF NOT EXISTS "updated_at" TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP',
      'ALTER TABLE "caricatures" ALTER COLUMN "username" TYPE VARCHAR(64) USING "username"::VARCHAR(64)',
      `ALTER TABLE "caricatures" ALTER COLUMN "username" SET DEFAULT 'anonymous'`,
      'ALTER TABLE "caricatures" ALTER COLUMN "username" SET NOT NULL',
      'CREATE INDEX IF NOT EXISTS "idx_caricatures_metadata" ON "caricatures" USING gin ("metadata")',
      'CREATE UNIQUE INDEX IF NOT EXISTS "uq_caricatures_user_image" ON "caricatures" ("user_id", "image_url")',
    ]);
    expect(down).toEqual([
      'DROP INDEX IF EXISTS "uq_caricatures_user_image"',
      'DROP INDEX IF EXISTS "idx_caricatures_metadata"',
      'ALTER TABLE "caricatures" ALTER COLUMN "username" DROP NOT NULL',
      'ALTER TABLE "caricatures" ALTER COLUMN "username" DROP DEFAULT',
      'ALTER TABLE "caricatures" ALTER COLUMN "username" TYPE TEXT USING "username"::TEXT',
      'ALTER TABLE "caricatures" DROP COLUMN IF EXISTS "updated_at"',
      'ALTER TABLE "caricatures" DROP COLUMN IF EXISTS "metadata"',
      'ALTER TABLE "caricatures" ADD COLUMN IF NOT EXISTS "description" TEXT',
      'CREATE INDEX IF NOT EXISTS "idx_caricatures_created_at" ON "caricatures" ("created_at")',
    ]);
  });

  it('passes the plan reversibility through', () => {
    expect(renderMigration(alterV1V2, 'sqlite', NOW).reversible).toBe(false);
  });

  it('says so when there is nothing to change', () => {
    const preview = renderMigration(planMigration('caricatures', v1, v1), 'postgres', NOW);
    expect([preview.up_sql, preview.down_sql]).toEqual(['-- no changes\n', '-- no changes\n']);
  });

  describe('sqlite', () => {
    it('uses SQLite storage classes and a built-in UUID expression', () => {
      const [createTable] = renderStatements(createPreferences, 'sqlite').up;
      expect(createTable).toContain('"id" INTEGER NOT NULL,');
      expect(createTable).toContain(`"metadata" TEXT NOT NULL DEFAULT '{}'`);
      expect(createTable).toContain('"is_active" INTEGER NOT NULL DEFAULT 1');
      expect(createTable).toContain('"weight" NUMERIC DEFAULT 1.50');
      expect(renderStatements(createV1, 'sqlite').up[0]).toContain('"id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4)))');
    });

    it('copies nothing when no column survives the rebuild', () => {
      const before = parseTableDefinition({ columns: [{ name: 'a', type: 'text' }] }, 'things');
      const after = parseTableDefinition({ columns: [{ name: 'b', type: 'text' }] }, 'things');
      expect(renderStatements(planMigration('things', before, after), 'sqlite').up).toEqual([
        'DROP TABLE IF EXISTS "things$rebuild"',
        'CREATE TABLE "things$rebuild" (\n  "b" TEXT\n)',
        'DROP TABLE "things"',
        'ALTER TABLE "things$rebuild" RENAME TO "things"',
      ]);
    });

    it('writes a comment instead of a GIN index', () => {
      expect(renderStatements(createPreferences, 'sqlite').up).toContain('-- index "idx_user_preferences_metadata" not created: SQLite has no GIN indexes');
    });

    it('turns all column changes into one table rebuild under a name no user table can have', () => {
      const { up } = renderStatements(alterV1V2, 'sqlite');
      expect(up.filter((s) => s.startsWith('CREATE TABLE'))).toHaveLength(1);
      expect(up).toEqual([
        'DROP INDEX IF EXISTS "idx_caricatures_created_at"',
        'DROP TABLE IF EXISTS "caricatures$rebuild"',
        expect.stringMatching(/^CREATE TABLE "caricatures\$rebuild" \(\n {2}"id" TEXT NOT NULL DEFAULT/),
        'INSERT INTO "caricatures$rebuild" ("id", "user_id", "username", "image_url", "created_at") SELECT "id", "user_id", "username", "image_url", "created_at" FROM "caricatures"',
        'DROP TABLE "caricatures"',
        'ALTER TABLE "caricatures$rebuild" RENAME TO "caricatures"',
        'CREATE INDEX IF NOT EXISTS "idx_caricatures_user_id" ON "caricatures" ("user_id")',
        '-- index "idx_caricatures_metadata" not created: SQLite has no GIN indexes',
        'CREATE UNIQUE INDEX IF NOT EXISTS "uq_caricatures_user_image" ON "caricatures" ("user_id", "image_url")',
      ]);
    });
  });

  describe('mysql', () => {
    const parser = new Parser();

    it.each(plans)('renders every statement of "%s" as MySQL that parses', (_, plan) => {
      const { up, down } = renderStatements(plan, 'mysql');
      for (const statement of [...up, ...down]) {
        if (statement.startsWith('-- ')) continue;
        const ast = parser.astify(statement, { database: 'MySQL' });
        expect(Array.isArray(ast) ? ast.length : 1, statement).toBe(1);
      }
    });

    it('uses MySQL types, backticks, key prefixes on long text and UUID()', () => {
      const [createTable] = renderStatements(createV1, 'mysql').up;
      expect(createTable).toContain('`id` CHAR(36) NOT NULL DEFAULT (UUID())');
      expect(createTable).toContain('`created_at` TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)');
      expect(renderStatements(createV1, 'mysql').up).toContain('CREATE INDEX `idx_caricatures_user_id` ON `caricatures` (`user_id`(255))');
      const preferencesUp = renderStatements(createPreferences, 'mysql').up;
      expect(preferencesUp[0]).toContain('`id` BIGINT NOT NULL AUTO_INCREMENT');
      expect(preferencesUp[0]).toContain("`metadata` JSON NOT NULL DEFAULT ('{}')");
      expect(preferencesUp).toContain('-- index `idx_user_preferences_metadata` not created: MySQL has no GIN indexes');
    });

    it('restates the whole column when it changes, since MODIFY resets what it omits', () => {
      expect(renderStatements(alterV1V2, 'mysql').up).toContain("ALTER TABLE `caricatures` MODIFY COLUMN `username` VARCHAR(64) NOT NULL DEFAULT 'anonymous'");
    });

    it('escapes backslashes in MySQL string literals', () => {
      const table = parseTableDefinition({ columns: [{ name: 'path', type: 'varchar(20)', default: String.raw`'C:\dir\'` }] }, 'files');
      const [createTable] = renderStatements(planMigration('files', null, table), 'mysql').up;
      expect(createTable).toContain(String.raw`DEFAULT 'C:\\dir\\'`);
      expect(parser.astify(createTable ?? '', { database: 'MySQL' })).toBeTruthy();
    });
  });

  it.each(DIALECTS)('quotes every identifier for %s', (dialect) => {
    const quote = dialect === 'mysql' ? '`' : '"';
    const { up } = renderStatements(createV1, dialect);
    expect(up[0]).toMatch(new RegExp(`^CREATE TABLE IF NOT EXISTS ${quote}caricatures${quote} \\(\\n  ${quote}id${quote} `));
  });
});
