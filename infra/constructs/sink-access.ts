/**
 * What a function that applies migrations may reach: exactly the secrets and Aurora clusters the
 * deployment's sink configuration grants (CDK context `sinks`), named to the code by SINK_GRANTS.
 */
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { sinkGrantsEnvironment } from '../../lib/config.js';
import { CLUSTER_ARN } from '../../lib/sinks/index.js';

/** Workspace id (or `*`) to the secret and cluster ARNs its sinks may name. */
export type SinkGrants = Readonly<Record<string, readonly string[]>>;

/** The Data API calls a migration makes (one transaction, statements in it). */
export const DATA_API_ACTIONS = ['rds-data:BeginTransaction', 'rds-data:ExecuteStatement', 'rds-data:CommitTransaction', 'rds-data:RollbackTransaction'] as const;

/** Grants `fn` the granted secrets and clusters, and tells it which workspace may use which. Nothing when `grants` is empty. */
export function grantSinkAccess(fn: LambdaFunction, grants: SinkGrants): void {
  const references = [...new Set(Object.values(grants).flat())].sort();
  if (references.length === 0) return;
  const clusters = references.filter((r) => CLUSTER_ARN.test(r));
  const secrets = references.filter((r) => !clusters.includes(r));
  // The Data API reads the cluster's secret with the caller's permissions, so both need the secret.
  if (secrets.length) fn.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: secrets }));
  if (clusters.length) fn.addToRolePolicy(new PolicyStatement({ actions: [...DATA_API_ACTIONS], resources: clusters }));
  for (const [name, value] of Object.entries(sinkGrantsEnvironment(grants))) fn.addEnvironment(name, value);
}
