// The row of counters at the top of the board: agreements, those in force, visits, overdue visits, trade series and
// the events the dashboard has consumed.
import { useFormats } from "../hooks/formats";
import type { CardProps } from "./card";

export function Counters({ summary: s, t, lang }: CardProps) {
  const { number, when } = useFormats(lang);
  const signed = (s.agreements.byStatus.signed ?? 0);
  const everSigned = signed + (s.agreements.byStatus.expired ?? 0) + (s.agreements.byStatus.terminated ?? 0);
  return (
    <section class="counters">
      <Counter id="agreements" label={t.agreements} value={number.format(s.agreements.total)} note={`${number.format(everSigned)} ${t.signedOfTotal}`} />
      <Counter id="in-force" label={t.inForce} value={number.format(signed)} note={t.statuses.signed} />
      <Counter id="visits" label={t.visits} value={number.format(s.visits.total)}
        note={Object.entries(s.visits.byDirection).map(([k, v]) => `${t.directions[k] ?? k}: ${v}`).join(" · ") || "—"} />
      <Counter id="overdue" label={t.overdue} value={number.format(s.visits.overdue.length)} alert={s.visits.overdue.length > 0} note={t.overdueHint} />
      <Counter id="trade" label={t.tradePartners} value={number.format(s.trade.series.length)} note={t.tradeHint} />
      <Counter id="events" label={t.eventsConsumed} value={number.format(s.eventsConsumed)}
        note={s.lastEventAt ? `${t.lastEvent}: ${when.format(new Date(s.lastEventAt))}` : t.never} />
    </section>
  );
}

function Counter({ id, label, value, note, alert }: { id: string; label: string; value: string; note: string; alert?: boolean }) {
  return (
    <div class={`counter ${alert ? "alert" : ""}`} data-counter={id}>
      <div class="counter-label">{label}</div>
      <div class="counter-value">{value}</div>
      <div class="counter-note">{note}</div>
    </div>
  );
}
