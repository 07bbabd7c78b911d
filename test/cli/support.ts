/**
 * The CLI against the real registry: a test registry signing with a dev key file (as `npm start` does),
 * its embedded default sink, a temporary HOME for profiles, and `cli(args)` running the real command line in-process with its own
 * streams and environment (nothing of this process's environment leaks in).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../clients/cli/main.js';
import { createSinkConnector } from '../../lib/sinks/index.js';
import { useRegistry, type TestRegistry } from '../support/registry.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json(): any;
}

export interface CliHarness {
  registry: TestRegistry;
  home: string;
  keyFile: string;
  /** A file in the temp dir with this content (objects as JSON). */
  file(name: string, content: unknown): string;
  cli(args: string[], options?: CliOptions): Promise<CliResult>;
  /** Starts a command that runs until `options.signal` aborts (as Ctrl-C does), with its output readable meanwhile. */
  start(args: string[], options: CliOptions & { signal: AbortSignal }): { stdout(): string; stderr(): string; done: Promise<CliResult> };
  /** `login --local` as `user` with `role` in `workspace`, saved as profile `user`. */
  login(user: string, role: 'reader' | 'writer' | 'reviewer' | 'admin', workspace?: string): Promise<CliResult>;
}

export interface CliOptions {
  env?: Record<string, string>;
  tty?: boolean;
  home?: string;
  /** What Ctrl-C would abort. */
  signal?: AbortSignal;
}

export function useCli(): CliHarness {
  const home = mkdtempSync(join(tmpdir(), 'cli-home-'));
  const keyFile = join(home, 'dev-jwk.json');
  const h: CliHarness = {
    // The embedded default sink (PGlite in memory), so migrations apply and roll back for real.
    registry: useRegistry({ keyFile, sinks: async () => ({ connector: createSinkConnector({ env: {}, embeddedDataDir: 'memory://' }), defaultSink: { kind: 'embedded', dir: 'memory://' }, grants: {} }) }),
    home,
    keyFile,
    file(name, content) {
      const path = join(home, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    },
    cli: (args, options = {}) => h.start(args, { ...options, signal: options.signal ?? new AbortController().signal }).done,
    start(args, options) {
      let stdout = '';
      let stderr = '';
      const done = run(args, {
        stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
        stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false, columns: 100 },
        env: { HOME: options.home ?? home, ...options.env },
        interruption: () => options.signal,
      }).then((code) => ({ code, stdout, stderr, json: () => JSON.parse(stdout) }));
      return { stdout: () => stdout, stderr: () => stderr, done };
    },
    login: (user, role, workspace = 'acme') => h.cli(['login', '--local', '--url', h.registry.base, '--key-file', keyFile, '--user', user, '--role', role, '--workspace', workspace, '--profile', user]),
  };
  return h;
}
