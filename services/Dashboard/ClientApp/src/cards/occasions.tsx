// Occasions (fairs, forums, festivals) by kind, and the ones begun last, with their status.
import { BarList, barsOf } from "../charts";
import { Card, type CardProps } from "./card";

export function Occasions({ summary: s, t, name }: CardProps) {
  const o = s.occasions;
  return (
    <Card title={`${t.occasions} · ${o.total}`} hint={t.occasionsHint}>
      <BarList bars={barsOf(o.byKind, k => t.occasionKinds[k] ?? k)} empty={t.nothing} />
      {o.recent.length > 0 && <>
        <h3>{t.recentOccasions}</h3>
        <ul class="recent" data-card="occasions">{o.recent.map(x => (
          <li key={x.id} data-occasion={x.id}>
            <span class={`pill ${x.status}`}>{x.from}</span>
            <div><div class="title">{x.title}</div>
              <div class="muted">{t.occasionKinds[x.kind] ?? x.kind} · {t.occasionStatuses[x.status] ?? x.status} · {name(x.region)}
                {x.partners.length ? ` ${t.with} ${x.partners.map(p => name(p.key)).join(", ")}` : ""}</div></div>
          </li>))}</ul>
      </>}
    </Card>
  );
}
