// One record's page, whatever its kind (kinds/*.tsx): its current state, its source and quote, its history (GET
// {api}/{id}/history: who, when, what) and the actions the API allows on it in its state, each a form of its own.
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { getJson, HttpError } from "../api";
import { dictionaries, type Lang } from "../i18n";
import { ActionList } from "./actions";
import { catalogue, type Context, type KindName } from "./kinds";
import { linkProps } from "./route";
import type { HistoryEntry } from "./types";
import type { Words } from "./words";

type Source = { title?: string; quote?: string | null; url?: string | null; locator?: string | null } | null | undefined;
type Shown = { [field: string]: unknown; id: string; version: number; source?: Source; note?: string | null };

export function RecordPage({ kind: name, id, w, lang }: { kind: KindName; id: string; w: Words; lang: Lang }) {
  const t = dictionaries[lang];
  const kind = catalogue(w, t)[name];
  const path = `${kind.api}/${id}`;
  const [record, setRecord] = useState<Shown | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [failed, setFailed] = useState<number | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let timer = 0;
    const read = () => Promise.all([getJson<Shown>(path), getJson<HistoryEntry[]>(`${path}/history`)])
      .then(([found, events]) => { if (!cancelled) { setRecord(found); setHistory(events); setFailed(null); } })
      .catch(e => {
        if (cancelled) return;
        const status = e instanceof HttpError ? e.status : 0;
        setFailed(status);
        // An agreement registered from a visit's document arrives a moment after the visit names it.
        if (status === 404) timer = setTimeout(read, 1500);
      });
    read();
    return () => { cancelled = true; clearTimeout(timer); };
  }, [path, reload]);

  const back = <a {...linkProps(`/workspace/?tab=${name}`)}>← {w.back}</a>;
  if (!record) return (
    <section class="card" aria-busy="true">
      {back}
      <p class="muted" role="status">{failed === 404 ? w.waitingRecord : failed !== null ? `${w.failed} (${failed}).` : w.loading}</p>
    </section>);
  const context: Context = { w, t, lang, onSaved: () => setReload(reload + 1) };
  return (
    <article class="card record-page" data-record={record.id} data-version={record.version} data-kind={name}>
      {back}
      <h2>{kind.title(record)}</h2>
      <dl class="record-fields">
        {kind.details(record, context).map(([label, value, shows]) => <Fragment key={label}><dt>{label}</dt><dd data-shows={shows}>{value}</dd></Fragment>)}
      </dl>
      {kind.more?.(record, context)}
      <Source source={record.source} note={record.note} w={w} />
      <section aria-labelledby="actions-title" class="actions">
        <h3 id="actions-title">{w.actions}</h3>
        <ActionList actions={kind.actions(record, context)} record={record} recordPath={path} w={w} lang={lang} onSaved={context.onSaved} />
      </section>
      <History history={history} w={w} />
    </article>
  );
}

function Source({ source, note, w }: { source: Source; note: string | null | undefined; w: Words }) {
  return (
    <section class="record-source">
      <h3>{w.source}</h3>
      {source ? <>
        <div class="title">{source.title}</div>
        {source.quote && <blockquote>{source.quote}</blockquote>}
        {source.locator && <div class="muted small">{w.locator}: {source.locator}</div>}
        {source.url && <a href={source.url} target="_blank" rel="noopener noreferrer">{w.link}</a>}
      </> : <p class="muted">{w.noSource}</p>}
      {note && <><h3>{w.note}</h3><p class="record-note">{note}</p></>}
    </section>
  );
}

/** Each event of the record: when, by whom (the token's sub, role and region) and what it said, its ids left out. */
function History({ history, w }: { history: HistoryEntry[]; w: Words }) {
  return (
    <section aria-labelledby="history-title">
      <h3 id="history-title">{w.history}</h3>
      <table class="records history">
        <thead><tr><th scope="col">{w.when}</th><th scope="col">{w.who}</th><th scope="col">{w.what}</th></tr></thead>
        <tbody>{history.map(entry => (
          <tr key={entry.sequence} data-event={entry.type}>
            <td><time dateTime={entry.recordedAt}>{new Date(entry.recordedAt).toLocaleString()}</time></td>
            <td>{entry.actor.sub} <span class="muted small">{[entry.actor.role, entry.actor.region].filter(Boolean).join(", ")}</span></td>
            <td><b>{entry.type.replace(/_/g, " ")}</b> <span class="muted small">{what(entry.data)}</span></td>
          </tr>))}</tbody>
      </table>
    </section>
  );
}

function what(data: unknown): string {
  if (!data || typeof data !== "object") return "";
  return Object.entries(data as Record<string, unknown>)
    .filter(([key, value]) => value != null && !/id$/i.test(key) && key !== "metadata")
    .map(([key, value]) => `${key}: ${shown(value)}`)
    .join("; ").slice(0, 300);
}

/** A value of an event as a reader wants it: a party or place by its name, a list by its members, a group of figures by each. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map(shown).join(", ");
  if (value && typeof value === "object") {
    const named = value as { name?: unknown; title?: unknown; label?: unknown };
    const name = named.name ?? named.title ?? named.label;
    if (typeof name === "string") return name;
    return Object.entries(value).filter(([, v]) => v != null).map(([key, v]) => `${key} ${shown(v)}`).join(", ");
  }
  return String(value);
}
