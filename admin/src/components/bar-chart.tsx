// A small daily bar chart in SVG: bar sizes are SVG attributes (no style attributes, which the
// admin CSP forbids); every bar has a <title> and the chart a text summary for screen readers.
import { count } from '../format.ts';

const WIDTH = 240;
const HEIGHT = 56;

export function BarChart({ label, days }: { label: string; days: Array<{ day: string; value: number }> }) {
  const max = Math.max(1, ...days.map((d) => d.value));
  const total = days.reduce((sum, d) => sum + d.value, 0);
  const slot = WIDTH / Math.max(1, days.length);
  const gap = slot > 6 ? 2 : 1;
  return (
    <figure class="chart">
      <figcaption>
        <span>{label}</span> <strong>{count(total)}</strong>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${label}: ${count(total)} over ${days.length} days, at most ${count(max)} a day`}
      >
        <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} class="chart-axis" />
        {days.map((d, i) => {
          const height = d.value === 0 ? 0 : Math.max(2, (d.value / max) * (HEIGHT - 4));
          return (
            <rect
              key={d.day}
              class="chart-bar"
              x={i * slot + gap / 2}
              y={HEIGHT - height}
              width={slot - gap}
              height={height}
            >
              <title>{`${d.day}: ${count(d.value)}`}</title>
            </rect>
          );
        })}
      </svg>
    </figure>
  );
}
