import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Match } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_GROUPS, ROUTES, type RouteGroup } from '../../functions/routes.js';
import { routeKey } from '../../lib/api/route.js';
import { createTableInput, INDEXES, TABLE_DESIGN } from '../../lib/generated/table.js';
import { PROJECT_ROOT } from '../../infra/paths.js';
import { useTestTable } from '../support/dynamo.js';
import type { TableAccess } from '../../infra/constructs/table-access.js';
import { actionsOf, expectedTableStatements, iamStatements, logicalId, resourcesOf, synthRegistry, tableStatements, type SynthesizedRegistry } from './synth.js';

let r: SynthesizedRegistry;
beforeAll(() => {
  r = synthRegistry({ bootstrapGroups: 'acme:admin,acme:reader' });
});

const tableId = () => logicalId(r.data, r.data.table);
const fnId = (group: RouteGroup) => logicalId(r.api, r.api.functions[group].function);
const basicAuthorizerId = () => logicalId(r.api, r.api.basicAuthorizer.function);

describe('the table', () => {
  const table = () => Object.values(r.dataTemplate.findResources('AWS::DynamoDB::Table'))[0]!;

  it('has the primary key of INDEXES and exactly its other indexes as GSIs, with their projection', () => {
    r.dataTemplate.resourceCountIs('AWS::DynamoDB::Table', 1);
    const props = table().Properties;
    expect(props.KeySchema).toEqual([
      { AttributeName: INDEXES.primary.partitionKey, KeyType: 'HASH' },
      { AttributeName: INDEXES.primary.sortKey, KeyType: 'RANGE' },
    ]);
    const expected = Object.entries(INDEXES)
      .filter(([name]) => name !== 'primary')
      .map(([name, keys]) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: keys.partitionKey, KeyType: 'HASH' },
          { AttributeName: keys.sortKey, KeyType: 'RANGE' },
        ],
        Projection: createTableInput('x').GlobalSecondaryIndexes!.find((g) => g.IndexName === name)!.Projection,
      }));
    expect(props.GlobalSecondaryIndexes).toEqual(expected);
  });

  it('is on-demand, encrypted, streams new and old images and expires items by the TTL attribute of schema.yaml', () => {
    r.dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.ttlAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('survives mistakes: point-in-time recovery, deletion protection, retained on delete and on replacement', () => {
    r.dataTemplate.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });

  it('lets CloudFormation choose its name unless tableName is given', () => {
    expect(table().Properties.TableName).toBeUndefined();
    r.dataTemplate.hasOutput('TableName', { Value: { Ref: tableId() } });
  });
});

