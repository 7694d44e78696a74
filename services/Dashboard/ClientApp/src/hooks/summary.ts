// The dashboard's summary for the filters chosen, read as the signed-in user: again whenever the filters change, at most
// every half second while events arrive (refresh), and every minute, since overdue visits and expiry follow the calendar
// even when nothing is published. The latest agreements' titles go to the titles the feed names events by.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { getSummary, HttpError, type Summary } from "../api";

export function useSummary(account: string | null, region: string, partner: string, titles: Map<string, string>, asOf = "") {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<HttpError | null>(null);
  const reload = useRef<() => void>(() => {});

  useEffect(() => {
    if (!account) return;
    let pending: number | undefined;
    let cancelled = false;
    const load = () => getSummary(region, partner, asOf)
      .then(s => { if (!cancelled) { setSummary(s); setError(null); s.agreements.latest.forEach(a => titles.set(a.id, a.title)); } })
      .catch(e => { if (!cancelled) setError(e instanceof HttpError ? e : new HttpError(0, null)); });
    // At most one reload every half second, however fast events arrive.
    reload.current = () => { if (pending === undefined) pending = window.setTimeout(() => { pending = undefined; load(); }, 500); };
    load();
    const timer = setInterval(load, 60_000); // overdue visits and expiry follow the calendar even when nothing is published
    return () => { cancelled = true; clearInterval(timer); clearTimeout(pending); };
  }, [account, region, partner, asOf]);

  /** Reads the summary again soon: the same function for the page's whole life. */
  const refresh = useCallback(() => reload.current(), []);
  /** Forgets the summary and the refusal, as signing out does. */
  const clear = () => { setSummary(null); setError(null); };
  return { summary, error, setError, refresh, clear };
}
