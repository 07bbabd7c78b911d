/**
 * Drift comparison without a database: what each dialect's catalog spells for the renderer's own
 * output compares equal, and every kind of difference is named and explained. The catalog readers
 * themselves run against real databases in test/api/environments.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { mysqlType } from '../../lib/sinks/catalog/mysql.js';
import type { LiveTable } from '../../lib/sinks/catalog/index.js';
import { compareTable } from '../../lib/sinks/drift.js';
import { parseTableDefinition } from '../../lib/sql/index.js';

const table = parseTableDefinition(
  {
    columns: [
      { name: 'id', type: 'bigserial', primary_key: true },
      { name: 'label', type: 'varchar(40)', nullable: false, default: "'none'" },
      { name: 'score', type: 'integer', default: -1 },
      { name: 'active', type: 'boolean', default: true },
      { name: 'doc', type: 'jsonb' },
    ],
    indexes: [{ name: 'idx_t_label', columns: ['label'], type: 'unique' }, { name: 'idx_t_doc', columns: ['doc'], type: 'gin' }],
  },
  't',
);

/** The table as PostgreSQL's catalog reads back what the renderer created. */
const postgresLive = (): LiveTable => ({
  name: 't',
  columns: [
    { name: 'id', type: 'bigint', nullable: false, default: "nextval('t_id_seq'::regclass)" },
    { name: 'label', type: 'varchar(40)', nullable: false, default: "'none'::character varying" },
    { name: 'score', type: 'integer', nullable: true, default: "'-1'::integer" },
    { name: 'active', type: 'boolean', nullable: true, default: 'true' },
    { name: 'doc', type: 'jsonb', nullable: true, default: null },
  ],
  indexes: [
    { name: 'idx_t_label', columns: ['label'], unique: true, method: 'btree' },
    { name: 'idx_t_doc', columns: ['doc'], unique: false, method: 'gin' },
  ],
});

describe('drift comparison', () => {
  it("finds nothing when PostgreSQL's catalog shows what the renderer wrote (casts, sequences, quoted negatives)", () => {
    expect(compareTable('t', table, postgresLive(), 'postgres')).toEqual([]);
  });

  it('names every kind of difference, with what was expected and what is there', () => {
    const live = postgresLive();
    live.columns = live.columns.filter((c) => c.name !== 'doc').map((c) => (c.name === 'score' ? { ...c, type: 'bigint', nullable: false, default: '0' } : c));
    live.columns.push({ name: 'note', type: 'text', nullable: true, default: null });
    live.indexes = [{ name: 'idx_t_label', columns: ['label', 'score'], unique: true, method: 'btree' }, { name: 'idx_by_hand', columns: ['note'], unique: false, method: 'btree' }];
    const changes = compareTable('t', table, live, 'postgres');
    expect(changes.map((c) => `${c.kind}:${c.column ?? c.index}`)).toEqual([
      'type_changed:score',
      'nullability_changed:score',
      'default_changed:score',
      'column_missing:doc',
      'column_extra:note',
      'index_changed:idx_t_label',
      'index_missing:idx_t_doc',
      'index_extra:idx_by_hand',
    ]);
    expect(changes[2]).toMatchObject({ expected: '-1', actual: '0', explanation: 'column "t.score" has default 0, but its migrations gave it default -1' });
  });

  it('reports a missing table, and one that exists although its migrations were rolled back', () => {
    expect(compareTable('t', table, undefined, 'postgres')).toEqual([expect.objectContaining({ kind: 'table_missing', table: 't' })]);
    expect(compareTable('t', null, postgresLive(), 'postgres')).toEqual([expect.objectContaining({ kind: 'table_unexpected', table: 't' })]);
    expect(compareTable('t', null, undefined, 'sqlite')).toEqual([]);
  });

  it("reads SQLite's 1 as a boolean true and leaves out the GIN index SQLite cannot build", () => {
    const live: LiveTable = {
      name: 't',
      columns: [
        { name: 'id', type: 'integer', nullable: false, default: null },
        { name: 'label', type: 'text', nullable: false, default: "'none'" },
        { name: 'score', type: 'integer', nullable: true, default: '-1' },
        { name: 'active', type: 'integer', nullable: true, default: '1' },
        { name: 'doc', type: 'text', nullable: true, default: null },
      ],
      indexes: [{ name: 'idx_t_label', columns: ['label'], unique: true }],
    };
    expect(compareTable('t', table, live, 'sqlite')).toEqual([]);
    live.columns[3] = { name: 'active', type: 'integer', nullable: true, default: '0' };
    expect(compareTable('t', table, live, 'sqlite').map((c) => c.kind)).toEqual(['default_changed']);
  });

  it("spells MySQL's and MariaDB's column types as the renderer writes them", () => {
    expect(['int(11)', 'bigint(20)', 'tinyint(1)', 'varchar(40)', 'decimal(12,2)', 'DATETIME(6)', 'int unsigned'].map(mysqlType)).toEqual(['int', 'bigint', 'boolean', 'varchar(40)', 'decimal(12,2)', 'datetime(6)', 'int unsigned']);
    const live: LiveTable = {
      name: 't',
      columns: [
        { name: 'id', type: 'bigint', nullable: false, default: null },
        { name: 'label', type: 'varchar(40)', nullable: false, default: "'none'" },
        { name: 'score', type: 'int', nullable: true, default: '-1' },
        { name: 'active', type: 'boolean', nullable: true, default: '1' },
        // MariaDB's JSON is LONGTEXT.
        { name: 'doc', type: 'longtext', nullable: true, default: null },
      ],
      indexes: [{ name: 'idx_t_label', columns: ['label'], unique: true }],
    };
    expect(compareTable('t', table, live, 'mysql')).toEqual([]);
  });
});
