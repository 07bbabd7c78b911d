/**
 * A throwaway PostgreSQL server (Debian's `postgresql` package) for one test file: initdb in a temp
 * dir, a free port on 127.0.0.1, password authentication, stopped and deleted at the end. As root it
 * runs as the `postgres` system user the package creates (the server refuses to run as root).
 */
import { execFile } from 'node:child_process';
import { chown, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../lib/local/dynamodb-local.js';
import { throwawayServer, type ThrowawayServer } from './throwaway-server.js';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

export interface PostgresServer extends ThrowawayServer {
  /** postgres://USER:PASSWORD@127.0.0.1:PORT/postgres */
  url: string;
}

/** Why the server cannot be started here, or undefined when it can. */
export async function postgresUnavailable(): Promise<string | undefined> {
  if (!(await binDir())) return `PostgreSQL is not installed (no ${PG_ROOT}/*/bin/initdb); .ci/run installs Debian's postgresql`;
  if (process.getuid?.() === 0 && !(await systemUser())) return 'running as root and there is no "postgres" system user to run the server as';
  return undefined;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = await binDir();
  if (!bin) throw new Error(await postgresUnavailable());
  const owner = process.getuid?.() === 0 ? await systemUser() : undefined;
  const asOwner = (command: string, args: string[]) =>
    owner ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args);

  return throwawayServer('pg', async ({ dir, user, password }) => {
    const data = join(dir, 'data');
    const pwfile = join(dir, 'pwfile');
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (owner) {
      await chown(dir, owner.uid, owner.gid);
      await chown(pwfile, owner.uid, owner.gid);
    }
    await asOwner('initdb', ['-D', data, '-U', user, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=40`;
    await asOwner('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    return {
      url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
      stop: () => asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).then(() => {}, () => {}),
    };
  });
}

async function binDir(): Promise<string | undefined> {
  const versions = await readdir(PG_ROOT).catch(() => [] as string[]);
  const newest = versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const version of newest) {
    const bin = join(PG_ROOT, version, 'bin');
    if ((await readdir(bin).catch(() => [] as string[])).includes('initdb')) return bin;
  }
  return undefined;
}

async function systemUser(): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}
