/** Synthesizes the registry app as `cdk synth` does (bundling and cdk-nag included) for the infra tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { TABLE_ITEM_ACTIONS, type TableAccess } from '../../infra/constructs/table-access.js';
import type { WorkerSpec } from '../../infra/constructs/worker.js';
import { INDEXES } from '../../lib/generated/table.js';
import { addRegistry, type Registry } from '../../infra/registry.js';
import { readSettings } from '../../infra/settings.js';

export const ENV = { account: '123456789012', region: 'eu-west-1' };

export interface SynthesizedRegistry extends Registry {
  app: App;
  assembly: CloudAssembly;
  dataTemplate: Template;
  apiTemplate: Template;
}

/**
 * Builds and synthesizes the app with the given context (and `extend` applied before synth); throws as
 * `cdk synth` fails on any cdk-nag finding.
 */
export function synthRegistry(
  context: Record<string, unknown> = {},
  workers?: readonly WorkerSpec[],
  extend?: (registry: Registry) => void,
): SynthesizedRegistry {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'registry-synth-')),
    context,
    // The CloudFormation schema check costs seconds to start per process; `npm run synth` (in npm test)
    // runs it on the real app.
    builtinCloudFormationValidation: false,
  });
  const registry = addRegistry(app, { settings: readSettings((key) => context[key]), env: ENV, workers });
  extend?.(registry);
  const assembly = app.synth();
  return { ...registry, app, assembly, dataTemplate: Template.fromStack(registry.data), apiTemplate: Template.fromStack(registry.api) };
}

/** The logical id of a construct's CloudFormation resource, e.g. to follow a Ref. */
export function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as Parameters<Stack['getLogicalId']>[0]);
}

export type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Every IAM statement of a template: in AWS::IAM::Policy resources and in roles' inline policies. */
export function iamStatements(template: Template): Statement[] {
  const statements: Statement[] = [];
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) statements.push(...policy.Properties.PolicyDocument.Statement);
  for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
    for (const inline of role.Properties.Policies ?? []) statements.push(...inline.PolicyDocument.Statement);
  }
  return statements;
}

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOf = (s: Statement): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** The DynamoDB table statements (not stream ones) of a role's policies, actions sorted. */
export function tableStatements(template: Template, role: IRole): Statement[] {
  const roleId = logicalId(Stack.of(role), role);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => p.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
    .filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:') && !STREAM_ACTION.test(a)))
    .map((s) => ({ ...s, Action: Array.isArray(s.Action) ? [...s.Action].sort() : s.Action }));
}

const STREAM_ACTION = /^dynamodb:(DescribeStream|GetRecords|GetShardIterator|ListStreams)$/;

/** What grantTableAccess must produce for `level`, in template form, the table coming from the data stack's exports. */
export function expectedTableStatements(level: TableAccess, tableLogicalId: string): Statement[] {
  const tableArn = { 'Fn::ImportValue': expect.stringContaining(`GetAtt${tableLogicalId}Arn`) };
  const indexes = Object.keys(INDEXES).filter((n) => n !== 'primary');
  const items = [...TABLE_ITEM_ACTIONS[level]].sort();
  if (level === 'none') return [];
  return [
    { Action: 'dynamodb:DescribeTable', Effect: 'Allow', Resource: tableArn },
    ...(items.length === 0
      ? []
      : [{ Action: items.length === 1 ? items[0]! : items, Effect: 'Allow', Resource: [tableArn, ...indexes.map((n) => ({ 'Fn::Join': ['', [tableArn, `/index/${n}`]] }))] }]),
  ];
}
