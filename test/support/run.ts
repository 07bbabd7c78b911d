/**
 * A command run from the repository root without blocking the event loop (the test's local API server
 * shares it), answering its exit status and output rather than rejecting.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** `file` with `args`, in the environment of this process plus `env`. */
export function runFromRoot(file: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
