/** The explained changes of a diff, a dry run or a refused publish, as one table everywhere. */
import type { Schemas } from '../../typescript/src/index.js';
import type { Output } from '../output.js';

export type Change = Schemas['Change'];

export function printChanges(out: Output, changes: readonly Change[], to: 'stdout' | 'stderr' = 'stdout'): void {
  const c = to === 'stdout' ? out.color : out.err;
  const yesNo = (v: boolean) => (v ? 'yes' : 'no');
  const paint = (ok: boolean) => (s: string) => (ok ? c.green(s) : c.red(s));
  out.table(
    changes,
    [
      { header: 'CHANGE', value: (x) => x.type },
      { header: 'PATH', value: (x) => x.path || '/' },
      { header: 'BACKWARD', value: (x) => yesNo(x.backward_compatible), color: (s, x) => paint(x.backward_compatible)(s) },
      { header: 'FORWARD', value: (x) => yesNo(x.forward_compatible), color: (s, x) => paint(x.forward_compatible)(s) },
      { header: 'EXPLANATION', value: (x) => x.explanation },
    ],
    to,
  );
}
