/**
 * Everything that holds data and must survive the code around it: the table, the event bus, and the user
 * pool (users and their workspace groups). Deployed rarely; every resource is retained on deletion.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { RegistryTable } from '../constructs/registry-table.js';
import { UserDirectory, type UserDirectoryProps } from '../constructs/user-directory.js';
import type { JwtIssuer } from '../constructs/registry-api.js';

export interface StatefulStackProps extends StackProps {
  /**
   * Physical table name.
   * @default - a unique name chosen by CloudFormation
   */
  readonly tableName?: string;
  /**
   * The Cognito user pool to create, or `false` when tokens come from an existing issuer.
   * @default {} (a pool without groups)
   */
  readonly userDirectory?: UserDirectoryProps | false;
}

export class StatefulStack extends Stack {
  readonly table: ITable;
  readonly eventBus: EventBus;
  /** The Cognito pool, when this stack created one. */
  readonly userDirectory?: UserDirectory;

  constructor(scope: Construct, id: string, props: StatefulStackProps = {}) {
    super(scope, id, props);
    this.table = new RegistryTable(this, 'Registry', { tableName: props.tableName }).table;
    // Registry events (schema published, request decided, ...) for subscribers outside the registry.
    this.eventBus = new EventBus(this, 'EventBus', { description: 'Schema registry events' });

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'DynamoDB table of the registry' });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName, description: 'EventBridge bus of registry events' });

    if (props.userDirectory !== false) {
      this.userDirectory = new UserDirectory(this, 'Users', props.userDirectory ?? {});
      new CfnOutput(this, 'UserPoolId', { value: this.userDirectory.userPool.userPoolId, description: 'Cognito user pool (users and {workspace}:{role} groups)' });
      new CfnOutput(this, 'UserPoolClientId', { value: this.userDirectory.client.userPoolClientId, description: 'App client for admin-initiate-auth and SRP sign-in' });
    }
  }

  /** The issuer the API must trust: the created pool's. Undefined when the pool was not created. */
  get jwtIssuer(): JwtIssuer | undefined {
    return this.userDirectory && { issuer: this.userDirectory.issuer, audience: this.userDirectory.audience };
  }
}
