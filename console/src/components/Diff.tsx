/**
 * Two definitions side by side with each explained change highlighted on both sides, and the list of
 * changes with their compatibility (backward: new readers read old data; forward: old readers read new data).
 */
import { useState } from 'preact/hooks';
import { Badge } from './common.js';
import { jsonLines, linesOf } from './json-lines.js';
import type { Change } from '../types.js';

export function CompatBadges({ backward, forward }: { backward: boolean; forward: boolean }) {
  return (
    <>
      <Badge kind={backward ? 'ok' : 'bad'}>{backward ? 'backward compatible' : 'breaks backward'}</Badge>{' '}
      <Badge kind={forward ? 'ok' : 'warn'}>{forward ? 'forward compatible' : 'breaks forward'}</Badge>
    </>
  );
}

function Side({ title, value, changes, side, selected }: { title: string; value: unknown; changes: Change[]; side: 'before' | 'after'; selected: number | undefined }) {
  const doc = jsonLines(value);
  const marks = new Map<number, number>();
  changes.forEach((c, i) => {
    // A change only marks a side its path exists on (a removed property has no line on the new side).
    const present = side === 'before' ? c.before !== undefined || c.after === undefined : c.after !== undefined || c.before === undefined;
    const range = linesOf(doc, c.path, !present);
    if (range && present) for (let l = range[0]; l <= range[1]; l++) if (!marks.has(l) || i === selected) marks.set(l, i);
  });
  return (
    <figure class="diff-side">
      <figcaption>{title}</figcaption>
      <pre tabIndex={0} aria-label={`${title} definition`}>
        {doc.lines.map((line, n) => {
          const m = marks.get(n);
          const cls = m === undefined ? '' : `mark mark-${side}${m === selected ? ' mark-selected' : ''}`;
          return (
            <span class={`line ${cls}`} key={n}>
              {line}
              {'\n'}
            </span>
          );
        })}
      </pre>
    </figure>
  );
}

export function Diff({ before, after, changes, beforeTitle, afterTitle }: { before: unknown; after: unknown; changes: Change[]; beforeTitle: string; afterTitle: string }) {
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const backward = changes.every((c) => c.backward_compatible);
  const forward = changes.every((c) => c.forward_compatible);
  return (
    <section class="diff" aria-label="Differences">
      <p>
        {changes.length} change{changes.length === 1 ? '' : 's'}: <CompatBadges backward={backward} forward={forward} />
      </p>
      <ol class="changes">
        {changes.map((c, i) => (
          <li key={i} class={i === selected ? 'selected' : ''}>
            <button type="button" class="link" aria-pressed={i === selected} onClick={() => setSelected(i === selected ? undefined : i)}>
              <code>{c.type}</code> at <code>{c.path || '/'}</code>
            </button>{' '}
            <CompatBadges backward={c.backward_compatible} forward={c.forward_compatible} />
            <p>{c.explanation}</p>
          </li>
        ))}
      </ol>
      <div class="diff-sides">
        <Side title={beforeTitle} value={before} changes={changes} side="before" selected={selected} />
        <Side title={afterTitle} value={after} changes={changes} side="after" selected={selected} />
      </div>
    </section>
  );
}