describe('the functions', () => {
  it('are one per route group and the Basic authorizer, each bundled from functions/<group>.ts into an ESM file', () => {
    r.apiTemplate.resourceCountIs('AWS::Lambda::Function', Object.keys(ROUTE_GROUPS).length + 1);
    for (const group of Object.keys(ROUTE_GROUPS) as RouteGroup[]) {
      const fn = r.apiTemplate.toJSON().Resources[fnId(group)];
      expect(fn.Properties.Handler).toBe('index.handler');
      const asset = join(r.assembly.directory, `asset.${(fn.Properties.Code.S3Key as string).replace(/\.zip$/, '')}`);
      expect(existsSync(join(asset, 'index.mjs'))).toBe(true);
      expect(existsSync(join(asset, 'index.mjs.map'))).toBe(true);
    }
  });

  it('each get a bundle of their own (CDK must not reuse one function\u2019s bundle for another)', () => {
    const keys = Object.values(r.apiTemplate.findResources('AWS::Lambda::Function')).map((fn) => fn.Properties.Code.S3Key as string);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('run Node.js 22 on arm64 without parsing source maps at start (stacks are mapped when logged), with the table name and a log group kept for a month', () => {
    for (const fn of Object.values(r.apiTemplate.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      const env = fn.Properties.Environment.Variables;
      expect(env.NODE_OPTIONS).toBeUndefined();
      expect(JSON.stringify(env.TABLE_NAME)).toContain(`ExportsOutputRef${tableId()}`);
      const logGroup = r.apiTemplate.toJSON().Resources[fn.Properties.LoggingConfig.LogGroup.Ref];
      expect(logGroup).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    }
  });

  it('get exactly the table actions of their group access level, on the table and its named indexes', () => {
    for (const [group, { access }] of Object.entries(ROUTE_GROUPS) as [RouteGroup, { access: TableAccess }][]) {
      expect(tableStatements(r.apiTemplate, r.api.functions[group].function.role!), group).toEqual(expectedTableStatements(access, tableId()));
    }
  });
});

describe('the permissions', () => {
  it('never grant dynamodb:* or a DynamoDB action on Resource "*"', () => {
    const statements = [...iamStatements(r.apiTemplate), ...iamStatements(r.dataTemplate)];
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      const dynamo = actionsOf(s).filter((a) => a.startsWith('dynamodb:'));
      if (dynamo.length === 0) continue;
      expect(dynamo.filter((a) => a.includes('*'))).toEqual([]);
      expect(resourcesOf(s)).not.toContain('*');
    }
  });
});

describe('the HTTP API', () => {
  it('has exactly one route per entry of ROUTES, with its routeKey', () => {
    const keys = Object.values(r.apiTemplate.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties.RouteKey);
    expect(keys.sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('sends each route to the function of its group, behind the JWT authorizer, the Lambda one where it takes HTTP Basic, none where public', () => {
    const resources = r.apiTemplate.toJSON().Resources;
    for (const route of ROUTES) {
      const [id, cfn] = Object.entries(r.apiTemplate.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey(route) } }))[0]!;
      const integration = resources[cfn.Properties.Target['Fn::Join'][1][1].Ref];
      expect(integration.Properties.IntegrationUri, id).toEqual({ 'Fn::GetAtt': [fnId(route.group), 'Arn'] });
      if (route.role === 'public') {
        expect(cfn.Properties.AuthorizationType, id).toBe('NONE');
        expect(cfn.Properties.AuthorizerId, id).toBeUndefined();
      } else if (route.wire?.basicAuth) {
        expect(cfn.Properties.AuthorizationType, id).toBe('CUSTOM');
        expect(resources[cfn.Properties.AuthorizerId.Ref].Properties.AuthorizerUri['Fn::Join'][1]).toContainEqual({ 'Fn::GetAtt': [basicAuthorizerId(), 'Arn'] });
      } else {
        expect(cfn.Properties.AuthorizationType, id).toBe('JWT');
        expect(resources[cfn.Properties.AuthorizerId.Ref].Properties.AuthorizerType).toBe('JWT');
      }
    }
  });

  it('throttles the default stage and writes one JSON access log line per request', () => {
    const stage = Object.values(r.apiTemplate.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;
    expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 } });
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status' });
    expect(stage.AccessLogSettings.DestinationArn['Fn::GetAtt'][1]).toBe('Arn');
  });

  it('sends no CORS headers unless corsOrigins is given', () => {
    expect(Object.values(r.apiTemplate.findResources('AWS::ApiGatewayV2::Api'))[0]!.Properties.CorsConfiguration).toBeUndefined();
  });

  it('trusts the tokens of the Cognito pool it creates, and outputs its URL', () => {
    const poolId = logicalId(r.data, r.data.userDirectory!.userPool);
    const clientId = logicalId(r.data, r.data.userDirectory!.client);
    r.dataTemplate.hasOutput('UserPoolId', { Value: { Ref: poolId } });
    r.dataTemplate.hasOutput('UserPoolClientId', { Value: { Ref: clientId } });
    expect(r.data.resolve(r.data.jwtIssuer)).toEqual({
      issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: poolId }]] },
      audience: [{ Ref: clientId }],
    });
    r.apiTemplate.hasOutput('ApiUrl', { Value: { 'Fn::Join': ['', ['https://', { Ref: logicalId(r.api, r.api.api.httpApi) }, Match.stringLikeRegexp('^\\.execute-api\\.eu-west-1\\.$'), { Ref: 'AWS::URLSuffix' }, '/']] } });
  });
});

