/**
 * A small bar chart of one KPI over quarters, as inline SVG (no chart library on this page): the bars, the
 * values above them, the quarter under each; the table beside it carries the same numbers for screen readers.
 */
export function KpiBars({ title, unit, points }: { title: string; unit: string; points: Array<{ label: string; value: number }> }) {
  const width = 320;
  const height = 150;
  const pad = { top: 18, bottom: 22, side: 6 };
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = (width - pad.side * 2) / Math.max(points.length, 1);
  const bar = Math.min(36, slot * 0.6);
  const plot = height - pad.top - pad.bottom;
  return (
    <figure className="min-w-0 rounded-md border border-gray-200 bg-white p-2">
      <figcaption className="text-xs font-medium text-gray-800">
        {title}（{unit}）
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="mt-1 h-auto w-full" role="img" aria-label={title}>
        <line x1={pad.side} x2={width - pad.side} y1={height - pad.bottom} y2={height - pad.bottom} stroke="#d1d5db" />
        {points.map((p, i) => {
          const h = (p.value / max) * plot;
          const x = pad.side + slot * i + (slot - bar) / 2;
          const y = height - pad.bottom - h;
          return (
            <g key={p.label}>
              <rect x={x} y={y} width={bar} height={Math.max(h, 1)} rx={2} className="fill-primary-600" />
              <text x={x + bar / 2} y={y - 4} textAnchor="middle" fontSize="10" fill="#374151">
                {Number.isInteger(p.value) ? p.value : p.value.toFixed(1)}
              </text>
              <text x={x + bar / 2} y={height - 6} textAnchor="middle" fontSize="10" fill="#4b5563">
                {p.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
