// The agreements updated last, with their status, kind, region and partners; an item opens its agreement.
import { Card, type CardProps, type OpenRecord } from "./card";

export function RecentAgreements({ summary: s, t, name, onOpen }: CardProps & { onOpen: OpenRecord }) {
  return (
    <Card title={t.recent}>
      <ul class="recent">{s.agreements.latest.map(a => (
        <li key={a.id} class="clickable" data-open={a.id} onClick={() => onOpen({ kind: "agreement", id: a.id })}>
          <span class={`pill ${a.status}`}>{t.statuses[a.status] ?? a.status}</span>
          <div><div class="title">{a.title}</div>
            <div class="muted">{t.kinds[a.kind] ?? a.kind} · {name(a.region)}{a.partners.length ? ` ${t.with} ${a.partners.map(p => name(p.key)).join(", ")}` : ""}{a.signedOn ? ` · ${a.signedOn}` : ""}</div></div>
        </li>))}</ul>
    </Card>
  );
}
