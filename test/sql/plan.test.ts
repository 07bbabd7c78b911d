import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/errors.js';
import { parseTableDefinition, planMigration, type MigrationStep, type TableDefinition } from '../../lib/sql/index.js';
import { caricaturesV1, caricaturesV2 } from './fixtures.js';

const v1 = parseTableDefinition(caricaturesV1, 'caricatures');
const v2 = parseTableDefinition(caricaturesV2, 'caricatures');

/** A short label per step: op and the column or index it touches. */
const label = (step: MigrationStep) =>
  `${step.op} ${'column' in step ? step.column.name : 'index' in step ? step.index.name : ''}`.trim();

const oneColumn = (column: Record<string, unknown>): TableDefinition =>
  parseTableDefinition({ columns: [{ name: 'id', type: 'uuid', primary_key: true }, { name: 'value', ...column }] }, 'things');

describe('planMigration', () => {
  it('creates the table and then its indexes when there is no previous version', () => {
    const plan = planMigration('caricatures', null, v1);
    expect(plan).toMatchObject({ table: 'caricatures', kind: 'create', previous: null, next: v1, reversible: true });
    expect(plan.steps.map((s) => label(s.step))).toEqual(['create_table', 'create_index idx_caricatures_user_id', 'create_index idx_caricatures_created_at']);
    expect(plan.steps.map((s) => label(s.reverse))).toEqual(['drop_table', 'drop_index idx_caricatures_user_id', 'drop_index idx_caricatures_created_at']);
    expect(plan.steps[0]?.step).toEqual({ op: 'create_table', columns: v1.columns });
  });

  it('alters in a safe order: old indexes, dropped columns, added columns, changed columns, new indexes', () => {
    const plan = planMigration('caricatures', v1, v2);
    expect(plan.kind).toBe('alter');
    expect(plan.steps.map((s) => [label(s.step), label(s.reverse), s.data_loss])).toEqual([
      ['drop_index idx_caricatures_created_at', 'create_index idx_caricatures_created_at', false],
      ['drop_column description', 'add_column description', true],
      ['add_column metadata', 'drop_column metadata', false],
      ['add_column updated_at', 'drop_column updated_at', false],
      ['alter_column_type username', 'alter_column_type username', true],
      ['set_default username', 'drop_default username', false],
      ['set_not_null username', 'drop_not_null username', false],
      ['create_index idx_caricatures_metadata', 'drop_index idx_caricatures_metadata', false],
      ['create_index uq_caricatures_user_image', 'drop_index uq_caricatures_user_image', false],
    ]);
    expect(plan.reversible).toBe(false);
  });

  it('carries the column as it is after each step, and as it was before in each reverse', () => {
    const steps = planMigration('caricatures', v1, v2).steps.filter((s) => label(s.step).endsWith('username'));
    expect(steps.map(({ step }) => step)).toEqual([
      { op: 'alter_column_type', from: 'text', column: { name: 'username', type: 'varchar(64)', primary_key: false, nullable: true } },
      { op: 'set_default', column: { name: 'username', type: 'varchar(64)', primary_key: false, nullable: true, default: { kind: 'string', value: 'anonymous' } } },
      { op: 'set_not_null', column: { name: 'username', type: 'varchar(64)', primary_key: false, nullable: false, default: { kind: 'string', value: 'anonymous' } } },
    ]);
    expect(steps[0]?.reverse).toEqual({ op: 'alter_column_type', from: 'varchar(64)', column: { name: 'username', type: 'text', primary_key: false, nullable: true } });
  });

  it('drops a changing default before a type change and sets the new one after', () => {
    const plan = planMigration('things', oneColumn({ type: 'varchar(10)', default: "'a'" }), oneColumn({ type: 'text', default: "'b'" }));
    expect(plan.steps.map((s) => label(s.step))).toEqual(['drop_default value', 'alter_column_type value', 'set_default value']);
    expect(plan.steps.map((s) => s.reverse)).toEqual([
      { op: 'set_default', column: expect.objectContaining({ type: 'varchar(10)', default: { kind: 'string', value: 'a' } }) },
      { op: 'alter_column_type', from: 'text', column: expect.objectContaining({ type: 'varchar(10)' }) },
      { op: 'drop_default', column: expect.objectContaining({ type: 'text' }) },
    ]);
    expect(plan.reversible).toBe(true);
  });

  it('sets an unchanged default again after a type change instead of letting the engine cast it', () => {
    const plan = planMigration('things', oneColumn({ type: 'timestamptz', default: 'now()' }), oneColumn({ type: 'date', default: 'now()' }));
    expect(plan.steps.map((s) => label(s.step))).toEqual(['drop_default value', 'alter_column_type value', 'set_default value']);
    expect(planMigration('things', oneColumn({ type: 'integer' }), oneColumn({ type: 'bigint' })).steps.map((s) => label(s.step))).toEqual(['alter_column_type value']);
  });

  it.each([
    ['varchar(10)', 'varchar(20)', false],
    ['varchar(20)', 'varchar(10)', true],
    ['integer', 'bigint', false],
    ['bigint', 'integer', true],
    ['real', 'double precision', false],
    ['double precision', 'real', true],
    ['numeric(5,2)', 'numeric(7,3)', false],
    ['numeric(5,2)', 'numeric(5,3)', true],
    ['integer', 'numeric(10,0)', false],
    ['bigint', 'numeric(12,0)', true],
    ['jsonb', 'text', false],
    ['uuid', 'varchar(36)', false],
    ['text', 'jsonb', true],
    ['timestamptz', 'timestamp', true],
  ])('marks a change from %s to %s as data_loss=%s', (from, to, loss) => {
    const plan = planMigration('things', oneColumn({ type: from }), oneColumn({ type: to }));
    expect(plan.steps.map((s) => [s.step.op, s.data_loss])).toEqual([['alter_column_type', loss]]);
    expect(plan.reversible).toBe(!loss);
  });

  it('plans nothing when only descriptions change', () => {
    const plan = planMigration('things', oneColumn({ type: 'text' }), oneColumn({ type: 'text', description: 'now documented' }));
    expect(plan.steps).toEqual([]);
    expect(plan.reversible).toBe(true);
  });

  it('replaces an index whose definition changes under the same name', () => {
    const before = parseTableDefinition({ columns: [{ name: 'a', type: 'text' }, { name: 'b', type: 'text' }], indexes: [{ name: 'ix', columns: ['a'] }] }, 't');
    const after = parseTableDefinition({ columns: [{ name: 'a', type: 'text' }, { name: 'b', type: 'text' }], indexes: [{ name: 'ix', columns: ['a', 'b'], type: 'unique' }] }, 't');
    expect(planMigration('t', before, after).steps.map((s) => label(s.step))).toEqual(['drop_index ix', 'create_index ix']);
  });

  it('refuses to change the primary key', () => {
    const other = parseTableDefinition({ columns: [{ name: 'id', type: 'uuid' }, { name: 'value', type: 'text', primary_key: true }] }, 'things');
    const change = () => planMigration('things', oneColumn({ type: 'text' }), other);
    expect(change).toThrow(ValidationError);
    expect(change).toThrow('the primary key changes from (id) to (value)');
  });

  it('refuses a type change to or from serial', () => {
    const serial = parseTableDefinition({ columns: [{ name: 'id', type: 'serial', primary_key: true }] }, 'things');
    const bigserial = parseTableDefinition({ columns: [{ name: 'id', type: 'bigserial', primary_key: true }] }, 'things');
    expect(() => planMigration('things', serial, bigserial)).toThrow(/serial types own a sequence/);
  });

  it('refuses a table name that is not an identifier', () => {
    expect(() => planMigration('things; DROP TABLE users', null, v1)).toThrow(ValidationError);
  });
});
