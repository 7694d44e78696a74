// Agreements by status and, where there are any, visits by status.
import { BarList, barsOf } from "../charts";
import { Card, type CardProps } from "./card";

export function ByStatus({ summary: s, t }: CardProps) {
  const status = (k: string) => t.statuses[k] ?? k;
  return (
    <Card title={t.byStatus}>
      <BarList bars={barsOf(s.agreements.byStatus, status)} empty={t.nothing} />
      {Object.keys(s.visits.byStatus).length > 0 && <>
        <h3>{t.visits}</h3>
        <BarList bars={barsOf(s.visits.byStatus, status)} empty={t.nothing} />
      </>}
    </Card>
  );
}
