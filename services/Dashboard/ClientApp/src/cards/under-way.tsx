// Visits begun and not yet completed, the latest begun first; an item opens its visit.
import { Card, type CardProps, type OpenRecord } from "./card";

export function VisitsUnderWay({ summary: s, t, name, onOpen }: CardProps & { onOpen: OpenRecord }) {
  return (
    <Card title={t.underWayList} hint={t.underWayHint}>
      {s.visits.underWay.length === 0 ? <p class="muted">{t.noUnderWay}</p> : (
        <ul class="overdue" data-card="under-way">{s.visits.underWay.map(v => (
          <li key={v.id} class="clickable" data-open={v.id} onClick={() => onOpen({ kind: "visit", id: v.id })}>
            <div><strong>{name(v.region)}</strong> {v.direction === "incoming" ? "←" : "→"} {v.partners.map(p => name(p.key)).join(", ")}</div>
            <div class="muted">{v.purpose ?? ""} · {t.startedOn} {v.startedOn}{v.plannedTo ? ` – ${v.plannedTo}` : ""}</div>
          </li>))}</ul>)}
    </Card>
  );
}
