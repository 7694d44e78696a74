// The live feed, followed for as long as the account is signed in (each connection with the current token): the newest
// entries first, each telling the summary to refresh, and a refusal (401, 403) handed on so that the page asks for a sign-in.
import { useEffect, useState } from "preact/hooks";
import { followFeed, type FeedEntry, type HttpError } from "../api";
import { rememberTitles } from "../feed";

const FEED_LIMIT = 60;

/** An entry as the page shows it: fresh ones, which arrived after the first moments, are highlighted. */
export type FeedItem = FeedEntry & { fresh: boolean };
export type FeedState = "connecting" | "live" | "retrying";

/** onEntry and onRefused are those given when the account signed in: pass functions that stay the same. */
export function useFeed(account: string | null, titles: Map<string, string>, onEntry: () => void, onRefused: (error: HttpError) => void) {
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const [state, setState] = useState<FeedState>("connecting");

  useEffect(() => {
    if (!account) return;
    const abort = new AbortController();
    // Entries of the first moments are the recent past, not news: they are not highlighted.
    const opened = Date.now();
    setFeed([]);
    followFeed(entry => {
      rememberTitles(entry, titles);
      setFeed(current => current.some(e => e.sequence === entry.sequence) ? current
        : [{ ...entry, fresh: Date.now() - opened > 1500 }, ...current].slice(0, FEED_LIMIT));
      onEntry();
    }, (next, failure) => {
      setState(next);
      if (failure && (failure.status === 401 || failure.status === 403)) onRefused(failure);
    }, abort.signal);
    return () => abort.abort();
  }, [account]);

  return { feed, state };
}
