// One record's page: its current state, its source and quote, its history (GET .../{id}/history: who, when, what) and
// the actions the API allows on it, each a form of its own (actions.tsx).
import { useEffect, useState } from "preact/hooks";
import { getJson, HttpError } from "../api";
import { dictionaries, type Lang } from "../i18n";
import { AgreementActions, PlanItemActions, VisitActions } from "./actions";
import { linkProps } from "./route";
import type { Agreement, HistoryEntry, PlanItem, ProgrammeItem, Visit } from "./types";
import type { Words } from "./words";

type Kind = "agreement" | "visit";
const paths: Record<Kind, string> = { agreement: "/api/agreements/", visit: "/api/delegations/visits/" };
type Source = { title?: string; quote?: string | null; url?: string | null; locator?: string | null } | null | undefined;
type Named = { name?: string };
const names = (list: unknown) => ((list as Named[] | null | undefined) ?? []).map(p => p.name).filter(Boolean).join(", ");

export function RecordPage({ kind, id, w, lang }: { kind: Kind; id: string; w: Words; lang: Lang }) {
  const [record, setRecord] = useState<Agreement | Visit | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [failed, setFailed] = useState<number | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let timer = 0;
    const read = () => Promise.all([getJson<Agreement | Visit>(paths[kind] + id), getJson<HistoryEntry[]>(`${paths[kind]}${id}/history`)])
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
  }, [kind, id, reload]);

  if (!record) return (
    <section class="card" aria-busy="true">
      <a {...linkProps(`/workspace/?tab=${kind}s`)}>← {w.back}</a>
      <p class="muted" role="status">{failed === 404 ? w.waitingRecord : failed !== null ? `${w.failed} (${failed}).` : w.loading}</p>
    </section>);
  return (
    <article class="card record-page" data-record={record.id} data-version={record.version}>
      <a {...linkProps(`/workspace/?tab=${kind}s`)}>← {w.back}</a>
      {kind === "agreement"
        ? <AgreementBody a={record as Agreement} w={w} lang={lang} onSaved={() => setReload(reload + 1)} />
        : <VisitBody v={record as Visit} w={w} lang={lang} />}
      <Source source={record.source as Source} note={record.note} w={w} />
      <section aria-labelledby="actions-title" class="actions">
        <h3 id="actions-title">{w.actions}</h3>
        {kind === "agreement"
          ? <AgreementActions record={record as Agreement} w={w} lang={lang} onSaved={() => setReload(reload + 1)} />
          : <VisitActions record={record as Visit} w={w} lang={lang} onSaved={() => setReload(reload + 1)} />}
      </section>
      <History history={history} w={w} />
    </article>
  );
}

function AgreementBody({ a, w, lang, onSaved }: { a: Agreement; w: Words; lang: Lang; onSaved: () => void }) {
  const t = dictionaries[lang];
  const items = (a.items ?? []) as PlanItem[];
  const amendments = (a.amendments ?? []) as { summary?: string; effectiveOn?: string | null }[];
  return (
    <>
      <h2>{a.title}</h2>
      <dl class="record-fields">
        <dt>{w.kind}</dt><dd>{t.kinds[a.kind] ?? a.kind}</dd>
        <dt>{w.status}</dt><dd data-shows="status">{t.statuses[a.status] ?? a.status}</dd>
        <dt>{w.parties}</dt><dd>{names(a.parties)}</dd>
        <dt>{w.signedOn}</dt><dd>{(a.signedOn as string | null) ?? "—"}</dd>
        {a.validUntil != null && <><dt>{w.validUntil}</dt><dd data-shows="validUntil">{a.validUntil as string}</dd></>}
      </dl>
      {amendments.length > 0 && <>
        <h3>{w.amendments}</h3>
        <ul class="amendments">{amendments.map((m, i) => <li key={i}>{m.effectiveOn ? `${m.effectiveOn}: ` : ""}{m.summary}</li>)}</ul>
      </>}
      {items.length > 0 && <>
        <h3>{w.items}</h3>
        <ul class="plan-items">{items.map(item => (
          <li key={item.id} data-item={item.id} data-state={item.state}>
            <b>{item.title}</b>{item.due ? ` · ${w.due} ${item.due}` : ""} · <span data-shows="state">{w.itemStates[item.state] ?? item.state}</span>
            {item.completedOn ? ` ${item.completedOn}` : ""}{item.note ? ` — ${item.note}` : ""}{item.cancelReason ? ` — ${item.cancelReason}` : ""}
            <PlanItemActions record={a} item={item} w={w} lang={lang} onSaved={onSaved} />
          </li>))}</ul>
      </>}
    </>
  );
}

function VisitBody({ v, w, lang }: { v: Visit; w: Words; lang: Lang }) {
  const t = dictionaries[lang];
  const documents = v.documents as { id: string; title: string; signedOn?: string | null; agreementId: string }[];
  const programme = (v.programme ?? []) as ProgrammeItem[];
  const completion = v.completion as { from?: string; to?: string; summary?: string | null } | null | undefined;
  return (
    <>
      <h2>{v.purpose || `${v.host.name} · ${v.plannedFrom}`}</h2>
      <dl class="record-fields">
        <dt>{w.direction}</dt><dd>{v.direction === "incoming" ? w.incoming : w.outgoing}</dd>
        <dt>{w.status}</dt><dd data-shows="status">{t.statuses[v.status] ?? v.status}</dd>
        <dt>{w.host}</dt><dd>{v.host.name}</dd>
        <dt>{w.guests}</dt><dd>{names(v.guests)}</dd>
        <dt>{w.plannedFrom}</dt><dd data-shows="plannedFrom">{v.plannedFrom}</dd>
        {v.plannedTo != null && <><dt>{w.plannedTo}</dt><dd data-shows="plannedTo">{v.plannedTo as string}</dd></>}
        {completion && <><dt>{w.completion}</dt><dd>{[completion.from, completion.to].filter(Boolean).join(" – ")}{completion.summary ? `: ${completion.summary}` : ""}</dd></>}
      </dl>
      {programme.length > 0 && <>
        <h3>{w.programmeItems}</h3>
        <ul class="programme">{programme.map((p, i) => <li key={i}>{p.on ? `${p.on} · ` : ""}{p.kind}: {p.description}</li>)}</ul>
      </>}
      {documents.length > 0 && <>
        <h3>{w.documents}</h3>
        <ul class="documents">{documents.map(d => (
          <li key={d.id} data-document={d.id}>
            {d.title}{d.signedOn ? ` (${d.signedOn})` : ""} — {w.becameAgreement}{" "}
            <a {...linkProps(`/workspace/agreements/${d.agreementId}`)} data-agreement={d.agreementId}>{w.openAgreement}</a>
          </li>))}</ul>
      </>}
    </>
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

/** A value of an event as a reader wants it: a party or place by its name, a list by its members, the rest briefly. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map(shown).join(", ");
  if (value && typeof value === "object") {
    const named = value as { name?: unknown; title?: unknown; label?: unknown };
    const name = named.name ?? named.title ?? named.label;
    return typeof name === "string" ? name : JSON.stringify(value).slice(0, 80);
  }
  return String(value);
}
