// The partners with the most agreements; picking one filters the page by it.
import { BarList, barsOf } from "../charts";
import { Card, type CardProps } from "./card";

export function ByPartner({ summary: s, t, name, onPick }: CardProps & { onPick: (partner: string) => void }) {
  return <Card title={t.byPartner}><BarList bars={barsOf(s.agreements.byPartner, name)} onPick={onPick} empty={t.nothing} /></Card>;
}
