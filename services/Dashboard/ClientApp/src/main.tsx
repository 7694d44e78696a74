import { render, type ComponentChildren } from "preact";
import { useMemo, useRef, useState } from "preact/hooks";
import { claims, type Counts, type Summary } from "./api";
import { BarList, LineChart, Timeline, type Bar } from "./charts";
import { describe } from "./feed";
import { useFeed, type FeedItem } from "./hooks/feed";
import { useFilters } from "./hooks/filters";
import { useLang } from "./hooks/lang";
import { useDevTokens, useSession } from "./hooks/session";
import { useSummary } from "./hooks/summary";
import { PlanCards } from "./plans";
import { dictionaries, placeName, type Dict, type Lang } from "./i18n";
import { qualified, RecordView, type RecordRef } from "./record";
import "./styles.css";

const palette = ["#1f4e8c", "#e0703a", "#2a9d8f", "#8e5ac8", "#d64f6a", "#5c8d3a", "#c9a227", "#4a6fa5"];

function App() {
  const [lang, setLang] = useLang();
  const t = dictionaries[lang];
  const session = useSession();
  const { region, partner, setRegion, setPartner } = useFilters();
  // Titles the feed names later events by: from the summary's latest agreements and from the feed itself.
  const titles = useRef(new Map<string, string>()).current;
  const { summary, error, setError, refresh, clear } = useSummary(session.token, region, partner, titles);
  const { feed, state: feedState } = useFeed(session.token, titles, refresh, setError);

  const signOut = () => { session.signOut(); clear(); };
  const who = claims(session.token);

  if (!session.token || error?.status === 401 || error?.status === 403)
    return (
      <Shell lang={lang} setLang={setLang} t={t} right={session.token ? <button class="link" onClick={signOut}>{t.signOut}</button> : null}>
        <SignIn t={t} devAvailable={session.devAvailable} message={error?.status === 403 ? t.forbidden : error?.status === 401 ? t.expired : null}
          onToken={value => { session.signIn(value); setError(null); }} />
      </Shell>
    );

  const name = placeName(summary, lang);
  const bars = (counts: Record<string, number> | undefined, label: (k: string) => string = name): Bar[] =>
    Object.entries(counts ?? {}).map(([key, value]) => ({ key, value, label: label(key) }));

  return (
    <Shell lang={lang} setLang={setLang} t={t} right={
      <div class="who">
        <span class={`status ${feedState}`}><i />{feedState === "live" ? t.live : feedState === "connecting" ? t.connecting : t.offline}</span>
        <span class="role">{who.sub} · {t[(who.role ?? "ministry") as "ministry"] ?? who.role}</span>
        <button class="link" onClick={signOut}>{t.signOut}</button>
      </div>}>
      <Filters t={t} summary={summary} lang={lang} region={region} partner={partner} setRegion={setRegion} setPartner={setPartner} />
      {error && <div class="notice">{error.status >= 500 || error.status === 0 ? t.unavailable : error.message}</div>}
      {!summary ? <div class="loading">{t.connecting}</div> : <Board summary={summary} t={t} lang={lang} name={name} bars={bars}
        feed={feed} titles={titles} setRegion={setRegion} setPartner={setPartner} />}
    </Shell>
  );
}

