import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Bar { key: string; label: string; value: number; title?: string }

/** The colours of the series, in order. */
export const palette = ["#1f4e8c", "#e0703a", "#2a9d8f", "#8e5ac8", "#d64f6a", "#5c8d3a", "#c9a227", "#4a6fa5"];

/** Counts by key as bars, each labelled as label names its key. */
export function barsOf(counts: Record<string, number> | undefined, label: (key: string) => string): Bar[] {
  return Object.entries(counts ?? {}).map(([key, value]) => ({ key, value, label: label(key) }));
}

/** A ranked list of horizontal bars; clicking one can set a filter. */
export function BarList({ bars, limit = 8, onPick, empty }: { bars: Bar[]; limit?: number; onPick?: (key: string) => void; empty: string }) {
  if (bars.length === 0) return <p class="muted">{empty}</p>;
  const max = Math.max(...bars.map(b => b.value), 1);
  return (
    <ul class="bars">
      {bars.slice(0, limit).map(bar => (
        <li key={bar.key} title={bar.title ?? bar.label} class={onPick ? "pickable" : ""} onClick={() => onPick?.(bar.key)}>
          <span class="bar-label">{bar.label}</span>
          <span class="bar-track"><span class="bar-fill" style={{ width: `${(bar.value / max) * 100}%` }} /></span>
          <span class="bar-value">{bar.value}</span>
        </li>
      ))}
    </ul>
  );
}

/** Two series by year as grouped columns, drawn in SVG so that it scales with the card. */
export function Timeline({ years, series }: { years: string[]; series: { label: string; color: string; values: Record<string, number> }[] }) {
  const width = 760, height = 220, left = 30, bottom = 24, top = 12;
  const max = Math.max(1, ...series.flatMap(s => years.map(y => s.values[y] ?? 0)));
  const step = (width - left) / Math.max(years.length, 1);
  const barWidth = Math.max(2, Math.min(16, (step - 4) / series.length));
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const ticks = niceTicks(max);
  const labelEvery = Math.ceil(years.length / 16);
  return (
    <svg class="timeline" viewBox={`0 0 ${width} ${height}`} role="img" preserveAspectRatio="xMidYMid meet">
      {ticks.map(t => (
        <g key={t}>
          <line x1={left} x2={width} y1={y(t)} y2={y(t)} class="grid" />
          <text x={left - 6} y={y(t) + 4} class="axis" text-anchor="end">{t}</text>
        </g>
      ))}
      {years.map((year, i) => {
        const x0 = left + i * step + (step - barWidth * series.length) / 2;
        return (
          <g key={year}>
            {series.map((s, j) => {
              const v = s.values[year] ?? 0;
              return v > 0 ? (
                <rect x={x0 + j * barWidth} y={y(v)} width={barWidth - 1} height={y(0) - y(v)} rx={2} fill={s.color}>
                  <title>{`${year} · ${s.label}: ${v}`}</title>
                </rect>
              ) : null;
            })}
            {i % labelEvery === 0 && <text x={left + i * step + step / 2} y={height - 6} class="axis" text-anchor="middle">{year}</text>}
          </g>
        );
      })}
    </svg>
  );
}

function niceTicks(max: number): number[] {
  const step = max <= 5 ? 1 : max <= 10 ? 2 : max <= 25 ? 5 : Math.ceil(max / 5 / 10) * 10;
  const ticks = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return ticks;
}

/** Lines over time with uPlot: one series per entry, points at the end of each period. */
export function LineChart({ series, format }: { series: { label: string; color: string; points: { at: number; value: number | null }[] }[]; format: (v: number) => string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current || series.length === 0) return;
    const times = [...new Set(series.flatMap(s => s.points.map(p => p.at)))].sort((a, b) => a - b);
    const data: uPlot.AlignedData = [
      times,
      ...series.map(s => times.map(t => s.points.find(p => p.at === t)?.value ?? null)),
    ];
    const plot = new uPlot({
      width: host.current.clientWidth || 600,
      height: 240,
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        { stroke: "#5b6475", grid: { stroke: "#eef1f5" } },
        { stroke: "#5b6475", grid: { stroke: "#eef1f5" }, values: (_u, values) => values.map(v => format(v)), size: 60 },
      ],
      series: [
        {},
        ...series.map(s => ({ label: s.label, stroke: s.color, width: 2, spanGaps: true, points: { size: 6, fill: s.color }, value: (_u: uPlot, v: number | null) => v == null ? "—" : format(v) })),
      ],
    }, data, host.current);
    const resize = new ResizeObserver(() => plot.setSize({ width: host.current!.clientWidth, height: 240 }));
    resize.observe(host.current);
    return () => { resize.disconnect(); plot.destroy(); };
  }, [JSON.stringify(series)]);
  return <div class="line-chart" ref={host} />;
}
