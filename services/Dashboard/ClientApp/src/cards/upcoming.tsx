// What is coming: visits still planned, plan items still open and occasions within the next days, read from its own dashboard route
// and reloaded whenever the summary is (new events, a filter changed). A visit opens its record.
import { useEffect, useState } from "preact/hooks";
import { getJson } from "../api";
import type { Lang } from "../i18n";
import type { components } from "../openapi";
import type { OpenRecord } from "./card";

type Schemas = components["schemas"];
type UpcomingEntry = Schemas["UpcomingEntry"];

const labels = {
  en: {
    title: "Coming up", hint: "Visits still planned, plan items still open and occasions in the next days, by date",
    days: "Days ahead", none: "Nothing planned in these days.", visit: "visit", item: "plan item", occasion: "occasion",
  },
  ru: {
    title: "Предстоит", hint: "Запланированные визиты, невыполненные пункты планов и мероприятия на ближайшие дни, по датам",
    days: "Дней вперёд", none: "На эти дни ничего не запланировано.", visit: "визит", item: "пункт плана", occasion: "мероприятие",
  },
};

const spans = [30, 90, 180, 366];

export function UpcomingCard({ lang, region, partner, name, refreshKey, onOpen }: {
  lang: Lang; region?: string | null; partner?: string | null; name: (key: string) => string; refreshKey: unknown; onOpen: OpenRecord;
}) {
  const l = labels[lang];
  const [days, setDays] = useState(30);
  const [items, setItems] = useState<UpcomingEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    getJson<Schemas["UpcomingAnswer"]>("/api/dashboard/upcoming", { days: String(days), region, partner })
      .then(u => { setItems(u.items); setError(null); }).catch(e => setError(e.message));
  }, [days, region, partner, refreshKey]);

  return (
    <section class="card" data-card="upcoming">
      <header><h2>{l.title}</h2><p class="muted small">{l.hint}</p></header>
      <label class="small">{l.days}{" "}
        <select value={String(days)} onChange={e => setDays(Number((e.target as HTMLSelectElement).value))}>
          {spans.map(d => <option key={d} value={String(d)}>{d}</option>)}
        </select>
      </label>
      {error && <p class="notice">{error}</p>}
      {!items?.length ? <p class="muted">{l.none}</p> : (
        <ul class="recent">{items.map(u => (
          <li key={`${u.id}-${u.itemId ?? ""}`} data-upcoming={u.itemId ?? u.id} class={u.kind === "visit" ? "clickable" : ""}
            onClick={() => u.kind === "visit" && onOpen({ kind: "visit", id: u.id })}>
            <span class="pill">{u.from}{u.to && u.to !== u.from ? ` – ${u.to}` : ""}</span>
            <div><div class="title">{u.title}</div>
              <div class="muted">{u.kind === "visit" ? l.visit : u.kind === "occasion" ? l.occasion : l.item} · {name(u.region)}
                {u.partners.length ? ` ${u.direction === "outgoing" ? "→" : u.direction === "incoming" ? "←" : "↔"} ${u.partners.map(p => name(p.key)).join(", ")}` : ""}</div></div>
          </li>))}</ul>)}
    </section>
  );
}
