import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { FilterCriteria, FilterRule } from 'aws-cdk-lib/aws-lambda';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { STREAM_ACTIONS } from '../../infra/constructs/table-access.js';
import type { WorkerSpec } from '../../infra/constructs/worker.js';
import { actionsOf, expectedTableStatements, iamStatements, logicalId, resourcesOf, synthRegistry, tableStatements, type SynthesizedRegistry } from './synth.js';

const worker: WorkerSpec = {
  id: 'Fixture',
  entry: 'test/infra/fixtures/worker.ts',
  access: 'read-write',
  schedule: ScheduleExpression.rate(Duration.minutes(5)),
  stream: { filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT') })] },
  publishesEvents: true,
};

let r: SynthesizedRegistry;
beforeAll(() => {
  r = synthRegistry(
    {
      // Wiring only: registry.test.ts and `npm run synth` bundle every function for real.
      'aws:cdk:bundling-stacks': [],
      jwtIssuer: 'https://login.example.com/realms/registry',
      jwtAudience: 'registry-api',
      tableName: 'schema-registry-prod',
      corsOrigins: ['https://app.example.com'],
      throttleRateLimit: '20',
      throttleBurstLimit: '40',
      logRetentionDays: 7,
      stackPrefix: 'Registry-prod',
    },
    [worker],
  );
});

const tableId = () => logicalId(r.data, r.data.table);
const queueId = () => logicalId(r.api, r.api.workers.get('Fixture')!.deadLetterQueue);
const workerFnId = () => logicalId(r.api, r.api.workers.get('Fixture')!.function.function);
const queueArn = () => ({ 'Fn::GetAtt': [queueId(), 'Arn'] });

describe('with an existing issuer and the other context parameters', () => {
  it('creates no Cognito user pool', () => {
    r.dataTemplate.resourceCountIs('AWS::Cognito::UserPool', 0);
    expect(Object.keys(r.dataTemplate.findOutputs('*'))).not.toContain('UserPoolId');
    expect(r.data.stackName).toBe('Registry-prod-Data');
  });

  it('names the table as told, sets CORS, throttling and log retention', () => {
    r.dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'schema-registry-prod' });
    r.apiTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://app.example.com'],
        // Headers the route table says routes read, besides the token and the body's type.
        AllowHeaders: ['authorization', 'content-type', ...new Set(ROUTES.flatMap((r) => r.headers?.map((h) => h.name.toLowerCase()) ?? []))],
      }),
    });
    r.apiTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 } });
    const retention = Object.values(r.apiTemplate.findResources('AWS::Logs::LogGroup')).map((g) => g.Properties.RetentionInDays);
    expect(retention.length).toBeGreaterThanOrEqual(3);
    expect(new Set(retention)).toEqual(new Set([7]));
  });
});

describe('a worker', () => {
  it('runs Node.js 22 on arm64 with the access level it asked for, and nothing more', () => {
    r.apiTemplate.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x', Architectures: ['arm64'], Timeout: 60 });
    const role = r.api.workers.get('Fixture')!.function.function.role!;
    expect(tableStatements(r.apiTemplate, role)).toEqual(expectedTableStatements('read-write', tableId()));
  });

  it('reads the table stream with a bounded retry, bisecting failed batches, and sends what still fails to its DLQ', () => {
    r.apiTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: workerFnId() },
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp(`GetAtt${tableId()}StreamArn`) },
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 6 * 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: queueArn() } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] },
    });
  });

  it('may read the stream, and only that stream', () => {
    const stream = iamStatements(r.apiTemplate).filter((s) => actionsOf(s).some((a) => (STREAM_ACTIONS as readonly string[]).includes(a)));
    expect(stream).toHaveLength(1);
    expect([...actionsOf(stream[0]!)].sort()).toEqual([...STREAM_ACTIONS].sort());
    expect(resourcesOf(stream[0]!)).toEqual([{ 'Fn::ImportValue': expect.stringContaining(`GetAtt${tableId()}StreamArn`) }]);
  });

  it('runs on its schedule, with the DLQ for invocations that fail or never start', () => {
    r.apiTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [workerFnId(), 'Arn'] }, DeadLetterConfig: { Arn: queueArn() } }),
    });
    r.apiTemplate.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: workerFnId() },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: queueArn() } },
    });
  });

  it('may put events on the registry bus only, and knows its name', () => {
    const putEvents = iamStatements(r.apiTemplate).filter((s) => actionsOf(s).includes('events:PutEvents'));
    expect(putEvents).toHaveLength(1);
    expect(resourcesOf(putEvents[0]!)).toEqual([{ 'Fn::ImportValue': expect.stringContaining(`GetAtt${logicalId(r.data, r.data.eventBus)}Arn`) }]);
    r.apiTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ EVENT_BUS_NAME: { 'Fn::ImportValue': Match.stringLikeRegexp(logicalId(r.data, r.data.eventBus)) } }) },
    });
  });

  it('has an encrypted, TLS-only DLQ whose first message raises an alarm', () => {
    r.apiTemplate.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    r.apiTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    r.apiTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(), 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    r.apiTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: workerFnId() } }] });
  });

  it('passes cdk-nag', () => {
    expect(new AwsSolutionsChecks().validateScope(r.app).violations).toEqual([]);
  });
});

describe('a worker without a trigger', () => {
  it('is refused, naming the fix', () => {
    const { schedule: _s, stream: _t, ...untriggered } = worker;
    expect(() => synthRegistry({ 'aws:cdk:bundling-stacks': [] }, [untriggered])).toThrow(/has no trigger; give it a schedule, a stream, or both/);
  });
});
