/**
 * A throwaway MariaDB server (Debian's `mariadb-server` package) for one test file: mariadb-install-db
 * in a temp dir, a free port on 127.0.0.1 plus a socket in that dir, a user with a password, stopped
 * and deleted at the end. The server refuses to run as root unless told to, so as root it gets
 * `--user=root` (it owns only the temp dir).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, constants, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freePort } from '../../lib/local/dynamodb-local.js';
import { throwawayServer, type ThrowawayServer } from './throwaway-server.js';

const run = promisify(execFile);
const SERVER = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';
const START_TIMEOUT_MS = 60_000;

export interface MariadbServer extends ThrowawayServer {
  /** mysql://USER:PASSWORD@127.0.0.1:PORT/registry */
  url: string;
  /** The same server through its Unix socket: mysql://USER:PASSWORD@localhost/registry?socket=… */
  socketUrl: string;
}

/** Why the server cannot be started here, or undefined when it can. */
export async function mariadbUnavailable(): Promise<string | undefined> {
  for (const binary of [SERVER, INSTALL_DB]) {
    const usable = await access(binary, constants.X_OK).then(() => true, () => false);
    if (!usable) return `MariaDB is not installed (no ${binary}); .ci/run installs Debian's mariadb-server`;
  }
  return undefined;
}

export async function startMariadb(): Promise<MariadbServer> {
  const missing = await mariadbUnavailable();
  if (missing) throw new Error(missing);
  return throwawayServer('mariadb', async ({ dir, user, password }) => {
    const data = join(dir, 'data');
    const socket = join(dir, 'mariadb.sock');
    const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
    // Run by the server at start, before it takes connections: the test user, by password, on TCP and the socket.
    const init = join(dir, 'init.sql');
    await writeFile(
      init,
      [
        'CREATE DATABASE registry CHARACTER SET utf8mb4',
        ...['127.0.0.1', 'localhost'].flatMap((host) => [`CREATE USER '${user}'@'${host}' IDENTIFIED BY '${password}'`, `GRANT ALL PRIVILEGES ON *.* TO '${user}'@'${host}'`]),
      ].join(';\n') + ';\n',
      { mode: 0o600 },
    );
    await run(INSTALL_DB, ['--no-defaults', `--datadir=${data}`, ...asRoot, '--auth-root-authentication-method=socket', '--skip-test-db', '--skip-name-resolve']);
    const port = await freePort();
    const server = spawn(
      SERVER,
      [
        '--no-defaults',
        `--datadir=${data}`,
        ...asRoot,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${socket}`,
        `--pid-file=${join(dir, 'mariadb.pid')}`,
        `--log-error=${join(dir, 'server.log')}`,
        `--tmpdir=${dir}`,
        `--init-file=${init}`,
        '--skip-name-resolve',
        '--skip-log-bin',
        // A test database: small, and no durability to pay for.
        '--innodb-buffer-pool-size=32M',
        '--innodb-log-file-size=16M',
        '--innodb-flush-log-at-trx-commit=0',
        '--innodb-doublewrite=0',
        '--performance-schema=OFF',
        '--max-connections=50',
      ],
      { stdio: 'ignore' },
    );
    try {
      await waitUntilReady(server, { host: '127.0.0.1', port, user, password, database: 'registry' }, join(dir, 'server.log'));
    } catch (error) {
      await stopProcess(server);
      throw error;
    }
    return {
      url: `mysql://${user}:${password}@127.0.0.1:${port}/registry`,
      socketUrl: `mysql://${user}:${password}@localhost/registry?socket=${encodeURIComponent(socket)}`,
      stop: () => stopProcess(server),
    };
  });
}

async function waitUntilReady(server: ChildProcess, options: { host: string; port: number; user: string; password: string; database: string }, log: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`mariadbd exited with ${server.exitCode}: ${await tail(log)}`);
    try {
      const connection = await createConnection({ ...options, connectTimeout: 2_000 });
      await connection.end();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`mariadbd did not accept connections within ${START_TIMEOUT_MS / 1000} s (${String(error)}): ${await tail(log)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function stopProcess(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

async function tail(log: string): Promise<string> {
  return (await readFile(log, 'utf8').catch(() => '')).split('\n').slice(-15).join('\n');
}
