// Agreements by the region that reports them; picking one filters the page by it.
import { BarList, barsOf } from "../charts";
import { Card, type CardProps } from "./card";

export function ByRegion({ summary: s, t, name, onPick }: CardProps & { onPick: (region: string) => void }) {
  return <Card title={t.byRegion}><BarList bars={barsOf(s.agreements.byRegion, name)} onPick={onPick} empty={t.nothing} /></Card>;
}
