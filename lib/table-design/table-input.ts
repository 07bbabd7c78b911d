/**
 * The DynamoDB table a design describes, as CreateTable and UpdateTimeToLive inputs. Codegen writes them
 * into lib/generated/ for the running code's own design; `npm run migrate-table` builds them at run time
 * for the design it migrates to, which the running code was not generated from.
 */
import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from '@aws-sdk/client-dynamodb';
import type { TableDesign } from './model.js';

export function createTableInputOf(design: TableDesign, tableName: string): CreateTableCommandInput {
  const indexes = [design.primary, ...Object.values(design.indexes)];
  return {
    TableName: tableName,
    BillingMode: design.table.billingMode,
    AttributeDefinitions: [...new Set(indexes.flatMap((ix) => [ix.partitionKey, ix.sortKey]))].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: design.primary.partitionKey, KeyType: 'HASH' },
      { AttributeName: design.primary.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: Object.values(design.indexes).map((ix) => ({
      IndexName: ix.name,
      KeySchema: [
        { AttributeName: ix.partitionKey, KeyType: 'HASH' },
        { AttributeName: ix.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: ix.projection, ...(ix.nonKeyAttributes ? { NonKeyAttributes: [...ix.nonKeyAttributes] } : {}) },
    })),
    ...(design.table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: design.table.stream as 'NEW_AND_OLD_IMAGES' } } : {}),
  };
}

/** The TTL setting, applied after the table exists (DynamoDB has no TTL in CreateTable), or undefined. */
export function timeToLiveInputOf(design: TableDesign, tableName: string): UpdateTimeToLiveCommandInput | undefined {
  const attribute = design.table.ttlAttribute;
  return attribute ? { TableName: tableName, TimeToLiveSpecification: { Enabled: true, AttributeName: attribute } } : undefined;
}
