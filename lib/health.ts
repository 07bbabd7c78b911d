/** Reports whether the registry's table is reachable, and which table design the code was built from. */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ServiceUnavailableError } from './errors.js';
import { TABLE_DESIGN } from './generated/table.js';

export interface HealthReport {
  status: 'ok';
  table: { name: string; status: string };
  schema_yaml: { version: string; hash: string };
  /** Locally: the DynamoDB Local endpoint, for other programs reading the same table. */
  dynamodb_endpoint?: string;
}

export class HealthService {
  constructor(private readonly deps: { dynamo: DynamoDBClient; tableName: string; endpoint?: string | undefined }) {}

  async check(): Promise<HealthReport> {
    let status: string | undefined;
    try {
      const out = await this.deps.dynamo.send(new DescribeTableCommand({ TableName: this.deps.tableName }));
      status = out.Table?.TableStatus;
    } catch (e) {
      throw new ServiceUnavailableError(`table ${this.deps.tableName} is not reachable: ${(e as Error).name}`, { cause: e });
    }
    if (status !== 'ACTIVE') throw new ServiceUnavailableError(`table ${this.deps.tableName} is ${status ?? 'unknown'}, not ACTIVE`);
    return {
      status: 'ok',
      table: { name: this.deps.tableName, status },
      schema_yaml: { version: TABLE_DESIGN.version, hash: TABLE_DESIGN.hash },
      ...(this.deps.endpoint ? { dynamodb_endpoint: this.deps.endpoint } : {}),
    };
  }
}
