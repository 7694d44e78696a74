// A kind's list (kinds/*.tsx say which): read through the record's own list endpoint with its filters, the committee's
// region always among them; the filters live in the address, so a list can be reloaded or shared.
import { useEffect, useState } from "preact/hooks";
import { getJson, HttpError } from "../api";
import { dictionaries, type Lang } from "../i18n";
import { catalogue, KIND_NAMES, type KindName } from "./kinds";
import { go, linkProps } from "./route";
import type { Paged } from "./types";
import type { Words } from "./words";

const PAGE_SIZE = 25;

export function Lists({ kind: name, query, w, lang, region }: { kind: KindName; query: URLSearchParams; w: Words; lang: Lang; region: string | null }) {
  const kind = catalogue(w, dictionaries[lang])[name];
  const filter = (param: string) => query.get(param) ?? "";
  // A committee reads its own region; the ministry any, or all.
  const scope = region ?? filter("region");
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [param, value] of Object.entries(changes)) if (value) next.set(param, value); else next.delete(param);
    if (!("page" in changes)) next.delete("page");
    go(`/workspace/?${next}`, true);
  };
  const page = Number(filter("page")) || 1;
  // What was read, with the kind it was read for: a switch of section shows nothing until its own list has come.
  const [read, setRead] = useState<{ kind: KindName; found: Paged<Record<string, unknown>> } | null>(null);
  const data = read?.kind === name ? read.found : null;
  const [error, setError] = useState<HttpError | null>(null);

  const [q, setQ] = useState(filter("q"));
  useEffect(() => {
    const timer = setTimeout(() => { if (q !== filter("q")) set({ q }); }, 300);
    return () => clearTimeout(timer);
  }, [q]);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    const params: Record<string, string> = { [kind.regionParam]: scope, [kind.search]: filter("q"), page: String(page), pageSize: String(PAGE_SIZE) };
    for (const f of kind.filters) params[f.param] = filter(f.param);
    getJson<Paged<Record<string, unknown>>>(kind.api, params)
      .then(found => { if (!cancelled) setRead({ kind: name, found }); })
      .catch(e => { if (!cancelled) { setRead(null); setError(e as HttpError); } });
    return () => { cancelled = true; };
  }, [name, query.toString(), scope]);

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const [first, ...rest] = kind.columns;
  return (
    <section class="card lists" aria-labelledby="list-title">
      <div class="list-head">
        <h2 id="list-title">{kind.label}{region ? ` · ${w.regionOf(region)}` : ""}</h2>
        <a class="button" {...linkProps(`/workspace/new/${name}`)}>{kind.create.title}</a>
      </div>
      <form class="filters" role="search" onSubmit={e => { e.preventDefault(); set({ q }); }}>
        <label>{kind.search === "q" ? w.search : w.partner}
          <input type="search" name="q" value={q} onInput={e => setQ(e.currentTarget.value)} />
        </label>
        {!region && <label>{w.region}
          <input name="region" placeholder={w.allRegions} value={filter("region")} onChange={e => set({ region: e.currentTarget.value.trim() })} />
        </label>}
        {kind.filters.map(f => (
          <label key={f.param}>{f.label}
            <select name={f.param} value={filter(f.param)} onChange={e => set({ [f.param]: e.currentTarget.value })}>
              <option value="">{w.any}</option>
              {Object.entries(f.options).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </label>))}
      </form>
      {error && <div class="notice" role="alert">{error.message}</div>}
      {!data ? !error && <p class="muted">{w.loading}</p>
        : data.items.length === 0 ? <p class="muted">{w.nothing}</p>
        : <table class="records" data-list={name}>
            <thead><tr>{kind.columns.map(([label]) => <th key={label} scope="col">{label}</th>)}</tr></thead>
            <tbody>{data.items.map(record => (
              <tr key={record.id as string} data-id={record.id as string}>
                <td><a {...linkProps(`/workspace/${name}/${record.id}`)}>{first[1](record)}</a></td>
                {rest.map(([label, value]) => <td key={label}>{value(record)}</td>)}
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

/** The workspace's sections, above every page of it: each kind's list, and the spreadsheets. */
export function Sections({ current, w, lang }: { current: KindName | "sheets"; w: Words; lang: Lang }) {
  const kinds = catalogue(w, dictionaries[lang]);
  const sections: [string, string, string][] = [
    ...KIND_NAMES.map(name => [name, kinds[name].label, `/workspace/?tab=${name}`] as [string, string, string]),
    ["sheets", w.sheets, "/workspace/sheets"],
  ];
  return (
    <nav class="tabs" aria-label={w.title}>
      {sections.map(([name, label, path]) => (
        <a key={name} {...linkProps(path)} aria-current={current === name ? "page" : undefined} class={current === name ? "on" : ""}>{label}</a>
      ))}
    </nav>
  );
}
