// The ministry's dashboard page: signs in, then lays out the filters and the board of cards over the summary and the
// live feed, in the language chosen. Each card draws itself (cards/), the hooks read the data (hooks/).
import { render, type ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { claims } from "./api";
import { ByKind } from "./cards/by-kind";
import { ByPartner } from "./cards/by-partner";
import { ByRegion } from "./cards/by-region";
import { ByStatus } from "./cards/by-status";
import type { CardProps } from "./cards/card";
import { Counters } from "./cards/counters";
import { LatestTrade } from "./cards/latest-trade";
import { LiveFeed } from "./cards/live-feed";
import { Exchanges } from "./cards/exchanges";
import { Occasions } from "./cards/occasions";
import { OverdueVisits } from "./cards/overdue";
import { PastControl } from "./cards/past";
import { RecentAgreements } from "./cards/recent";
import { ReportLinks } from "./cards/report";
import { SignIn } from "./cards/signin";
import { TimelineCard } from "./cards/timeline";
import { TradeCard } from "./cards/trade";
import { VisitsUnderWay } from "./cards/under-way";
import { UpcomingCard } from "./cards/upcoming";
import { Filters } from "./filters";
import { useFeed, type FeedItem } from "./hooks/feed";
import { useFilters } from "./hooks/filters";
import { useLang } from "./hooks/lang";
import { completeSignIn, useSession } from "./hooks/session";
import { useSummary } from "./hooks/summary";
import { dictionaries, placeName, type Dict, type Lang } from "./i18n";
import { PlanCards } from "./plans";
import { RecordView, type RecordRef } from "./record";
import "./styles.css";

function App() {
  const [lang, setLang] = useLang();
  const t = dictionaries[lang];
  const session = useSession();
  const { region, partner, setRegion, setPartner } = useFilters();
  // Titles the feed names later events by: from the summary's latest agreements and from the feed itself.
  const titles = useRef(new Map<string, string>()).current;
  const [asOf, setAsOf] = useState("");
  const { summary, error, setError, refresh, clear } = useSummary(session.account, region, partner, titles, asOf);
  const { feed, state: feedState } = useFeed(session.account, titles, refresh, setError);

  const signOut = () => { clear(); session.signOut(); };
  const who = claims(session.token);

  if (session.state === "starting") return <Shell lang={lang} setLang={setLang} t={t} right={null}><div class="loading">{t.connecting}</div></Shell>;
  if (!session.account || error?.status === 401 || error?.status === 403)
    return (
      <Shell lang={lang} setLang={setLang} t={t} right={session.account ? <button class="link" onClick={signOut}>{t.signOut}</button> : null}>
        <SignIn t={t} onSignIn={() => { setError(null); session.signIn(); }}
          message={session.state === "failed" ? `${t.signInFailed} ${session.failure}` : error?.status === 403 ? t.forbidden
            : error?.status === 401 ? t.expired : session.state === "signed-out" ? t.signedOut : null} />
      </Shell>
    );

  return (
    <Shell lang={lang} setLang={setLang} t={t} right={
      <div class="who">
        <span class={`status ${feedState}`}><i />{feedState === "live" ? t.live : feedState === "connecting" ? t.connecting : t.offline}</span>
        <span class="role">{who.sub} · {t[(who.role ?? "ministry") as "ministry"] ?? who.role}</span>
        <button class="link" onClick={signOut}>{t.signOut}</button>
      </div>}>
      <Filters t={t} summary={summary} lang={lang} region={region} partner={partner} setRegion={setRegion} setPartner={setPartner} />
      <PastControl lang={lang} asOf={asOf} setAsOf={setAsOf} logPosition={summary?.logPosition} />
      <ReportLinks lang={lang} region={region} partner={partner} asOf={asOf} />
      {error && <div class="notice">{error.status >= 500 || error.status === 0 ? t.unavailable : error.message}</div>}
      {!summary ? <div class="loading">{t.connecting}</div> : <Board summary={summary} t={t} lang={lang} name={placeName(summary, lang)}
        feed={feed} titles={titles} setRegion={setRegion} setPartner={setPartner} asOf={asOf} />}
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

/** The cards in their rows, and the record opened from one of their lists. */
function Board({ feed, titles, setRegion, setPartner, asOf, ...card }: CardProps & {
  feed: FeedItem[]; titles: Map<string, string>; setRegion: (region: string) => void; setPartner: (partner: string) => void; asOf: string;
}) {
  const [open, setOpen] = useState<RecordRef | null>(null);
  const { summary: s, lang, name } = card;
  return (
    <>
      {open && <RecordView record={open} lang={lang} onClose={() => setOpen(null)} />}
      <Counters {...card} />

      <section class="grid two">
        <TimelineCard {...card} />
        <ByKind {...card} />
      </section>

      <section class="grid three">
        <ByRegion {...card} onPick={setRegion} />
        <ByPartner {...card} onPick={setPartner} />
        <ByStatus {...card} />
      </section>

      <section class="grid two">
        <TradeCard {...card} />
        <LatestTrade {...card} onOpen={setOpen} />
      </section>

      <section class="grid two">
        <Occasions {...card} />
        <Exchanges {...card} onPick={setPartner} />
      </section>

      <PlanCards lang={lang} region={s.filters.region} partner={s.filters.partner} name={name} refreshKey={s} asOf={asOf} />

      <section class="grid two">
        <div class="stack">
          <UpcomingCard lang={lang} region={s.filters.region} partner={s.filters.partner} name={name} refreshKey={s} onOpen={setOpen} />
          <VisitsUnderWay {...card} onOpen={setOpen} />
          <OverdueVisits {...card} onOpen={setOpen} />
          <RecentAgreements {...card} onOpen={setOpen} />
        </div>
        <LiveFeed {...card} feed={feed} titles={titles} />
      </section>
    </>
  );
}

completeSignIn().then(() => render(<App />, document.getElementById("app")!));
