// Agreements by kind: cooperation, memorandum, plan of events…
import { BarList, barsOf } from "../charts";
import { Card, type CardProps } from "./card";

export function ByKind({ summary: s, t }: CardProps) {
  return <Card title={t.byKind}><BarList bars={barsOf(s.agreements.byKind, k => t.kinds[k] ?? k)} empty={t.nothing} /></Card>;
}
