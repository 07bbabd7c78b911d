import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { DESIGN_RECHECK_MS, DesignGuard } from '../../lib/dynamo/design-guard.js';
import { ensureDesignRecord, majorVersion, readDesignRecord } from '../../lib/dynamo/design-record.js';
import { TableDesignMismatchError, TableMigratingError } from '../../lib/errors.js';
import { observeCalls } from '../../lib/dynamo/client.js';
import { ensureTable } from '../../lib/dynamo/table-admin.js';
import { Table } from '../../lib/dynamo/table.js';
import { loadEntities } from '../../lib/compose/entities.js';
import { registryMetaKeys } from '../../lib/generated/records/registry_meta.js';
import { TABLE_DESIGN } from '../../lib/generated/table.js';
import { useTestTable } from '../support/dynamo.js';

const t = useTestTable();
const major = majorVersion(TABLE_DESIGN.version);
let table: Table;
beforeAll(() => {
  table = new Table({ dynamo: t.dynamo, tableName: t.tableName, now: () => new Date(), newId: monotonicFactory() }, loadEntities);
});
const target = () => ({ table, writer: 'system:test' });

/** Overwrites the table's design record, as another deployment (or a migration) would have written it. */
async function recordDesign(version: string, migration: { state?: 'active' | 'migrating' | 'migrated'; migration_to_version?: string; migration_table?: string } = {}): Promise<void> {
  await (await table.entities()).registry_meta.put({ schema_yaml_version: version, schema_yaml_hash: 'f'.repeat(64), recorded_by: 'system:test', ...migration }).go();
}

async function deleteDesignRecord(): Promise<void> {
  await t.dynamo.doc.send(new DeleteCommand({ TableName: t.tableName, Key: registryMetaKeys.all({}) }));
}

describe('the design record', () => {
  it('is written by ensureTable with the version and hash of schema.yaml', async () => {
    expect(await readDesignRecord(target())).toEqual({ version: TABLE_DESIGN.version, hash: TABLE_DESIGN.hash, state: 'active' });
    const again = await ensureTable(t.dynamo.raw, t.tableName);
    expect(again.design).toMatchObject({ action: 'matched', recorded: { version: TABLE_DESIGN.version } });
  });

  it('accepts a table recorded with another minor version of the same major', async () => {
    await recordDesign(`${major}.99.3`);
    const check = await ensureDesignRecord(target());
    expect(check).toMatchObject({ action: 'matched', recorded: { version: `${major}.99.3` }, current: { version: TABLE_DESIGN.version } });
    await expect(new DesignGuard(table).ready()).resolves.toMatchObject({ action: 'matched' });
  });

  it('refuses a table recorded with another major version, naming both versions and what to do', async () => {
    await recordDesign(`${major + 1}.0.0`);
    const refusal = ensureDesignRecord(target());
    await expect(refusal).rejects.toBeInstanceOf(TableDesignMismatchError);
    await expect(refusal).rejects.toThrow(`records schema.yaml ${major + 1}.0.0 (major ${major + 1}), but this code follows schema.yaml ${TABLE_DESIGN.version} (major ${major})`);
    await expect(refusal).rejects.toThrow(/Migrate the table's data .* or point TABLE_NAME at another table/);
    await expect(ensureTable(t.dynamo.raw, t.tableName)).rejects.toBeInstanceOf(TableDesignMismatchError);
  });

  it('is written by the guard when the table has none', async () => {
    await deleteDesignRecord();
    const check = await new DesignGuard(table).ready();
    expect(check.action).toBe('recorded');
    const { data } = await (await table.entities()).registry_meta.get({}).go();
    expect(data).toMatchObject({ schema_yaml_version: TABLE_DESIGN.version, schema_yaml_hash: TABLE_DESIGN.hash, recorded_by: 'system:design-guard' });
  });

  it('is written once when two writers find none at the same moment', async () => {
    await deleteDesignRecord();
    const checks = await Promise.all([ensureDesignRecord(target()), ensureDesignRecord(target())]);
    expect(checks.map((c) => c.action).sort()).toEqual(['matched', 'recorded']);
    expect(checks.map((c) => c.recorded.version)).toEqual([TABLE_DESIGN.version, TABLE_DESIGN.version]);
  });

  it('is checked once per guard, and checked again after a refusal', async () => {
    const calls: string[] = [];
    const stop = observeCalls(t.dynamo, 'countDesignCalls', (next, context) => async (args) => {
      calls.push(context.commandName ?? '?');
      return next(args);
    });
    try {
      await recordDesign(`${major + 1}.0.0`);
      const guard = new DesignGuard(table);
      await expect(guard.ready()).rejects.toBeInstanceOf(TableDesignMismatchError);
      await recordDesign(TABLE_DESIGN.version);
      calls.length = 0;
      await guard.ready();
      await guard.ready();
      expect(calls).toEqual(['GetItemCommand']);
    } finally {
      stop();
    }
  });

  it('refuses writers while a migration holds the table, and lets them write again once it is over', async () => {
    let now = 1_000_000;
    const guard = new DesignGuard(table, () => now);
    await recordDesign(TABLE_DESIGN.version);
    await expect(guard.ready()).resolves.toMatchObject({ recorded: { state: 'active' } });
    await recordDesign(TABLE_DESIGN.version, { state: 'migrating', migration_to_version: `${major + 1}.0.0` });
    // Within DESIGN_RECHECK_MS the guard answers from its last check: the migration waits longer than that.
    now += DESIGN_RECHECK_MS - 1;
    await expect(guard.ready()).resolves.toMatchObject({ recorded: { state: 'active' } });
    now += 1;
    const refusal = guard.ready();
    await expect(refusal).rejects.toBeInstanceOf(TableMigratingError);
    await expect(refusal).rejects.toThrow(`is being migrated from schema.yaml ${TABLE_DESIGN.version} to ${major + 1}.0.0, so no writer may write it`);
    await recordDesign(TABLE_DESIGN.version, { state: 'migrated', migration_to_version: `${major + 1}.0.0`, migration_table: 'next-table' });
    await expect(guard.ready()).rejects.toThrow(`was migrated to schema.yaml ${major + 1}.0.0 (the other table: "next-table")`);
    await recordDesign(TABLE_DESIGN.version, { state: 'active' });
    await expect(guard.ready()).resolves.toMatchObject({ action: 'matched' });
  });

  it('reads major versions of semantic versions only', () => {
    expect(majorVersion('12.3.4')).toBe(12);
    expect(() => majorVersion('1.2')).toThrow('"1.2" is not a semantic version');
  });
});
