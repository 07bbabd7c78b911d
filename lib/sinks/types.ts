/**
 * Sinks: the relational databases a workspace's tables live in, and the migrations the registry runs
 * on them. A sink names its connection by reference only (an environment variable, a secret, a
 * cluster), so no credential is ever part of a sink's settings.
 */
import type { MigrationPlan } from '../sql/index.js';

/** The dialects a sink can have; `mysql` covers MySQL, MariaDB and Aurora MySQL. */
export type SinkDialect = 'postgres' | 'sqlite' | 'mysql';
export const SINK_DIALECTS: readonly SinkDialect[] = ['postgres', 'sqlite', 'mysql'];

/** Where the connection comes from. Never the connection itself. */
export type SinkConnection =
  /** An environment variable of the registry's process holding a URL (`postgres://…`, `mysql://…`, `sqlite:/path`). */
  | { kind: 'env'; variable: string }
  /** A Secrets Manager secret holding a URL, or RDS's JSON secret (`host`, `port`, `username`, …). */
  | { kind: 'secret'; secret_arn: string }
  /** Aurora PostgreSQL or Aurora MySQL through the RDS Data API: no VPC, no driver, the secret stays in AWS. */
  | { kind: 'data_api'; cluster_arn: string; secret_arn: string; database: string }
  /** The registry's own embedded PostgreSQL (PGlite), in a directory the deployment chooses. */
  | { kind: 'embedded' };

export interface Sink {
  /** The sink's name in its workspace, e.g. `default`. */
  name: string;
  dialect: SinkDialect;
  connection: SinkConnection;
  /**
   * Where the workspace's tables and tracking table live: a PostgreSQL schema, or a MySQL database
   * (created when missing); absent: the search_path default, or the database of the connection.
   */
  namespace?: string;
}

/** One migration the registry asks a sink to apply: a plan, never SQL, so only generated SQL can run. */
export interface Migration {
  /** Stable id, unique per sink, e.g. the schema request's id. */
  id: string;
  request_id: string;
  schema_name: string;
  schema_version: number;
  plan: MigrationPlan;
  /** Migrations (ids) that must be applied on the sink first: the registry's approval order. */
  depends_on?: string[];
  /** Tables this migration's table points at (foreign keys): their rollback must wait for this one's. */
  references?: string[];
}

export type MigrationStatus = 'applied' | 'rolled_back' | 'failed';

/** One row of `schema_registry_migrations`, as stored in the sink. */
export interface TrackingRow {
  migration_id: string;
  request_id: string;
  schema_name: string;
  schema_version: number;
  table_name: string;
  referenced_tables: string[];
  status: MigrationStatus;
  /** sha256 of the up statements as run. */
  checksum: string;
  down_checksum: string;
  /** Position among successful applies on this sink; null until first applied. */
  applied_sequence: number | null;
  applied_at: string | null;
  applied_by: string | null;
  duration_ms: number | null;
  rolled_back_at: string | null;
  rolled_back_by: string | null;
  rollback_duration_ms: number | null;
  /** The last failure (apply or rollback), scrubbed of connection details. */
  failed_at: string | null;
  error: string | null;
  failed_statement: string | null;
  attempts: number;
}

/** What an apply or rollback did. */
export interface MigrationOutcome {
  migration_id: string;
  /** `unchanged`: it was already in the requested state with the same checksum; nothing ran. */
  outcome: 'applied' | 'rolled_back' | 'unchanged';
  sink: string;
  dialect: SinkDialect;
  namespace?: string;
  /** The statements executed, in order (empty when unchanged). */
  statements: string[];
  checksum: string;
  duration_ms: number;
  row: TrackingRow;
}
