/**
 * What each access level of `ROUTE_GROUPS` (and of a worker) may do to the registry table, granted on the
 * table and on its indexes by name: no `dynamodb:*`, no `Resource: *`, no `index/*` wildcard.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { INDEXES } from '../../lib/generated/table.js';

/** `none`: no table access at all; `describe`: DescribeTable only; then reads; then reads and writes. */
export type TableAccess = 'none' | 'describe' | 'read' | 'read-write' | 'read-write-delete';

const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

/**
 * Item actions per level. `read-write` leaves out DeleteItem and BatchWriteItem on purpose: only payloads
 * are ever deleted (versions are immutable, expiry goes through TTL, which needs no permission), so only
 * the payloads group gets DeleteItem (`read-write-delete`; its deletes are transactions), and a
 * BatchWriteItem grant would allow deletes through its DeleteRequest. TransactWriteItems and
 * TransactGetItems have no IAM action of their own: they need the item actions below.
 */
export const TABLE_ITEM_ACTIONS: Record<TableAccess, readonly string[]> = {
  none: [],
  describe: [],
  read: READ,
  'read-write': [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  'read-write-delete': [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem'],
};

/** Reading the table's stream (for a stream worker's event source mapping). */
export const STREAM_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'] as const;

/** ARNs of the table's global secondary indexes, one per index of schema.yaml. */
export function indexArns(table: ITable): string[] {
  return Object.keys(INDEXES)
    .filter((name) => name !== 'primary')
    .map((name) => `${table.tableArn}/index/${name}`);
}

/** Grants `level` on `table` to `grantee`: DescribeTable on the table, item actions on the table and its indexes. */
export function grantTableAccess(grantee: IGrantable, table: ITable, level: TableAccess): void {
  if (level === 'none') return;
  const statements = [new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] })];
  const items = TABLE_ITEM_ACTIONS[level];
  if (items.length > 0) statements.push(new PolicyStatement({ actions: [...items], resources: [table.tableArn, ...indexArns(table)] }));
  for (const statement of statements) grantee.grantPrincipal.addToPrincipalPolicy(statement);
}

/** Grants reading `table`'s stream, scoped to the stream's own ARN (the CDK's DynamoEventSource grants ListStreams on `*`). */
export function grantStreamRead(grantee: IGrantable, table: ITable): void {
  if (!table.tableStreamArn) {
    throw new Error(`table ${table.node.path} has no stream; enable one (NEW_AND_OLD_IMAGES) before wiring a stream worker`);
  }
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: [...STREAM_ACTIONS], resources: [table.tableStreamArn] }));
}
