// Exchanges of people (students, teachers, specialists) per partner and by kind; picking a partner filters the page by it.
import { BarList, barsOf } from "../charts";
import { Card, type CardProps } from "./card";

export function Exchanges({ summary: s, t, name, onPick }: CardProps & { onPick: (partner: string) => void }) {
  const x = s.exchanges;
  return (
    <Card title={`${t.exchanges} · ${x.total}`} hint={t.exchangesHint}>
      <BarList bars={barsOf(x.byPartner, name)} onPick={onPick} empty={t.nothing} />
      {x.total > 0 && <p class="muted small" data-exchange-kinds>
        {Object.entries(x.byKind).map(([k, v]) => `${t.exchangeKinds[k] ?? k}: ${v}`).join(" · ")}</p>}
    </Card>
  );
}
