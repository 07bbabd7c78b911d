/**
 * The embedded sink: PostgreSQL compiled to WASM (PGlite), in process, persisted in a directory. One
 * instance per directory per process (PGlite cannot share a directory); it runs one transaction at a
 * time, so its own mutex already serialises appliers, and the advisory lock keeps the code path the
 * same as a real server's.
 */
import type { PGlite } from '@electric-sql/pglite';
import { placeholders, postgresPrologue, type SinkDriver, type SinkTransaction } from './driver.js';

export class PgliteDriver implements SinkDriver {
  readonly dialect = 'postgres' as const;
  readonly transactionalDdl = true;
  readonly secrets: readonly string[] = [];

  private constructor(private readonly db: PGlite) {}

  /** `dataDir`: a directory, or `memory://` for a throwaway database. */
  static async open(dataDir: string): Promise<PgliteDriver> {
    // Loaded on first use: Lambda bundles leave the WASM PostgreSQL out, and never run the embedded sink.
    const { PGlite: embedded } = await import('@electric-sql/pglite');
    return new PgliteDriver(await embedded.create(dataDir));
  }

  transaction<T>(namespace: string | undefined, work: (tx: SinkTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (raw) => {
      const tx: SinkTransaction = {
        query: async <R>(sql: string, params: readonly unknown[] = []) => (await raw.query<R>(placeholders(sql, params), [...params])).rows,
      };
      await postgresPrologue(tx, namespace);
      return work(tx);
    });
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
