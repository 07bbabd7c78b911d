/** A stacked bar chart per day (SVG, no library), with the same numbers as a table for screen readers. */
export interface DayCounts {
  day: string;
  created: number;
  skipped: number;
  failed: number;
}

const SERIES = ['created', 'skipped', 'failed'] as const;

export function DayChart({ days, title }: { days: DayCounts[]; title: string }) {
  const max = Math.max(1, ...days.map((d) => d.created + d.skipped + d.failed));
  const w = 32;
  const h = 120;
  return (
    <figure class="chart">
      <svg role="img" aria-labelledby="chart-title" viewBox={`0 0 ${Math.max(1, days.length) * w + 8} ${h + 20}`} width="100%" height={h + 20}>
        <title id="chart-title">{title}</title>
        {days.map((d, i) => {
          let y = h;
          return (
            <g key={d.day}>
              {SERIES.map((k) => {
                const bh = (d[k] / max) * (h - 10);
                y -= bh;
                return <rect key={k} class={`bar-${k}`} x={i * w + 8} y={y} width={w - 8} height={bh} />;
              })}
              <text x={i * w + 8} y={h + 14} class="chart-label">
                {d.day.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <table class="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {SERIES.map((k) => (
              <th scope="col" key={k}>
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              {SERIES.map((k) => (
                <td key={k}>{d[k]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
