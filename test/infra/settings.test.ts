import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings } from '../../infra/settings.js';

const read = (context: Record<string, unknown>) => readSettings((key) => context[key]);

describe('readSettings', () => {
  it('gives the documented defaults for an empty context', () => {
    expect(read({})).toEqual({
      stackPrefix: 'SchemaRegistry',
      logRetention: RetentionDays.ONE_MONTH,
      throttle: DEFAULT_SETTINGS.throttle,
      corsOrigins: [],
      bootstrapGroups: [],
      functionEnvironment: {},
      sinkGrants: {},
    });
  });

  it('reads the sink grants as JSON, and refuses environment variables and names that are no workspace', () => {
    const secret = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-db-AbCdEf';
    expect(read({ sinks: JSON.stringify({ acme: [secret] }) }).sinkGrants).toEqual({ acme: [secret] });
    expect(read({ sinks: { '*': [secret] } }).sinkGrants).toEqual({ '*': [secret] });
    expect(() => read({ sinks: { acme: ['env:ACME_DATABASE_URL'] } })).toThrow(/on AWS a sink is never an environment variable/);
    expect(() => read({ sinks: { Acme: [secret] } })).toThrow(/names no workspace/);
    expect(() => read({ sinks: '{oops' })).toThrow(/must map workspace ids/);
  });

  it('reads lists from -c strings (comma-separated) and from cdk.json arrays alike', () => {
    expect(read({ corsOrigins: 'https://a.example.com, https://b.example.com' }).corsOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(read({ corsOrigins: ['https://a.example.com'] }).corsOrigins).toEqual(['https://a.example.com']);
  });

  it('reads numbers given as strings, as the CLI passes them', () => {
    expect(read({ throttleRateLimit: '20', throttleBurstLimit: 40, logRetentionDays: '90' })).toMatchObject({
      throttle: { rateLimit: 20, burstLimit: 40 },
      logRetention: RetentionDays.THREE_MONTHS,
    });
  });

  it('takes an existing issuer only with its audience', () => {
    expect(read({ jwtIssuer: 'https://issuer.example.com', jwtAudience: 'a,b' }).jwt).toEqual({ issuer: 'https://issuer.example.com', audience: ['a', 'b'] });
    expect(() => read({ jwtIssuer: 'https://issuer.example.com' })).toThrow(/^context parameter jwtAudience is missing: jwtIssuer is set without jwtAudience; give jwtAudience too/);
    expect(() => read({ jwtIssuer: 'https://issuer.example.com', jwtAudience: ' , ' })).toThrow(/jwtIssuer is set without jwtAudience/);
    expect(() => read({ jwtIssuer: 'https://issuer.example.com' })).not.toThrow(/undefined/);
    expect(() => read({ jwtAudience: 'a' })).toThrow(/^context parameter jwtIssuer is missing: jwtAudience is set without jwtIssuer; give jwtIssuer too, the https URL/);
    expect(() => read({ jwtIssuer: 'http://issuer.example.com', jwtAudience: 'a' })).toThrow(/jwtIssuer="http:\/\/issuer.example.com" must be an https URL/);
  });

  it('refuses a retention CloudWatch Logs does not offer, listing the ones it does', () => {
    expect(() => read({ logRetentionDays: 31 })).toThrow(/logRetentionDays=31 must be a retention CloudWatch Logs accepts: .*30, 60/);
  });

  it('refuses a throttle that is not a positive number', () => {
    expect(() => read({ throttleRateLimit: 'fast' })).toThrow(/throttleRateLimit="fast" must be a positive number/);
    expect(() => read({ throttleBurstLimit: 0 })).toThrow(/throttleBurstLimit=0 must be a positive number/);
  });

  it('accepts bootstrap groups named {workspace_id}:{role} and refuses others', () => {
    expect(read({ bootstrapGroups: 'acme:admin,acme:reader' }).bootstrapGroups).toEqual(['acme:admin', 'acme:reader']);
    expect(() => read({ bootstrapGroups: 'acme:owner' })).toThrow(/bootstrapGroups="acme:owner" must list groups named \{workspace_id\}:\{role\} with role one of reader, writer, reviewer, admin/);
    expect(() => read({ bootstrapGroups: 'Acme:admin' })).toThrow(/bootstrapGroups="Acme:admin"/);
    expect(() => read({ bootstrapGroups: 'acme:admin', jwtIssuer: 'https://issuer.example.com', jwtAudience: 'a' })).toThrow(/only applies to the Cognito user pool/);
  });

  it('refuses CORS origins with a path, a bad table name, stack prefix or e-mail address', () => {
    expect(() => read({ corsOrigins: 'https://app.example.com/' })).toThrow(/corsOrigins="https:\/\/app.example.com\/" must list origins/);
    expect(() => read({ tableName: 'a b' })).toThrow(/tableName="a b" must be 3-255 characters/);
    expect(() => read({ stackPrefix: '1registry' })).toThrow(/stackPrefix="1registry" must start with a letter/);
    expect(() => read({ alarmEmail: 'ops' })).toThrow(/alarmEmail="ops" must be an e-mail address/);
  });
});

describe('function settings from context', () => {
  it('turns autoApprove and the request rate limit into the environment lib/config.ts reads', async () => {
    const { readSettings } = await import('../../infra/settings.js');
    const ctx: Record<string, string> = { autoApprove: 'true', requestRatePerHour: '40', requestBurst: '8' };
    expect(readSettings((k) => ctx[k]).functionEnvironment).toEqual({ ENABLE_SCHEMA_AUTO_CREATE: 'true', SCHEMA_REQUEST_RATE_PER_HOUR: '40', SCHEMA_REQUEST_BURST: '8' });
    expect(readSettings(() => undefined).functionEnvironment).toEqual({});
    expect(() => readSettings((k) => (k === 'autoApprove' ? 'yes' : undefined))).toThrow(/autoApprove/);
    expect(() => readSettings((k) => (k === 'requestBurst' ? '2.5' : undefined))).toThrow(/requestBurst/);
  });
});
