// One record opened from a list: read from its own service through the gateway (the dashboard's token reads every record),
// shown with its fields, its source (title, quote, link, locator) and its note, so the page can say where each fact comes from.
import { useEffect, useState } from "preact/hooks";
import { getJson, HttpError } from "./api";
import type { Lang } from "./i18n";

export type RecordKind = "agreement" | "visit" | "report";
export interface RecordRef { kind: RecordKind; id: string }

const paths: Record<RecordKind, string> = { agreement: "/api/agreements/", visit: "/api/delegations/visits/", report: "/api/trade/reports/" };

const words = {
  en: { about: "about", atLeast: "more than", atMost: "at most", close: "Close", loading: "Loading…", failed: "The record could not be read",
    source: "Source", note: "Note", locator: "Where in it", link: "Open the document", noSource: "No source recorded.",
    kinds: { agreement: "Agreement", visit: "Visit", report: "Trade report" } as Record<RecordKind, string> },
  ru: { about: "около", atLeast: "более", atMost: "не более", close: "Закрыть", loading: "Загрузка…", failed: "Запись не удалось прочитать",
    source: "Источник", note: "Примечание", locator: "Где в нём", link: "Открыть документ", noSource: "Источник не указан.",
    kinds: { agreement: "Соглашение", visit: "Визит", report: "Торговый отчёт" } as Record<RecordKind, string> },
};

/** A figure as its source states it: "about 345", "> 190" (more than), "≤ 12"; exact figures as they are. */
export function qualified(text: string, qualifier: string | null | undefined, lang: Lang): string {
  const w = words[lang];
  return qualifier === "about" ? `${w.about} ${text}` : qualifier === "at-least" ? `> ${text}` : qualifier === "at-most" ? `≤ ${text}` : text;
}

type Party = { name?: string; level?: string; country?: string | null };
type Source = { title?: string; quote?: string | null; url?: string | null; locator?: string | null } | null;
type Loaded = Record<string, unknown> & { source?: Source; note?: string | null; qualifiers?: Record<string, string> | null };

export function RecordView({ record, lang, onClose }: { record: RecordRef; lang: Lang; onClose: () => void }) {
  const w = words[lang];
  const [data, setData] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    setData(null); setFailed(null);
    getJson<Loaded>(paths[record.kind] + record.id)
      .then(loaded => { if (!cancelled) setData(loaded); })
      .catch(e => { if (!cancelled) setFailed(e instanceof HttpError ? e.status : 0); });
    return () => { cancelled = true; };
  }, [record.kind, record.id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === "Escape") onClose(); };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <div class="record-backdrop" onClick={onClose}>
      <aside class="record" role="dialog" aria-modal="true" aria-label={w.kinds[record.kind]} data-record={record.id} onClick={e => e.stopPropagation()}>
        <header>
          <span class="muted small">{w.kinds[record.kind]}</span>
          <button class="link" onClick={onClose}>{w.close}</button>
        </header>
        {failed !== null ? <p class="muted">{w.failed}{failed ? ` (${failed})` : ""}.</p>
          : data === null ? <p class="muted">{w.loading}</p>
          : <Body kind={record.kind} data={data} lang={lang} />}
      </aside>
    </div>
  );
}

function Body({ kind, data, lang }: { kind: RecordKind; data: Loaded; lang: Lang }) {
  const w = words[lang];
  const q = data.qualifiers ?? {};
  const parties = (list: unknown) => ((list as Party[] | undefined) ?? []).map(p => p.name).filter(Boolean).join(", ");
  const figure = (name: string) => data[name] == null ? null : qualified(String(data[name]), q[name], lang);
  const period = data.period as { label?: string } | undefined;
  const host = data.host as Party | undefined;
  const rows: [string, string | null | undefined][] = kind === "agreement"
    ? [["kind", data.kind as string], ["status", data.status as string], ["parties", parties(data.parties)], ["signedOn", data.signedOn as string],
       ["validUntil", data.validUntil as string], ["place", data.place as string]]
    : kind === "visit"
    ? [["direction", data.direction as string], ["status", data.status as string], ["host", host?.name], ["guests", parties(data.guests)],
       ["plannedFrom", data.plannedFrom as string], ["plannedTo", data.plannedTo as string], ["purpose", data.purpose as string],
       ["size", figure("size")]]
    : [["reporter", (data.reporter as Party | undefined)?.name], ["partner", (data.partner as Party | undefined)?.name], ["period", period?.label],
       ["flow", data.flow as string], ["currency", [data.currency, data.unit].filter(Boolean).join(", ")], ["exports", figure("exports")],
       ["imports", figure("imports")], ["turnover", figure("turnover")], ["balance", figure("balance")], ["growthPercent", figure("growthPercent")]];
  const source = data.source;
  return (
    <>
      <h2>{(data.title as string) ?? (kind === "report" ? `${rows[0][1] ?? ""} ↔ ${rows[1][1] ?? ""}` : (data.purpose as string) ?? "")}</h2>
      <dl class="record-fields">{rows.filter(([, v]) => v != null && v !== "").flatMap(([k, v]) => [<dt key={`${k}-t`}>{k}</dt>, <dd key={k}>{v}</dd>])}</dl>
      <h3>{w.source}</h3>
      {source ? (
        <div class="record-source">
          <div class="title">{source.title}</div>
          {source.quote && <blockquote>{source.quote}</blockquote>}
          {source.locator && <div class="muted small">{w.locator}: {source.locator}</div>}
          {source.url && <a href={source.url} target="_blank" rel="noopener noreferrer">{w.link}</a>}
        </div>) : <p class="muted">{w.noSource}</p>}
      {data.note && <><h3>{w.note}</h3><p class="record-note">{data.note}</p></>}
    </>
  );
}
