// Planned visits whose dates have passed, with how long ago; an item opens its visit.
import { Card, type CardProps, type OpenRecord } from "./card";

export function OverdueVisits({ summary: s, t, name, onOpen }: CardProps & { onOpen: OpenRecord }) {
  return (
    <Card title={t.overdueList} hint={t.overdueHint}>
      {s.visits.overdue.length === 0 ? <p class="muted">{t.noOverdue}</p> : (
        <ul class="overdue">{s.visits.overdue.map(v => (
          <li key={v.id} class="clickable" data-open={v.id} onClick={() => onOpen({ kind: "visit", id: v.id })}>
            <div><strong>{name(v.region)}</strong> {v.direction === "incoming" ? "←" : "→"} {v.partners.map(p => name(p.key)).join(", ")}</div>
            <div class="muted">{v.purpose ?? ""} · {v.plannedFrom}{v.plannedTo ? ` – ${v.plannedTo}` : ""}</div>
            <span class="pill alert">{t.daysOverdue(v.daysOverdue)}</span>
          </li>))}</ul>)}
    </Card>
  );
}
