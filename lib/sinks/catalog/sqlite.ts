/**
 * SQLite's catalog: sqlite_master names the tables, `pragma_table_info` their columns (type as
 * declared, `notnull`, `dflt_value` as written) and `pragma_index_list`/`pragma_index_info` the
 * indexes (origin `c`: made by CREATE INDEX; the primary key's and UNIQUE constraints' are left out).
 */
import { groupIndexes, marks, type CatalogReader, type LiveTable } from './types.js';

export const readSqliteCatalog: CatalogReader = async (query, tables) => {
  const found = new Map<string, LiveTable>();
  if (tables.length === 0) return found;
  const names = await query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${marks(tables.length)})`, tables);
  for (const { name } of names) {
    const columns = await query<{ name: string; type: string; notnull: number; dflt_value: string | null }>('SELECT name, type, "notnull", dflt_value FROM pragma_table_info(?) ORDER BY cid', [name]);
    const list = await query<{ name: string; unique: number; origin: string }>('SELECT name, "unique", origin FROM pragma_index_list(?)', [name]);
    const rows = [];
    for (const index of list.filter((i) => i.origin === 'c')) {
      const parts = await query<{ name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno', [index.name]);
      rows.push(...parts.map((p) => ({ table: name, index: index.name, column: p.name, unique: Number(index.unique) === 1 })));
    }
    found.set(name, {
      name,
      columns: columns.map((c) => ({ name: c.name, type: c.type.toLowerCase(), nullable: Number(c.notnull) === 0, default: c.dflt_value })),
      indexes: groupIndexes(rows).get(name) ?? [],
    });
  }
  return found;
};
