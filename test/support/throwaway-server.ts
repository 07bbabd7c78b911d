/**
 * What the throwaway database servers of test/support (mariadb-server.ts, postgres-server.ts) share: a
 * temp dir of their own, a test user with a fresh password, and a stop that deletes the dir, as a start
 * that fails does.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerPlace {
  dir: string;
  user: string;
  password: string;
}

export interface ThrowawayServer {
  user: string;
  password: string;
  /** Stops the server and deletes its dir. */
  stop(): Promise<void>;
}

/**
 * Runs `start` in a fresh dir `schema-registry-<name>-*` with the user and password it is to create. `start`
 * answers the server with a stop that ends its process; on a failure it ends whatever it started itself,
 * and the dir goes here.
 */
export async function throwawayServer<S extends { stop(): Promise<void> }>(name: string, start: (place: ServerPlace) => Promise<S>): Promise<S & ThrowawayServer> {
  const place = { dir: await mkdtemp(join(tmpdir(), `schema-registry-${name}-`)), user: 'registry_test', password: `pw-${randomBytes(12).toString('hex')}` };
  const removeDir = () => rm(place.dir, { recursive: true, force: true });
  try {
    const server = await start(place);
    return {
      ...server,
      user: place.user,
      password: place.password,
      async stop() {
        await server.stop();
        await removeDir();
      },
    };
  } catch (error) {
    await removeDir();
    throw error;
  }
}
