/**
 * The registry's one DynamoDB table, built from the CreateTable input generated from schema.yaml, so the
 * deployed table and the local one (lib/dynamo/table-admin.ts) cannot drift apart.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
  type Attribute,
} from 'aws-cdk-lib/aws-dynamodb';
import type { CreateTableCommandInput, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { Construct } from 'constructs';
import { createTableInput, TABLE_DESIGN } from '../../lib/generated/table.js';

export interface RegistryTableProps {
  /**
   * Physical table name. A fixed name stops CloudFormation from ever replacing the table (it cannot create
   * the new one under a name still in use) and clashes with a retained table of an earlier deployment.
   * @default - a unique name chosen by CloudFormation, e.g. SchemaRegistry-Data-TableCD117FA1-1A2B3C
   */
  readonly tableName?: string;
}

export class RegistryTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: RegistryTableProps = {}) {
    super(scope, id);
    const design = createTableInput(TABLE_DESIGN.tableName);
    if (design.BillingMode !== 'PAY_PER_REQUEST') {
      throw new Error(`table design has BillingMode ${design.BillingMode}; the stack deploys on-demand tables only: set billing_mode: PAY_PER_REQUEST in schema.yaml`);
    }
    const streamView = design.StreamSpecification?.StreamViewType;
    const attribute = (keys: KeySchemaElement[] | undefined, type: 'HASH' | 'RANGE') => keyAttribute(design, keys, type);

    this.table = new Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: attribute(design.KeySchema, 'HASH')!,
      sortKey: attribute(design.KeySchema, 'RANGE'),
      billingMode: BillingMode.PAY_PER_REQUEST,
      // Items hold users' data; a stack deletion or a mistaken replacement must never take them.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // AWS-managed key (aws/dynamodb): key use shows in CloudTrail, no key to administer or grant to
      // every function and stream consumer, no monthly key charge. See docs/deploy.md to switch to a
      // customer key.
      encryption: TableEncryption.AWS_MANAGED,
      ...(streamView ? { stream: streamView as StreamViewType } : {}),
      timeToLiveAttribute: TABLE_DESIGN.ttlAttribute,
    });

    for (const index of design.GlobalSecondaryIndexes ?? []) {
      const projection = index.Projection?.ProjectionType ?? 'ALL';
      this.table.addGlobalSecondaryIndex({
        indexName: index.IndexName!,
        partitionKey: attribute(index.KeySchema, 'HASH')!,
        sortKey: attribute(index.KeySchema, 'RANGE'),
        projectionType: projection as ProjectionType,
        ...(projection === 'INCLUDE' ? { nonKeyAttributes: index.Projection?.NonKeyAttributes ?? [] } : {}),
      });
    }
  }
}

const ATTRIBUTE_TYPES: Record<string, AttributeType> = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY };

function keyAttribute(design: CreateTableCommandInput, keys: KeySchemaElement[] | undefined, type: 'HASH' | 'RANGE'): Attribute | undefined {
  const name = keys?.find((k) => k.KeyType === type)?.AttributeName;
  if (name === undefined) {
    if (type === 'HASH') throw new Error(`table design has a key schema without a HASH key: ${JSON.stringify(keys)}`);
    return undefined;
  }
  const declared = design.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
  const attributeType = declared && ATTRIBUTE_TYPES[declared];
  if (!attributeType) throw new Error(`key attribute ${name} has no AttributeDefinitions entry of type S, N or B in the table design`);
  return { name, type: attributeType };
}
