// Plans carried out and dormant agreements: two cards of their own, each read from its dashboard route and reloaded
// whenever the summary is (new events, a filter changed).
import { useEffect, useState } from "preact/hooks";
import { getJson } from "./api";
import type { Lang } from "./i18n";
import type { components } from "./openapi";

type Schemas = components["schemas"];
type PlanProgress = Schemas["PlanProgress"];
type DormantAgreement = Schemas["DormantAgreement"];

const labels = {
  en: {
    plans: "Plans carried out", plansHint: "Items of each plan of events and programme: done, open, overdue (past their due date), cancelled",
    plan: "Plan", done: "Done", open: "Open", overdue: "Overdue", cancelled: "Cancelled", noPlans: "No plans of events or programmes yet.",
    noItems: "no items listed",
    dormant: "Dormant ties", dormantHint: "Agreements in force on the date that have seen nothing since: no amendment, extension, plan, visit or project",
    since: "Nothing since", lastActivity: "Last activity", noDormant: "No dormant agreements for this date.",
    activities: {
      "signed": "signed", "amended": "amended", "extended": "extended", "plan-attached": "plan attached", "plan-item-added": "plan item added",
      "plan-item-completed": "plan item completed", "visit-linked": "visit", "visit-planned": "visit planned", "visit-held-under": "visit under it", "commission-session": "commission session", "investment-project": "investment project",
    } as Record<string, string>,
  },
  ru: {
    plans: "Выполнение планов", plansHint: "Пункты планов мероприятий и программ: выполнено, в работе, просрочено, отменено",
    plan: "План", done: "Выполнено", open: "В работе", overdue: "Просрочено", cancelled: "Отменено", noPlans: "Планов мероприятий и программ пока нет.",
    noItems: "пункты не внесены",
    dormant: "Спящие связи", dormantHint: "Соглашения, действовавшие на дату, по которым с тех пор ничего не было: ни изменений, ни продлений, ни планов, ни визитов, ни проектов",
    since: "Без активности с", lastActivity: "Последнее событие", noDormant: "На эту дату спящих соглашений нет.",
    activities: {
      "signed": "подписано", "amended": "изменено", "extended": "продлено", "plan-attached": "принят план", "plan-item-added": "внесён пункт плана",
      "plan-item-completed": "выполнен пункт плана", "visit-linked": "визит", "visit-planned": "запланирован визит", "visit-held-under": "визит в рамках", "commission-session": "заседание комиссии", "investment-project": "инвестпроект",
    } as Record<string, string>,
  },
};

/** Three years before today, as a date input writes it: the default "since" of the dormant list. */
function threeYearsAgo(): string {
  const day = new Date();
  day.setUTCFullYear(day.getUTCFullYear() - 3);
  return day.toISOString().slice(0, 10);
}

export function PlanCards({ lang, region, partner, name, refreshKey, asOf }: {
  lang: Lang; region?: string | null; partner?: string | null; name: (key: string) => string; refreshKey: unknown; asOf?: string;
}) {
  const l = labels[lang];
  const [plans, setPlans] = useState<PlanProgress[] | null>(null);
  const [since, setSince] = useState(threeYearsAgo);
  const [dormant, setDormant] = useState<{ items: DormantAgreement[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getJson<Schemas["PlansProgress"]>("/api/dashboard/plans", { region, partner, asOf })
      .then(p => { setPlans(p.plans); setError(null); }).catch(e => setError(e.message));
  }, [region, partner, asOf, refreshKey]);
  useEffect(() => {
    if (!since) return;
    getJson<Schemas["PagedOfDormantAgreement"]>("/api/dashboard/dormant", { since, region, partner, asOf, pageSize: "50" })
      .then(d => { setDormant(d); setError(null); }).catch(e => setError(e.message));
  }, [since, region, partner, asOf, refreshKey]);

  return (
    <section class="grid two">
      <section class="card wide" data-card="plans">
        <header><h2>{l.plans}</h2><p class="muted small">{l.plansHint}</p></header>
        {error && <p class="notice">{error}</p>}
        {!plans?.length ? <p class="muted">{l.noPlans}</p> : (
          <table class="table">
            <thead><tr><th>{l.plan}</th><th /><th class="num">{l.done}</th><th class="num">{l.open}</th><th class="num">{l.overdue}</th><th class="num">{l.cancelled}</th></tr></thead>
            <tbody>{plans.slice(0, 15).map(p => (
              <tr key={p.id} data-plan={p.id}>
                <td><div class="title">{p.title}</div><div class="muted small">{name(p.region)}{p.signedOn ? ` · ${p.signedOn}` : ""}</div></td>
                <td style={{ width: "30%" }}>{p.total === 0 ? <span class="muted small">{l.noItems}</span> : (
                  <div class="bar-track" title={`${p.done} / ${p.total}`}>
                    <span class="bar-fill" style={{ width: `${(100 * p.done) / p.total}%` }} />
                  </div>)}</td>
                <td class="num">{p.done}</td><td class="num">{p.open}</td>
                <td class={`num ${p.overdue > 0 ? "down" : ""}`}>{p.overdue}</td><td class="num">{p.cancelled}</td>
              </tr>))}</tbody>
          </table>)}
      </section>
      <section class="card" data-card="dormant">
        <header><h2>{l.dormant}</h2><p class="muted small">{l.dormantHint}</p></header>
        <label class="small">{l.since} <input type="date" value={since} onChange={e => setSince((e.target as HTMLInputElement).value)} /></label>
        {!dormant?.items.length ? <p class="muted">{l.noDormant}</p> : (
          <ul class="recent">{dormant.items.map(a => (
            <li key={a.id} data-dormant={a.id}>
              <span class="pill">{a.lastActivity.on}</span>
              <div><div class="title">{a.title}</div>
                <div class="muted">{name(a.region)}{a.partners.length ? ` ↔ ${a.partners.map(p => name(p.key)).join(", ")}` : ""} · {l.lastActivity}: {l.activities[a.lastActivity.kind] ?? a.lastActivity.kind}
                  {a.lastActivity.title && a.lastActivity.kind !== "signed" ? ` (${a.lastActivity.title})` : ""}</div></div>
            </li>))}</ul>)}
      </section>
    </section>
  );
}
