/** The project root, located from this file so synth works from any working directory. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Absolute path of a project file; fails naming the file when it does not exist. */
export function projectPath(relative: string): string {
  const path = join(PROJECT_ROOT, relative);
  if (!existsSync(path)) throw new Error(`${relative} does not exist under ${PROJECT_ROOT}; give a path relative to the project root, e.g. functions/health.ts`);
  return path;
}
