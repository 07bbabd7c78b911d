/** The slice of sql.js (which ships no types) the tests use. */
declare module 'sql.js' {
  export interface QueryExecResult {
    columns: string[];
    values: (string | number | Uint8Array | null)[][];
  }
  export interface Database {
    exec(sql: string, params?: (string | number | null)[]): QueryExecResult[];
    close(): void;
  }
  export interface SqlJsStatic {
    Database: new () => Database;
  }
  export default function initSqlJs(config?: Record<string, unknown>): Promise<SqlJsStatic>;
}
