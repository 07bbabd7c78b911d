/** Catalog readers per dialect: what a live sink database has, for drift. */
import type { Dialect } from '../../sql/index.js';
import { readMysqlCatalog } from './mysql.js';
import { readPostgresCatalog } from './postgres.js';
import { readSqliteCatalog } from './sqlite.js';
import type { CatalogReader } from './types.js';

export const CATALOG_READERS: Record<Dialect, CatalogReader> = { postgres: readPostgresCatalog, sqlite: readSqliteCatalog, mysql: readMysqlCatalog };
export type { CatalogQuery, CatalogReader, LiveColumn, LiveIndex, LiveTable } from './types.js';