describe('the Cognito user pool', () => {
  it('admits only users an administrator creates, with strong passwords, and is retained', () => {
    r.dataTemplate.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        DeletionProtection: 'ACTIVE',
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
      }),
    });
  });

  it('has a public client for admin-initiate-auth and SRP sign-in', () => {
    r.dataTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    });
  });

  it('creates the {workspace}:{role} groups of bootstrapGroups', () => {
    const groups = Object.values(r.dataTemplate.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['acme:admin', 'acme:reader']);
  });
});

describe('the alarms', () => {
  const alarms = () => Object.values(r.apiTemplate.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const topicId = () => logicalId(r.api, r.api.alarms.topic);

  it('watch errors and throttles of every function', () => {
    for (const id of [...(Object.keys(ROUTE_GROUPS) as RouteGroup[]).map(fnId), basicAuthorizerId()]) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(alarms().filter((a) => a.MetricName === metric && a.Dimensions?.[0]?.Value?.Ref === id), `${id} ${metric}`).toHaveLength(1);
      }
    }
  });

  it('watch table throttling and API 5xx responses', () => {
    const table = alarms().find((a) => a.Metrics?.some((m: { MetricStat?: { Metric: { MetricName: string } } }) => m.MetricStat?.Metric.MetricName === 'ThrottledRequests'));
    expect(table).toBeDefined();
    expect(table!.Metrics.length).toBeLessThanOrEqual(11); // CloudWatch's limit: 10 metrics and the expression
    expect(alarms().filter((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5xx')).toHaveLength(1);
  });

  it('fire on the first occurrence and notify the alarm topic, which refuses unencrypted publishing', () => {
    expect(alarms().length).toBe(2 * (Object.keys(ROUTE_GROUPS).length + 1) + 2);
    for (const a of alarms()) {
      expect(a).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [{ Ref: topicId() }] });
    }
    r.apiTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('cost what docs/deploy.md says: $0.10 per alarm metric a month, for today\'s route groups', () => {
    const metrics = alarms().reduce((n, a) => n + (a.MetricName ? 1 : a.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).length), 0);
    const docs = readFileSync(join(PROJECT_ROOT, 'docs/deploy.md'), 'utf8').replace(/\s+/g, ' ');
    const m = /about \$(\d+\.\d\d) a month with today's (\w+) route groups and the Basic authorizer/.exec(docs);
    expect(m, 'the alarm cost sentence of docs/deploy.md').not.toBeNull();
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
    expect(words.indexOf(m![2]!)).toBe(Object.keys(ROUTE_GROUPS).length);
    expect(m![1]).toBe((metrics * 0.1).toFixed(2));
  });
});

describe('cdk-nag', () => {
  it('leaves no unacknowledged AwsSolutions finding in the synthesized app', () => {
    expect(new AwsSolutionsChecks().validateScope(r.app).violations).toEqual([]);
  });

  it('runs on every synth and fails it on a finding', () => {
    // Bundling is beside the point here: skip it (the other tests bundle for real).
    const noBundling = { 'aws:cdk:bundling-stacks': [] };
    expect(() =>
      synthRegistry(noBundling, undefined, (registry) => new Queue(registry.api, 'PlainQueue', { encryption: QueueEncryption.UNENCRYPTED })),
    ).toThrow(/AwsSolutions-SQS/);
  });
});

describe('the bundle of each route group', () => {
  const t = useTestTable();
  const bundleOf = (group: RouteGroup | 'authorizer') => {
    const fn = r.apiTemplate.toJSON().Resources[group === 'authorizer' ? basicAuthorizerId() : fnId(group)];
    return pathToFileURL(join(r.assembly.directory, `asset.${(fn.Properties.Code.S3Key as string).replace(/\.zip$/, '')}`, 'index.mjs')).href;
  };
  /** Runs `script` in a plain Node.js ES module, as Lambda loads a handler, with the function's environment. */
  const runNode = async (script: string, args: string[], env: Record<string, string> = {}) => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, ...args], {
      env: { PATH: process.env.PATH, TABLE_NAME: t.tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: t.endpoint, ...env },
    });
    return JSON.parse(stdout.trim().split('\n').pop()!);
  };

  it('loads in plain Node.js and exports a handler, for every group', async () => {
    const script = 'const out = {}; for (const url of process.argv.slice(1)) out[url] = typeof (await import(url)).handler; console.log(JSON.stringify(out));';
    const urls = (Object.keys(ROUTE_GROUPS) as RouteGroup[]).map(bundleOf);
    expect(await runNode(script, urls)).toEqual(Object.fromEntries(urls.map((u) => [u, 'function'])));
  });

  it('of the Basic authorizer loads with its issuer and refuses a request without credentials', async () => {
    const script = 'const { handler } = await import(process.argv[1]); console.log(JSON.stringify(await handler({ headers: {} }, {})));';
    const env = { JWT_ISSUER: 'https://issuer.example.com/pool', JWT_AUDIENCE: 'client-1' };
    expect(await runNode(script, [bundleOf('authorizer')], env)).toEqual({ isAuthorized: false });
  });

  /** A GET as API Gateway sends it to `group`'s function, and the function's response. */
  const get = async (group: RouteGroup, path: string, query: Record<string, string> = {}) => {
    const routeKey = `GET ${path}`;
    const event = {
      version: '2.0',
      routeKey,
      rawPath: path,
      rawQueryString: new URLSearchParams(query).toString(),
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      headers: {},
      isBase64Encoded: false,
      requestContext: { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' }, requestId: 'r1', routeKey, stage: '$default' },
    };
    const script = 'const { handler } = await import(process.argv[1]); console.log(JSON.stringify(await handler(JSON.parse(process.argv[2]), {})));';
    return runNode(script, [bundleOf(group), JSON.stringify(event)]);
  };

  it('checks requests with the generated contract validators, which it loads on first use', async () => {
    const response = await get('payloads', '/api/v1/payloads', { schema_ref: 'not-a-ulid', bogus: '1' });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).detail).toMatch(/\/bogus unknown parameter "bogus".*\/schema_ref must match pattern/);
  });

  it('serves GET /api/v1/health from the table', async () => {
    const response = await get('health', '/api/v1/health');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'ok', table: { name: t.tableName, status: 'ACTIVE' }, schema_yaml: { version: TABLE_DESIGN.version } });
  });
});

