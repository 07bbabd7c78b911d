/**
 * Aurora PostgreSQL or Aurora MySQL through the RDS Data API: HTTPS calls with the cluster and secret
 * ARNs, so the apply function needs no VPC and never sees the password. The session is the Data API's
 * transaction (BeginTransaction … CommitTransaction), which pins one database connection: on
 * PostgreSQL the advisory lock and SET LOCAL hold within it; on MySQL, whose DDL commits as it goes,
 * it is what keeps the named lock and the current database from one statement to the next.
 */
import {
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  RDSDataClient,
  RollbackTransactionCommand,
  type SqlParameter,
} from '@aws-sdk/client-rds-data';
import { SinkUnavailableError, scrubMessage } from '../errors.js';
import type { SinkDialect } from '../types.js';
import { placeholders, postgresPrologue, type SinkDriver, type SinkTransaction, type SqlValue } from './driver.js';
import { mysqlAlreadyInPlace, mysqlLockName, mysqlPrologue } from './mysql-session.js';

export interface DataApiTarget {
  cluster_arn: string;
  secret_arn: string;
  database: string;
}

export class DataApiDriver implements SinkDriver {
  readonly secrets: readonly string[];
  readonly transactionalDdl: boolean;

  constructor(
    private readonly client: Pick<RDSDataClient, 'send'>,
    private readonly target: DataApiTarget,
    readonly dialect: Extract<SinkDialect, 'postgres' | 'mysql'> = 'postgres',
  ) {
    this.secrets = [target.secret_arn];
    this.transactionalDdl = dialect === 'postgres';
  }

  alreadyInPlace(error: unknown): boolean {
    return this.dialect === 'mysql' && mysqlAlreadyInPlace(error);
  }

  async transaction<T>(namespace: string | undefined, work: (tx: SinkTransaction) => Promise<T>): Promise<T> {
    const ids = { resourceArn: this.target.cluster_arn, secretArn: this.target.secret_arn };
    let transactionId: string | undefined;
    try {
      ({ transactionId } = await this.client.send(new BeginTransactionCommand({ ...ids, database: this.target.database })));
    } catch (error) {
      throw new SinkUnavailableError(`cannot begin a transaction on the Aurora sink: ${scrubMessage(error, this.secrets)}`);
    }
    // MySQL's namespace is a database: named on every statement once it exists, in case the Data API
    // selects the given database per call rather than once per transaction.
    let database = this.target.database;
    const tx: SinkTransaction = {
      query: async <R>(sql: string, params: readonly SqlValue[] = []) => {
        const { formattedRecords } = await this.client.send(
          new ExecuteStatementCommand({
            ...ids,
            database,
            transactionId,
            sql: placeholders(sql, params, (n) => `:p${n}`),
            parameters: params.map(toParameter),
            formatRecordsAs: 'JSON',
          }),
        );
        return (formattedRecords ? JSON.parse(formattedRecords) : []) as R[];
      },
    };
    let release: (() => Promise<void>) | undefined;
    try {
      if (this.dialect === 'mysql') {
        release = await mysqlPrologue(tx, mysqlLockName(this.target.database, namespace), namespace);
        database = namespace ?? database;
      } else {
        await postgresPrologue(tx, namespace);
      }
      const result = await work(tx);
      await release?.();
      await this.client.send(new CommitTransactionCommand({ ...ids, transactionId }));
      return result;
    } catch (error) {
      // The pinned connection goes back to the Data API's pool: a session lock left on it would block
      // every later migration of the sink.
      await release?.().catch(() => {});
      await this.client.send(new RollbackTransactionCommand({ ...ids, transactionId })).catch(() => {});
      throw error;
    }
  }

  async close(): Promise<void> {}
}

function toParameter(value: SqlValue, i: number): SqlParameter {
  const name = `p${i + 1}`;
  if (value === null) return { name, value: { isNull: true } };
  if (typeof value === 'number') return Number.isInteger(value) ? { name, value: { longValue: value } } : { name, value: { doubleValue: value } };
  return { name, value: { stringValue: value } };
}
