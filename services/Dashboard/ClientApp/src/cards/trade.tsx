// Turnover over time: a line for each of the first eight series of a region and a partner, a point at each period's end.
import { LineChart, palette } from "../charts";
import { useFormats } from "../hooks/formats";
import { Card, type CardProps } from "./card";

export function TradeCard({ summary: s, t, lang, name }: CardProps) {
  const { number } = useFormats(lang);
  const series = s.trade.series.slice(0, 8).map((line, i) => ({
    label: `${name(line.region)} ↔ ${name(line.partner)} (${line.currency}, ${line.unit}, ${line.months} ${t.months})`,
    color: palette[i % palette.length],
    points: line.points.map(p => ({ at: endOf(p.periodTo), value: p.turnover ?? null })),
  }));
  return (
    <Card title={t.trade} hint={t.tradeHint} wide>
      {series.length ? <LineChart series={series} format={v => number.format(v)} /> : <p class="muted empty">{t.noTrade}</p>}
    </Card>
  );
}

/** The end of a partial date (2012, 2012-05, 2012-05-31) in seconds, as uPlot's time scale wants. */
function endOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const end = d ? Date.UTC(y, m - 1, d) : m ? Date.UTC(y, m, 0) : Date.UTC(y, 11, 31);
  return end / 1000;
}
