/**
 * MySQL's and MariaDB's catalog, in the connection's database (`DATABASE()`): information_schema
 * COLUMNS and STATISTICS. Integer display widths (`int(11)`, MariaDB and MySQL 5.7) are dropped, and
 * `tinyint(1)`, which is what BOOLEAN becomes, reads back as `boolean`, so the types compare with what
 * the renderer writes. MariaDB's JSON is LONGTEXT with a json_valid check; drift treats the two alike.
 */
import { groupIndexes, marks, type CatalogReader, type LiveTable } from './types.js';

interface ColumnRow {
  TABLE_NAME: string;
  COLUMN_NAME: string;
  COLUMN_TYPE: string;
  IS_NULLABLE: string;
  COLUMN_DEFAULT: string | null;
}

export function mysqlType(columnType: string): string {
  const t = columnType.toLowerCase().trim();
  if (/^tinyint\(1\)/.test(t)) return 'boolean';
  return t.replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1');
}

export const readMysqlCatalog: CatalogReader = async (query, tables) => {
  const found = new Map<string, LiveTable>();
  if (tables.length === 0) return found;
  const columns = await query<ColumnRow>(
    `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS
     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (${marks(tables.length)}) ORDER BY TABLE_NAME, ORDINAL_POSITION`,
    tables,
  );
  const stats = await query<{ TABLE_NAME: string; INDEX_NAME: string; NON_UNIQUE: number | string; COLUMN_NAME: string }>(
    `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME <> 'PRIMARY' AND TABLE_NAME IN (${marks(tables.length)}) ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    tables,
  );
  const indexes = groupIndexes(stats.map((s) => ({ table: s.TABLE_NAME, index: s.INDEX_NAME, column: s.COLUMN_NAME, unique: Number(s.NON_UNIQUE) === 0 })));
  for (const c of columns) {
    const table = found.get(c.TABLE_NAME) ?? { name: c.TABLE_NAME, columns: [], indexes: indexes.get(c.TABLE_NAME) ?? [] };
    found.set(c.TABLE_NAME, table);
    // MariaDB writes the text NULL for "no default" on nullable columns.
    const dflt = c.COLUMN_DEFAULT === null || c.COLUMN_DEFAULT === 'NULL' ? null : c.COLUMN_DEFAULT;
    table.columns.push({ name: c.COLUMN_NAME, type: mysqlType(c.COLUMN_TYPE), nullable: c.IS_NULLABLE === 'YES', default: dflt });
  }
  return found;
};