function Shell({ children, lang, setLang, t, right }: { children: ComponentChildren; lang: Lang; setLang: (lang: Lang) => void; t: Dict; right: ComponentChildren }) {
  return (
    <div class="page">
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            <svg viewBox="0 0 32 32" width="30" height="30"><rect width="32" height="32" rx="8" fill="#1f4e8c" /><path d="M9 20l5-8 4 5 5-7" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round" /></svg>
          </span>
          <div><h1>{t.title}</h1><p>{t.subtitle}</p></div>
        </div>
        <div class="top-right">
          {right}
          <div class="lang" role="group" aria-label="Language">
            {(["ru", "en"] as Lang[]).map(l => <button key={l} class={l === lang ? "on" : ""} aria-pressed={l === lang} onClick={() => setLang(l)}>{l.toUpperCase()}</button>)}
          </div>
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}

function SignIn({ t, devAvailable, message, onToken }: { t: Dict; devAvailable: boolean | null; message: string | null; onToken: (token: string) => void }) {
  const [value, setValue] = useState("");
  const demo = useDevTokens(devAvailable, onToken);
  return (
    <section class="card signin">
      <h2>{t.signIn}</h2>
      {message && <div class="notice">{message}</div>}
      <p class="muted">{t.signInHint}</p>
      <form onSubmit={e => { e.preventDefault(); if (value.trim()) onToken(value); }}>
        <label>{t.token}<textarea rows={4} value={value} onInput={e => setValue((e.target as HTMLTextAreaElement).value)} spellcheck={false} /></label>
        <button type="submit" class="primary">{t.useToken}</button>
      </form>
      {demo.available && (
        <div class="demo">
          <span class="muted">{t.demoAs}</span>
          {(["ministry", "auditor"] as const).map(role => (
            <button key={role} onClick={() => demo.signInAs(role)}>{t[role]}</button>
          ))}
        </div>
      )}
    </section>
  );
}

function Filters({ t, summary, lang, region, partner, setRegion, setPartner }: {
  t: Dict; summary: Summary | null; lang: Lang; region: string; partner: string; setRegion: (region: string) => void; setPartner: (partner: string) => void;
}) {
  const name = placeName(summary, lang);
  const byName = (a: string, b: string) => name(a).localeCompare(name(b), lang);
  const regions: string[] = [...(summary?.regions ?? [])].sort(byName);
  const partners: string[] = summary?.partners ?? [];
  const countries = partners.filter(p => /^[A-Z]{2}$/.test(p)).sort(byName);
  const others = partners.filter(p => !/^[A-Z]{2}$/.test(p)).sort(byName);
  return (
    <div class="filters">
      <label>{t.region}
        <select name="region" value={region} onChange={e => setRegion((e.target as HTMLSelectElement).value)}>
          <option value="">{t.allRegions}</option>
          {region && !regions.includes(region) && <option value={region}>{name(region)}</option>}
          {regions.map(r => <option key={r} value={r}>{name(r)}</option>)}
        </select>
      </label>
      <label>{t.partner}
        <select name="partner" value={partner} onChange={e => setPartner((e.target as HTMLSelectElement).value)}>
          <option value="">{t.allPartners}</option>
          {partner && !partners.includes(partner) && <option value={partner}>{name(partner)}</option>}
          <optgroup label={t.countries}>{countries.map(p => <option key={p} value={p}>{name(p)}</option>)}</optgroup>
          <optgroup label={t.partnerRegions}>{others.map(p => <option key={p} value={p}>{name(p)}</option>)}</optgroup>
        </select>
      </label>
      {(region || partner) && <button class="link" onClick={() => { setRegion(""); setPartner(""); }}>{t.clear}</button>}
    </div>
  );
}

function Board({ summary: s, t, lang, name, bars, feed, titles, setRegion, setPartner }: {
  summary: Summary; t: Dict; lang: Lang; name: (key: string) => string; bars: (counts: Counts | undefined, label?: (key: string) => string) => Bar[];
  feed: FeedItem[]; titles: Map<string, string>; setRegion: (region: string) => void; setPartner: (partner: string) => void;
}) {
  const number = useMemo(() => new Intl.NumberFormat(lang === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: 1 }), [lang]);
  const when = useMemo(() => new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", { dateStyle: "medium", timeStyle: "short" }), [lang]);
  const time = useMemo(() => new Intl.DateTimeFormat(lang === "ru" ? "ru-RU" : "en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" }), [lang]);
  const [open, setOpen] = useState<RecordRef | null>(null);
  const signed = (s.agreements.byStatus.signed ?? 0);
  const everSigned = signed + (s.agreements.byStatus.expired ?? 0) + (s.agreements.byStatus.terminated ?? 0);
  const years = yearRange([...Object.keys(s.agreements.byYear), ...Object.keys(s.visits.byYear)]);
  const series = s.trade.series.slice(0, 8).map((line, i) => ({
    label: `${name(line.region)} ↔ ${name(line.partner)} (${line.currency}, ${line.unit}, ${line.months} ${t.months})`,
    color: palette[i % palette.length],
    points: line.points.map(p => ({ at: endOf(p.periodTo), value: p.turnover })),
  }));
  return (
    <>
      {open && <RecordView record={open} lang={lang} onClose={() => setOpen(null)} />}
      <section class="counters">
        <Counter id="agreements" label={t.agreements} value={number.format(s.agreements.total)} note={`${number.format(everSigned)} ${t.signedOfTotal}`} />
        <Counter id="in-force" label={t.inForce} value={number.format(signed)} note={t.statuses.signed} />
        <Counter id="visits" label={t.visits} value={number.format(s.visits.total)}
          note={Object.entries(s.visits.byDirection).map(([k, v]) => `${t.directions[k] ?? k}: ${v}`).join(" · ") || "—"} />
        <Counter id="overdue" label={t.overdue} value={number.format(s.visits.overdue.length)} alert={s.visits.overdue.length > 0} note={t.overdueHint} />
        <Counter id="trade" label={t.tradePartners} value={number.format(s.trade.series.length)} note={t.tradeHint} />
        <Counter id="events" label={t.eventsConsumed} value={number.format(s.eventsConsumed)}
          note={s.lastEventAt ? `${t.lastEvent}: ${when.format(new Date(s.lastEventAt))}` : t.never} />
      </section>

      <section class="grid two">
        <Card title={t.timeline} hint={`${t.timelineHint} · ${t.draftsNote}`} wide>
          <div class="legend"><span><i style={{ background: palette[0] }} />{t.agreements}</span><span><i style={{ background: palette[1] }} />{t.visits}</span></div>
          {years.length ? <Timeline years={years} series={[
            { label: t.agreements, color: palette[0], values: s.agreements.byYear },
            { label: t.visits, color: palette[1], values: s.visits.byYear },
          ]} /> : <p class="muted">{t.nothing}</p>}
        </Card>
        <Card title={t.byKind}><BarList bars={bars(s.agreements.byKind, k => t.kinds[k] ?? k)} empty={t.nothing} /></Card>
      </section>

      <section class="grid three">
        <Card title={t.byRegion}><BarList bars={bars(s.agreements.byRegion)} onPick={setRegion} empty={t.nothing} /></Card>
        <Card title={t.byPartner}><BarList bars={bars(s.agreements.byPartner)} onPick={setPartner} empty={t.nothing} /></Card>
        <Card title={t.byStatus}>
          <BarList bars={bars(s.agreements.byStatus, k => t.statuses[k] ?? k)} empty={t.nothing} />
          {Object.keys(s.visits.byStatus).length > 0 && <>
            <h3>{t.visits}</h3>
            <BarList bars={bars(s.visits.byStatus, k => t.statuses[k] ?? k)} empty={t.nothing} />
          </>}
        </Card>
      </section>

      <section class="grid two">
        <Card title={t.trade} hint={t.tradeHint} wide>
          {series.length ? <LineChart series={series} format={v => number.format(v)} /> : <p class="muted empty">{t.noTrade}</p>}
        </Card>
        <Card title={t.latestTrade}>
          {s.trade.latest.length === 0 ? <p class="muted">{t.nothing}</p> : (
            <table class="table">
              <thead><tr><th>{t.region} / {t.partner}</th><th>{t.period}</th><th class="num">{t.turnover}</th><th class="num">{t.growth}</th></tr></thead>
              <tbody>{s.trade.latest.slice(0, 12).map(f => (
                <tr key={`${f.region}|${f.partner}|${f.flow}`} class="clickable" data-open={f.id} onClick={() => setOpen({ kind: "report", id: f.id })}>
                  <td>{name(f.region)} ↔ {name(f.partner)}</td>
                  <td>{f.periodFrom === f.periodTo ? f.periodFrom : `${f.periodFrom} – ${f.periodTo}`}</td>
                  <td class="num">{f.turnover == null ? "—" : `${qualified(number.format(f.turnover), f.qualifiers?.turnover, lang)} ${f.currency}`}</td>
                  <td class={`num ${(f.growthPercent ?? 0) >= 0 ? "up" : "down"}`}>{f.growthPercent == null ? "—" : `${qualified(number.format(f.growthPercent), f.qualifiers?.growthPercent, lang)}%`}</td>
                </tr>))}</tbody>
            </table>)}
        </Card>
      </section>

      <PlanCards lang={lang} region={s.filters.region} partner={s.filters.partner} name={name} refreshKey={s} />

      <section class="grid two">
        <div class="stack">
          <Card title={t.overdueList} hint={t.overdueHint}>
            {s.visits.overdue.length === 0 ? <p class="muted">{t.noOverdue}</p> : (
              <ul class="overdue">{s.visits.overdue.map(v => (
                <li key={v.id} class="clickable" data-open={v.id} onClick={() => setOpen({ kind: "visit", id: v.id })}>
                  <div><strong>{name(v.region)}</strong> {v.direction === "incoming" ? "←" : "→"} {v.partners.map(p => name(p.key)).join(", ")}</div>
                  <div class="muted">{v.purpose ?? ""} · {v.plannedFrom}{v.plannedTo ? ` – ${v.plannedTo}` : ""}</div>
                  <span class="pill alert">{t.daysOverdue(v.daysOverdue)}</span>
                </li>))}</ul>)}
          </Card>
          <Card title={t.recent}>
            <ul class="recent">{s.agreements.latest.map(a => (
              <li key={a.id} class="clickable" data-open={a.id} onClick={() => setOpen({ kind: "agreement", id: a.id })}>
                <span class={`pill ${a.status}`}>{t.statuses[a.status] ?? a.status}</span>
                <div><div class="title">{a.title}</div>
                  <div class="muted">{t.kinds[a.kind] ?? a.kind} · {name(a.region)}{a.partners.length ? ` ${t.with} ${a.partners.map(p => name(p.key)).join(", ")}` : ""}{a.signedOn ? ` · ${a.signedOn}` : ""}</div></div>
              </li>))}</ul>
          </Card>
        </div>
        <Card title={t.feed} hint={t.feedHint} wide>
          {feed.length === 0 ? <p class="muted">{t.feedEmpty}</p> : (
            <ol class="feed" aria-live="polite">{feed.map(entry => {
              const { headline, detail } = describe(entry, t, lang, s, titles);
              const actor = entry.message?.metadata?.actor;
              return (
                <li key={entry.sequence} class={entry.fresh ? "fresh" : ""} data-sequence={entry.sequence}>
                  <time dateTime={entry.recordedAt} title={when.format(new Date(entry.recordedAt))}>{time.format(new Date(entry.recordedAt))}</time>
                  <div>
                    <div><span class={`service ${entry.service}`}>{entry.service}</span> <strong>{headline}</strong>{entry.replayed && <span class="pill">{t.replayed}</span>}</div>
                    <div class="detail">{detail}</div>
                    {actor && <div class="muted small">{[actor.region && name(actor.region), actor.sub].filter(Boolean).join(" · ")}</div>}
                  </div>
                </li>);
            })}</ol>)}
        </Card>
      </section>
    </>
  );
}

function Counter({ id, label, value, note, alert }: { id: string; label: string; value: string; note: string; alert?: boolean }) {
  return (
    <div class={`counter ${alert ? "alert" : ""}`} data-counter={id}>
      <div class="counter-label">{label}</div>
      <div class="counter-value">{value}</div>
      <div class="counter-note">{note}</div>
    </div>
  );
}

function Card({ title, hint, children, wide }: { title: string; hint?: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <section class={`card ${wide ? "wide" : ""}`}>
      <header><h2>{title}</h2>{hint && <p class="muted small">{hint}</p>}</header>
      {children}
    </section>
  );
}

function yearRange(keys: string[]): string[] {
  const years = keys.map(Number).filter(Number.isFinite);
  if (years.length === 0) return [];
  const out = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) out.push(String(y));
  return out;
}

/** The end of a partial date (2012, 2012-05, 2012-05-31) in seconds, as uPlot's time scale wants. */
function endOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const end = d ? Date.UTC(y, m - 1, d) : m ? Date.UTC(y, m, 0) : Date.UTC(y, 11, 31);
  return end / 1000;
}

render(<App />, document.getElementById("app")!);
