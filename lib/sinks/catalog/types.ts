/**
 * A live database's tables as its catalog describes them, in one shape for every dialect. Types keep
 * the dialect's own spelling (lower case), so drift compares them with what that dialect's renderer
 * writes, never with a translation that could hide a difference.
 */
import type { SqlValue } from '../drivers/driver.js';

/** The driver's query function (`SinkTransaction.query`): the only thing a catalog reader needs. */
export type CatalogQuery = <R = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]) => Promise<R[]>;

export interface LiveColumn {
  name: string;
  /** As the catalog spells it, lower case: `varchar(255)`, `integer`, `timestamp with time zone` normalised per reader. */
  type: string;
  nullable: boolean;
  /** The default expression as the catalog keeps it; null when there is none. */
  default: string | null;
}

export interface LiveIndex {
  name: string;
  columns: string[];
  unique: boolean;
  /** The access method where the dialect has several (PostgreSQL: btree, gin). */
  method?: string;
}

export interface LiveTable {
  name: string;
  columns: LiveColumn[];
  /** Indexes made by CREATE INDEX, not the primary key's. */
  indexes: LiveIndex[];
}

/** Reads the named tables that exist (in the transaction's namespace); absent tables are left out. */
export type CatalogReader = (query: CatalogQuery, tables: readonly string[]) => Promise<Map<string, LiveTable>>;

/** `?, ?, ?` for an IN list of `n` values (never empty: callers return early on no tables). */
export function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** Groups index rows (one per column, in key order) into indexes per table. */
export function groupIndexes(rows: { table: string; index: string; column: string; unique: boolean; method?: string }[]): Map<string, LiveIndex[]> {
  const byTable = new Map<string, Map<string, LiveIndex>>();
  for (const r of rows) {
    const indexes = byTable.get(r.table) ?? new Map<string, LiveIndex>();
    byTable.set(r.table, indexes);
    const index = indexes.get(r.index) ?? { name: r.index, columns: [], unique: r.unique, ...(r.method ? { method: r.method } : {}) };
    indexes.set(r.index, index);
    index.columns.push(r.column);
  }
  return new Map([...byTable].map(([t, m]) => [t, [...m.values()]]));
}
