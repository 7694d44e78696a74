// The region's agreements and visits, read through the records' own list endpoints (GET /api/agreements,
// GET /api/delegations/visits) with their filters; the filters live in the address, so a list can be reloaded or shared.
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { getJson, HttpError } from "../api";
import { dictionaries, type Lang } from "../i18n";
import { go, linkProps } from "./route";
import type { Agreement, Paged, Visit } from "./types";
import type { Words } from "./words";

const PAGE_SIZE = 25;

const partyNames = (parties: { name?: string }[] | null | undefined) => (parties ?? []).map(p => p.name).filter(Boolean).join(", ");

export function Lists({ tab, query, w, lang, region }: { tab: "agreements" | "visits"; query: URLSearchParams; w: Words; lang: Lang; region: string | null }) {
  const t = dictionaries[lang];
  const filter = (name: string) => query.get(name) ?? "";
  // A committee reads its own region; the ministry any, or all.
  const scope = region ?? filter("region");
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [name, value] of Object.entries(changes)) if (value) next.set(name, value); else next.delete(name);
    if (!("page" in changes)) next.delete("page");
    go(`/workspace/?${next}`, true);
  };
  const page = Number(filter("page")) || 1;
  // What was read, with the tab it was read for: a switch of tab shows nothing until its own list has come.
  const [read, setRead] = useState<{ tab: string; found: Paged<Agreement> | Paged<Visit> } | null>(null);
  const data = read?.tab === tab ? read.found : null;
  const [error, setError] = useState<HttpError | null>(null);

  const [q, setQ] = useState(filter("q"));
  useEffect(() => {
    const timer = setTimeout(() => { if (q !== filter("q")) set({ q }); }, 300);
    return () => clearTimeout(timer);
  }, [q]);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    const common = { region: scope, status: filter("status"), page: String(page), pageSize: String(PAGE_SIZE) };
    const list = tab === "agreements"
      ? getJson<Paged<Agreement>>("/api/agreements", { ...common, q: filter("q"), kind: filter("kind") })
      : getJson<Paged<Visit>>("/api/delegations/visits", { ...common, direction: filter("direction"), partner: filter("q") });
    list.then(found => { if (!cancelled) setRead({ tab, found }); }).catch(e => { if (!cancelled) { setRead(null); setError(e as HttpError); } });
    return () => { cancelled = true; };
  }, [tab, query.toString(), scope]);

  const statuses = tab === "agreements" ? ["draft", "signed", "expired", "terminated"] : ["planned", "under-way", "overdue", "completed", "cancelled"];
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <section class="card lists" aria-labelledby="list-title">
      <Sections current={tab} w={w}>
        <a class="button" {...linkProps(tab === "agreements" ? "/workspace/new/agreement" : "/workspace/new/visit")}>
          {tab === "agreements" ? w.newAgreement : w.planVisit}
        </a>
      </Sections>
      <h2 id="list-title">{region ? w.regionOf(region) : w[tab]}</h2>
      <form class="filters" role="search" onSubmit={e => { e.preventDefault(); set({ q }); }}>
        <label>{tab === "agreements" ? w.search : w.partner}
          <input type="search" name="q" value={q} onInput={e => setQ(e.currentTarget.value)} />
        </label>
        {!region && <label>{w.region}
          <input name="region" placeholder={w.allRegions} value={filter("region")} onChange={e => set({ region: e.currentTarget.value.trim() })} />
        </label>}
        <label>{w.status}
          <select name="status" value={filter("status")} onChange={e => set({ status: e.currentTarget.value })}>
            <option value="">{w.any}</option>
            {statuses.map(s => <option key={s} value={s}>{t.statuses[s] ?? s}</option>)}
          </select>
        </label>
        {tab === "agreements"
          ? <label>{w.kind}
              <select name="kind" value={filter("kind")} onChange={e => set({ kind: e.currentTarget.value })}>
                <option value="">{w.any}</option>
                {Object.entries(t.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
              </select>
            </label>
          : <label>{w.direction}
              <select name="direction" value={filter("direction")} onChange={e => set({ direction: e.currentTarget.value })}>
                <option value="">{w.any}</option>
                <option value="incoming">{w.incoming}</option>
                <option value="outgoing">{w.outgoing}</option>
              </select>
            </label>}
      </form>
      {error && <div class="notice" role="alert">{error.message}</div>}
      {!data ? !error && <p class="muted">{w.loading}</p>
        : data.items.length === 0 ? <p class="muted">{w.nothing}</p>
        : tab === "agreements"
          ? <table class="records" data-list="agreements">
              <thead><tr><th scope="col">{w.titleField}</th><th scope="col">{w.kind}</th><th scope="col">{w.status}</th><th scope="col">{w.signedOn}</th><th scope="col">{w.parties}</th></tr></thead>
              <tbody>{(data.items as Agreement[]).map(a => (
                <tr key={a.id} data-id={a.id}>
                  <td><a {...linkProps(`/workspace/agreements/${a.id}`)}>{a.title}</a></td>
                  <td>{t.kinds[a.kind] ?? a.kind}</td><td>{t.statuses[a.status] ?? a.status}</td>
                  <td>{(a.signedOn as string | null) ?? "—"}</td><td>{partyNames(a.parties as { name?: string }[])}</td>
                </tr>))}</tbody>
            </table>
          : <table class="records" data-list="visits">
              <thead><tr><th scope="col">{w.purpose}</th><th scope="col">{w.direction}</th><th scope="col">{w.status}</th><th scope="col">{w.plannedFrom}</th><th scope="col">{w.guests}</th></tr></thead>
              <tbody>{(data.items as Visit[]).map(v => (
                <tr key={v.id} data-id={v.id}>
                  <td><a {...linkProps(`/workspace/visits/${v.id}`)}>{v.purpose || `${v.host.name} · ${v.plannedFrom}`}</a></td>
                  <td>{v.direction === "incoming" ? w.incoming : w.outgoing}</td><td>{t.statuses[v.status] ?? v.status}</td>
                  <td>{[v.plannedFrom, v.plannedTo].filter(Boolean).join(" – ")}</td><td>{partyNames(v.guests as { name?: string }[])}</td>
                </tr>))}</tbody>
            </table>}
      {data && pages > 1 && (
        <nav class="pager" aria-label={w.pageOf(page, pages)}>
          <button type="button" disabled={page <= 1} onClick={() => set({ page: String(page - 1) })}>{w.previous}</button>
          <span>{w.pageOf(page, pages)}</span>
          <button type="button" disabled={page >= pages} onClick={() => set({ page: String(page + 1) })}>{w.next}</button>
        </nav>)}
    </section>
  );
}

/** The workspace's sections: the region's agreements and visits, and its spreadsheets; what the section offers goes at the right. */
export function Sections({ current, w, children }: { current: "agreements" | "visits" | "sheets"; w: Words; children?: ComponentChildren }) {
  const sections = [["agreements", "/workspace/?tab=agreements"], ["visits", "/workspace/?tab=visits"], ["sheets", "/workspace/sheets"]] as const;
  return (
    <nav class="tabs" aria-label={w.title}>
      {sections.map(([name, path]) => (
        <a key={name} {...linkProps(path)} aria-current={current === name ? "page" : undefined} class={current === name ? "on" : ""}>{w[name]}</a>
      ))}
      <span class="spacer" />
      {children}
    </nav>
  );
}
