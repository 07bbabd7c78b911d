/**
 * Lists every skipped test at the end of the run, so the reason each one carries in its name (a missing
 * ../shared corpus, Python packages, Chromium, PostgreSQL) shows without a verbose reporter.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped = testModules.flatMap((m) => [...m.children.allTests('skipped')].map((t) => `  ${m.moduleId.replace(process.cwd() + '/', '')}: ${t.fullName}`));
    if (skipped.length) console.log(`\nskipped (${skipped.length}), each with its reason:\n${skipped.join('\n')}\n`);
  }
}
