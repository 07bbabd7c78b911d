/**
 * Aurora PostgreSQL through the RDS Data API: HTTPS calls with the cluster and secret ARNs, so the
 * apply function needs no VPC and never sees the password. The transaction is the Data API's own
 * (BeginTransaction … CommitTransaction); the advisory lock and SET LOCAL hold within it.
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
import { placeholders, postgresPrologue, type SinkDriver, type SinkTransaction, type SqlValue } from './driver.js';

export interface DataApiTarget {
  cluster_arn: string;
  secret_arn: string;
  database: string;
}

export class DataApiDriver implements SinkDriver {
  readonly dialect = 'postgres' as const;
  readonly secrets: readonly string[];

  constructor(
    private readonly client: Pick<RDSDataClient, 'send'>,
    private readonly target: DataApiTarget,
  ) {
    this.secrets = [target.secret_arn];
  }

  async transaction<T>(namespace: string | undefined, work: (tx: SinkTransaction) => Promise<T>): Promise<T> {
    const ids = { resourceArn: this.target.cluster_arn, secretArn: this.target.secret_arn };
    let transactionId: string | undefined;
    try {
      ({ transactionId } = await this.client.send(new BeginTransactionCommand({ ...ids, database: this.target.database })));
    } catch (error) {
      throw new SinkUnavailableError(`cannot begin a transaction on the Aurora sink: ${scrubMessage(error, this.secrets)}`);
    }
    const tx: SinkTransaction = {
      query: async <R>(sql: string, params: readonly SqlValue[] = []) => {
        const { formattedRecords } = await this.client.send(
          new ExecuteStatementCommand({
            ...ids,
            database: this.target.database,
            transactionId,
            sql: placeholders(sql, params, (n) => `:p${n}`),
            parameters: params.map(toParameter),
            formatRecordsAs: 'JSON',
          }),
        );
        return (formattedRecords ? JSON.parse(formattedRecords) : []) as R[];
      },
    };
    try {
      await postgresPrologue(tx, namespace);
      const result = await work(tx);
      await this.client.send(new CommitTransactionCommand({ ...ids, transactionId }));
      return result;
    } catch (error) {
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
