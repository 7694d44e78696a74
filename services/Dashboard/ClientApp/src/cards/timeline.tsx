// Agreements signed and visits planned, by year, from the first year either has to the last.
import { palette, Timeline } from "../charts";
import { Card, type CardProps } from "./card";

export function TimelineCard({ summary: s, t }: CardProps) {
  const years = yearRange([...Object.keys(s.agreements.byYear), ...Object.keys(s.visits.byYear)]);
  return (
    <Card title={t.timeline} hint={`${t.timelineHint} · ${t.draftsNote}`} wide>
      <div class="legend"><span><i style={{ background: palette[0] }} />{t.agreements}</span><span><i style={{ background: palette[1] }} />{t.visits}</span></div>
      {years.length ? <Timeline years={years} series={[
        { label: t.agreements, color: palette[0], values: s.agreements.byYear },
        { label: t.visits, color: palette[1], values: s.visits.byYear },
      ]} /> : <p class="muted">{t.nothing}</p>}
    </Card>
  );
}

function yearRange(keys: string[]): string[] {
  const years = keys.map(Number).filter(Number.isFinite);
  if (years.length === 0) return [];
  const out = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) out.push(String(y));
  return out;
}
