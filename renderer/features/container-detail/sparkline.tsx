/** A tiny line chart of the last samples; null values leave a gap. */
export function Sparkline({
  values,
  max,
  label,
  className,
}: {
  values: readonly (number | null)[];
  max?: number;
  label: string;
  className?: string;
}) {
  const width = 220;
  const height = 44;
  const capacity = 60;
  const top = Math.max(max ?? 0, ...values.map((v) => v ?? 0), 1e-9);
  const step = width / (capacity - 1);
  const start = capacity - values.length;
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = (start + i) * step;
    const y = height - 2 - (v / top) * (height - 4);
    d += `${pen ? 'L' : 'M'} ${x.toFixed(1)} ${y.toFixed(1)} `;
    pen = true;
  });
  return (
    <svg
      className={`cd-sparkline${className ? ` ${className}` : ''}`}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <path d={d} fill="none" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