describe('the console sign-in', () => {
  it('creates a hosted UI domain and a public PKCE code-flow client whose callback is the API\u2019s /console', () => {
    r.dataTemplate.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    const clients = Object.values(r.apiTemplate.findResources('AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const p = clients[0]!.Properties;
    expect(p).toMatchObject({ AllowedOAuthFlows: ['code'], GenerateSecret: false, AllowedOAuthScopes: ['openid', 'email', 'profile'] });
    expect(JSON.stringify(p.CallbackURLs)).toContain('/console');
  });

  it('makes both authorizers trust the console client and tells the console function where to sign in', () => {
    const [clientId] = Object.keys(r.apiTemplate.findResources('AWS::Cognito::UserPoolClient'));
    const [authorizer] = Object.values(r.apiTemplate.findResources('AWS::ApiGatewayV2::Authorizer', { Properties: { AuthorizerType: 'JWT' } }));
    expect(authorizer!.Properties.JwtConfiguration.Audience).toContainEqual({ Ref: clientId });
    const basicEnv = r.apiTemplate.toJSON().Resources[basicAuthorizerId()].Properties.Environment.Variables;
    expect(basicEnv.JWT_ISSUER).toEqual(authorizer!.Properties.JwtConfiguration.Issuer);
    expect(basicEnv.JWT_AUDIENCE).toEqual({ 'Fn::Join': [',', authorizer!.Properties.JwtConfiguration.Audience] });
    const consoleFn = r.api.functions.console.function;
    const env = r.apiTemplate.toJSON().Resources[logicalId(r.api, consoleFn)].Properties.Environment.Variables;
    expect(env.CONSOLE_COGNITO_CLIENT_ID).toEqual({ Ref: clientId });
    expect(JSON.stringify(env.CONSOLE_COGNITO_DOMAIN_URL)).toContain('amazoncognito.com');
  });
});
