/** Sink settings from an admin, connection values resolved at use, and scrubbed database messages. */
import { describe, expect, it } from 'vitest';
import { createSinkConnector, parseSinkSettings, scrubMessage, SinkSettingsError, SinkUnavailableError } from '../../lib/sinks/index.js';
import { secretToUrl } from '../../lib/sinks/connect.js';
import { rejectionOf } from './fixtures.js';

const problems = (input: unknown, name = 'warehouse') => {
  try {
    parseSinkSettings(name, input);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(SinkSettingsError);
    return (error as SinkSettingsError).errors?.map((e) => `${e.path}: ${e.message}`) ?? [];
  }
};

describe('sink settings', () => {
  it('accepts connections by reference', () => {
    expect(parseSinkSettings('warehouse', { dialect: 'postgres', connection: { kind: 'env', variable: 'WAREHOUSE_URL' }, namespace: 'analytics' })).toEqual({
      name: 'warehouse',
      dialect: 'postgres',
      connection: { kind: 'env', variable: 'WAREHOUSE_URL' },
      namespace: 'analytics',
    });
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf';
    expect(parseSinkSettings('aurora', { dialect: 'postgres', connection: { kind: 'data_api', cluster_arn: 'arn:aws:rds:eu-west-1:123456789012:cluster:main', secret_arn: arn, database: 'app' } }).connection.kind).toBe('data_api');
    expect(parseSinkSettings('shop', { dialect: 'mysql', connection: { kind: 'secret', secret_arn: arn }, namespace: 'ws_acme' })).toEqual({ name: 'shop', dialect: 'mysql', connection: { kind: 'secret', secret_arn: arn }, namespace: 'ws_acme' });
  });

  it('refuses a connection given by value without echoing it', () => {
    const url = 'postgres://admin:hunter2@db.internal:5432/app';
    for (const connection of [url, { kind: 'env', variable: url }, { kind: 'secret', secret_arn: url }]) {
      const found = problems({ dialect: 'postgres', connection });
      expect(found.length).toBeGreaterThan(0);
      expect(found.join(' ')).not.toContain('hunter2');
    }
    expect(problems({ dialect: 'postgres', connection: { kind: 'env', variable: 'AWS_SECRET_ACCESS_KEY' } })).toEqual([
      '/connection/variable: variable must be the NAME of an environment variable holding the URL (upper case, not AWS_*), e.g. "ANALYTICS_DATABASE_URL"',
    ]);
  });

  it('lists every problem: name, dialect, namespace, unknown keys', () => {
    expect(problems({ dialect: 'oracle', connection: { kind: 'embedded', url: 'x' }, namespace: 'Bad-Name', extra: 1 }, 'Warehouse')).toEqual([
      ': sink name "Warehouse" must be snake_case, e.g. "warehouse"',
      '/dialect: dialect "oracle" is not supported for sinks; use "postgres" or "sqlite" or "mysql"',
      '/connection/url: unknown property for a "embedded" connection; it takes no other properties',
      '/namespace: namespace "Bad-Name" must be snake_case, e.g. "bad_name"',
      '/extra: unknown property "extra"; use dialect, connection, namespace',
    ]);
    expect(problems({ dialect: 'sqlite', connection: { kind: 'env', variable: 'APP_DB' }, namespace: 'analytics' })).toEqual([
      '/namespace: SQLite has no schemas; leave namespace out and give each workspace its own database file',
    ]);
  });
});

describe('connection references', () => {
  it('names the variable, never its value, when it is unset or holds the wrong kind of URL', async () => {
    const sink = { name: 'warehouse', dialect: 'postgres' as const, connection: { kind: 'env' as const, variable: 'WAREHOUSE_URL' } };
    await expect(createSinkConnector({ env: {} }).connect(sink)).rejects.toThrow('environment variable WAREHOUSE_URL is not set');
    const error = await rejectionOf<Error>(createSinkConnector({ env: { WAREHOUSE_URL: 'mysql://root:hunter2@db/app' } }).connect(sink));
    expect(error).toBeInstanceOf(SinkUnavailableError);
    expect(error.message).toContain('does not hold a postgres URL');
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses the embedded database for a MySQL sink, and a MySQL URL parameter it does not know, naming only the parameter', async () => {
    const embedded = { name: 'shop', dialect: 'mysql' as const, connection: { kind: 'embedded' as const } };
    await expect(createSinkConnector({ env: {}, embeddedDataDir: 'memory://' }).connect(embedded)).rejects.toThrow('sink "shop" is mysql, but the embedded database is PostgreSQL; set dialect to "postgres"');
    const sink = { name: 'shop', dialect: 'mysql' as const, connection: { kind: 'env' as const, variable: 'SHOP_URL' } };
    const error = await rejectionOf<Error>(createSinkConnector({ env: { SHOP_URL: 'mysql://app:hunter2@db/shop?passwd=hunter2' } }).connect(sink));
    expect(error).toBeInstanceOf(SinkSettingsError);
    expect(error.message).toBe('a MySQL sink URL takes the parameters socket and ssl=true, not "passwd"');
  });

  it('reads RDS secrets as URLs of the sink\'s dialect, encoding what needs it', () => {
    expect(secretToUrl('{"username":"app","password":"p@ss/word","host":"db.example","port":5432,"dbname":"main"}')).toBe('postgres://app:p%40ss%2Fword@db.example:5432/main');
    expect(secretToUrl(' postgres://a:b@h/d ')).toBe('postgres://a:b@h/d');
    expect(secretToUrl('{"engine":"mysql","username":"app","password":"p@ss","host":"db.example","port":3306,"dbname":"shop"}', 'mysql')).toBe('mysql://app:p%40ss@db.example:3306/shop');
    expect(secretToUrl('{"engine":"mariadb","username":"app","password":"x","host":"db.example"}', 'mysql')).toBe('mysql://app:x@db.example/');
  });
});

describe('scrubMessage', () => {
  it('removes URLs, known secrets and password=… pairs', () => {
    const message = 'connect to postgres://app:s3cret@db:5432/x failed; password=s3cret user=app; also s3cret alone';
    const scrubbed = scrubMessage(new Error(message), ['s3cret']);
    expect(scrubbed).not.toContain('s3cret');
    expect(scrubbed).toBe('connect to [connection] failed; password=[redacted] user=[redacted] also [redacted] alone');
  });
});
