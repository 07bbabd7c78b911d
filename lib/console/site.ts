/**
 * The console's static files: the bundle `console/build.ts` writes (index.html, hashed script and style)
 * plus `config.json`, which tells the page how to sign in. Served by the `console` route group, deployed
 * (the build is copied next to the bundled function) and locally alike, under one strict
 * Content-Security-Policy: scripts and styles from this origin only, no inline code, Trusted Types on.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { ConsoleAuth } from '../config.js';
import { NotFoundError, ServiceUnavailableError } from '../errors.js';
import type { HttpResult } from '../http/handler.js';
import type { SecurityHeaderOptions } from '../http/html-security-headers.js';


/** Where the build lands: beside the bundled Lambda (`console-assets/`) or in the source tree (`console/dist/`). */
const CANDIDATE_DIRS = [new URL('./console-assets/', import.meta.url), new URL('../../console/dist/', import.meta.url)].map((u) => fileURLToPath(u));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Names the build writes; anything else (paths, dot files, the dev-token endpoint deployed) is a 404. */
const ASSET_NAME = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)*$/i;

/**
 * Middy's security headers with the console's policy. `connect-src` adds the Cognito domain, the one
 * other origin the page talks to (the PKCE token exchange); sign-in itself is a top-level navigation.
 */
export function consoleSecurityHeaders(auth: ConsoleAuth): SecurityHeaderOptions {
  return {
    contentSecurityPolicy: {
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'connect-src': auth.type === 'cognito' ? `'self' ${auth.domain_url}` : "'self'",
      'base-uri': "'none'",
      // No browser implements it, and Chromium logs every page that sends it.
      'navigate-to': '',
      // Middy adds `sandbox` (which would stop the script) and `upgrade-insecure-requests` (which would
      // break http://127.0.0.1 locally) for an empty string; false leaves them out.
      // (middy's types say string; its code tests for "" and skips falsy values).
      sandbox: false as unknown as string,
      'upgrade-insecure-requests': false as unknown as string,
    },
  };
}

interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer;
  /** Hashed names never change content, so they are cached for a year; index.html is always revalidated. */
  immutable: boolean;
}

export class ConsoleSite {
  private readonly assets = new Map<string, Asset>();

  constructor(
    private readonly auth: ConsoleAuth,
    private readonly dir: string | undefined = CANDIDATE_DIRS.find((d) => existsSync(`${d}/index.html`)),
  ) {}

  /** The response for `/console` (file undefined) or `/console/{file}`. */
  serve(file: string | undefined, acceptEncoding = ''): HttpResult {
    const name = file ?? 'index.html';
    if (name === 'config.json') {
      return { statusCode: 200, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' }, body: JSON.stringify({ auth: this.auth }) };
    }
    const asset = this.load(name);
    const headers: Record<string, string> = {
      'Content-Type': asset.type,
      'Cache-Control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
    };
    // API Gateway HTTP APIs do not compress, so the function does: the script is a third of its size gzipped.
    if (/\bgzip\b/.test(acceptEncoding)) {
      return { statusCode: 200, headers: { ...headers, 'Content-Encoding': 'gzip' }, body: asset.gzip.toString('base64'), isBase64Encoded: true };
    }
    return { statusCode: 200, headers, body: asset.body.toString('base64'), isBase64Encoded: true };
  }

  private load(name: string): Asset {
    const cached = this.assets.get(name);
    if (cached) return cached;
    if (!this.dir) throw new ServiceUnavailableError('the console is not built: run `npm run console:build` (npm start does it)');
    const type = CONTENT_TYPES[extname(name)];
    if (!ASSET_NAME.test(name) || !type || !readdirSync(this.dir).includes(name)) throw new NotFoundError(`the console has no file "${name}"`);
    const body = readFileSync(`${this.dir}/${name}`);
    const asset = { type, body, gzip: gzipSync(body, { level: 9 }), immutable: name !== 'index.html' };
    this.assets.set(name, asset);
    return asset;
  }
}
