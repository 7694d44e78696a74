// The latest trade figures of each region, partner and flow, the first twelve; a row opens its report.
import { useFormats } from "../hooks/formats";
import { qualified } from "../record";
import { Card, type CardProps, type OpenRecord } from "./card";

export function LatestTrade({ summary: s, t, lang, name, onOpen }: CardProps & { onOpen: OpenRecord }) {
  const { number } = useFormats(lang);
  return (
    <Card title={t.latestTrade}>
      {s.trade.latest.length === 0 ? <p class="muted">{t.nothing}</p> : (
        <table class="table">
          <thead><tr><th>{t.region} / {t.partner}</th><th>{t.period}</th><th class="num">{t.turnover}</th><th class="num">{t.growth}</th></tr></thead>
          <tbody>{s.trade.latest.slice(0, 12).map(f => (
            <tr key={`${f.region}|${f.partner}|${f.flow}`} class="clickable" data-open={f.id} onClick={() => onOpen({ kind: "report", id: f.id })}>
              <td>{name(f.region)} ↔ {name(f.partner)}</td>
              <td>{f.periodFrom === f.periodTo ? f.periodFrom : `${f.periodFrom} – ${f.periodTo}`}</td>
              <td class="num">{f.turnover == null ? "—" : `${qualified(number.format(f.turnover), f.qualifiers?.turnover, lang)} ${f.currency}`}</td>
              <td class={`num ${(f.growthPercent ?? 0) >= 0 ? "up" : "down"}`}>{f.growthPercent == null ? "—" : `${qualified(number.format(f.growthPercent), f.qualifiers?.growthPercent, lang)}%`}</td>
            </tr>))}</tbody>
        </table>)}
    </Card>
  );
}
