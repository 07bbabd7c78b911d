/**
 * Which test files are integration tests, decided from what they import rather than from a list to keep
 * up to date: a file is an integration test when it, or a test helper it imports (followed through
 * relative imports inside test/), imports one of INTEGRATION_HELPERS (DynamoDB Local) or starts processes
 * (node:child_process: npm start, Java, Python). Every other test file is a unit test: in-process, and run
 * without the DynamoDB Local of the integration project's global setup.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The helpers that need the DynamoDB Local of test/support/global-setup.ts. */
export const INTEGRATION_HELPERS = ['test/support/dynamo.ts', 'test/support/registry.ts', 'test/support/stream.ts'];

/** Every module `file` imports, statically or dynamically, as written (TypeScript's own scanner, so strings and comments do not count). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** True when `file` (absolute) reaches an integration helper or child_process through test/ imports. */
function needsIntegration(file: string, root: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  for (const spec of importsOf(file)) {
    if (spec === 'node:child_process' || spec === 'child_process') return true;
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    const path = relative(root, target).split('\\').join('/');
    if (INTEGRATION_HELPERS.includes(path)) return true;
    if (path.startsWith('test/') && needsIntegration(target, root, seen)) return true;
  }
  return false;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The test files of each project, as paths relative to `root` (the repository). */
export function testProjects(root: string): { unit: string[]; integration: string[] } {
  const unit: string[] = [];
  const integration: string[] = [];
  for (const file of testFiles(join(root, 'test')).sort()) {
    (needsIntegration(file, root) ? integration : unit).push(relative(root, file).split('\\').join('/'));
  }
  return { unit, integration };
}
