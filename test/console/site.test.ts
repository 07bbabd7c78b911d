import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { consoleAuth } from '../../lib/config.js';
import { ConsoleSite } from '../../lib/console/site.js';
import { refusal } from '../../lib/local/dev-admin-token.js';

const dir = mkdtempSync(join(tmpdir(), 'console-site-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(dir, 'app-ABC.js'), 'console.log(1)'.repeat(100));
const site = new ConsoleSite({ type: 'token' }, dir);

describe('the console site', () => {
  it('serves the page revalidated and hashed files immutable, gzipped when asked', () => {
    expect(site.serve(undefined).headers).toMatchObject({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    const js = site.serve('app-ABC.js', 'gzip, br');
    expect(js.headers).toMatchObject({ 'Content-Encoding': 'gzip', 'Cache-Control': 'public, max-age=31536000, immutable' });
    expect(gunzipSync(Buffer.from(js.body!, 'base64')).toString()).toBe('console.log(1)'.repeat(100));
  });

  it('answers 404 for anything it did not build, including the dev token endpoint and paths', () => {
    for (const name of ['dev-admin-token', '..', '.env', 'app-XYZ.js', 'index.html.bak']) expect(() => site.serve(name)).toThrow(/has no file/);
  });

  it('tells the page how to sign in: a token, or Cognito when both variables are set', () => {
    expect(JSON.parse(site.serve('config.json').body!)).toEqual({ auth: { type: 'token' } });
    expect(consoleAuth({ CONSOLE_COGNITO_DOMAIN_URL: 'https://r.auth.eu-west-1.amazoncognito.com', CONSOLE_COGNITO_CLIENT_ID: 'abc' })).toEqual({ type: 'cognito', domain_url: 'https://r.auth.eu-west-1.amazoncognito.com', client_id: 'abc' });
    expect(() => consoleAuth({ CONSOLE_COGNITO_CLIENT_ID: 'abc' })).toThrow(/CONSOLE_COGNITO_DOMAIN_URL is required/);
    expect(() => consoleAuth({ CONSOLE_COGNITO_DOMAIN_URL: 'http://evil', CONSOLE_COGNITO_CLIENT_ID: 'abc' })).toThrow(/https origin/);
  });
});

const req = (remoteAddress: string, headers: Record<string, string>) => ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

describe('the dev admin token (npm start only)', () => {
  it('is given to a same-origin loopback request', () => {
    expect(refusal(req('127.0.0.1', { host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }))).toBeUndefined();
  });
  it('is refused to other machines, rebound host names and other sites\u2019 pages', () => {
    expect(refusal(req('192.0.2.7', { host: '127.0.0.1:3000' }))).toMatch(/loopback clients/);
    expect(refusal(req('127.0.0.1', { host: 'attacker.example:3000' }))).toMatch(/loopback host name/);
    expect(refusal(req('127.0.0.1', { host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }))).toMatch(/same origin/);
  });
});
