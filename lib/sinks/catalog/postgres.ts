/**
 * PostgreSQL's catalog, in the transaction's namespace (`current_schema()`, which the driver's
 * prologue sets): information_schema.columns for columns, pg_index for the indexes (information_schema
 * has none), the primary key's left out. Types are spelled back in the registry's vocabulary
 * (`varchar(255)`, `timestamptz`, `numeric(12,2)`), which is PostgreSQL's own short form.
 */
import { groupIndexes, marks, type CatalogReader, type LiveTable } from './types.js';

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  character_maximum_length: number | string | null;
  numeric_precision: number | string | null;
  numeric_scale: number | string | null;
  is_nullable: string;
  column_default: string | null;
}

const SHORT: Record<string, string> = {
  'timestamp with time zone': 'timestamptz',
  'timestamp without time zone': 'timestamp',
};

function typeOf(c: ColumnRow): string {
  if (c.data_type === 'character varying') return c.character_maximum_length === null ? 'varchar' : `varchar(${c.character_maximum_length})`;
  if (c.data_type === 'numeric') return c.numeric_precision === null ? 'numeric' : `numeric(${c.numeric_precision},${c.numeric_scale ?? 0})`;
  if (c.data_type === 'USER-DEFINED' || c.data_type === 'ARRAY') return c.udt_name;
  return SHORT[c.data_type] ?? c.data_type;
}

export const readPostgresCatalog: CatalogReader = async (query, tables) => {
  const found = new Map<string, LiveTable>();
  if (tables.length === 0) return found;
  const columns = await query<ColumnRow>(
    `SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale, is_nullable, column_default
     FROM information_schema.columns WHERE table_schema = current_schema() AND table_name IN (${marks(tables.length)}) ORDER BY table_name, ordinal_position`,
    tables,
  );
  const indexRows = await query<{ table_name: string; index_name: string; is_unique: boolean; method: string; column_name: string }>(
    `SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS is_unique, am.amname AS method, a.attname AS column_name
     FROM pg_index ix
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_class i ON i.oid = ix.indexrelid
     JOIN pg_am am ON am.oid = i.relam
     JOIN pg_namespace n ON n.oid = t.relnamespace
     CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     WHERE n.nspname = current_schema() AND NOT ix.indisprimary AND t.relname IN (${marks(tables.length)})
     ORDER BY t.relname, i.relname, k.ord`,
    tables,
  );
  const indexes = groupIndexes(indexRows.map((r) => ({ table: r.table_name, index: r.index_name, column: r.column_name, unique: r.is_unique === true || String(r.is_unique) === 't', method: r.method })));
  for (const c of columns) {
    const table = found.get(c.table_name) ?? { name: c.table_name, columns: [], indexes: indexes.get(c.table_name) ?? [] };
    found.set(c.table_name, table);
    table.columns.push({ name: c.column_name, type: typeOf(c), nullable: c.is_nullable === 'YES', default: c.column_default });
  }
  return found;
};
