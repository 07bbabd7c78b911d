/** `npm run bench`: every benchmark, one after the other, each printing ratios against its own baseline. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
for (const bench of ['validate.ts', 'budget.ts', 'cold-import.ts', 'api.ts', 'import.ts']) {
  console.log(`\n=== bench/${bench}`);
  const out = spawnSync(process.execPath, ['--no-warnings', '--import', 'tsx', `${here}${bench}`], { stdio: 'inherit' });
  if (out.status !== 0) process.exit(out.status ?? 1);
}
