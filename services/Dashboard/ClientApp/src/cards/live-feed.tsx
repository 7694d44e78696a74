// The events as the services publish them, newest first, each as one readable line with who caused it.
import { describe } from "../feed";
import { useFormats } from "../hooks/formats";
import type { FeedItem } from "../hooks/feed";
import { Card, type CardProps } from "./card";

export function LiveFeed({ summary: s, t, lang, name, feed, titles }: CardProps & { feed: FeedItem[]; titles: Map<string, string> }) {
  const { when, time } = useFormats(lang);
  return (
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
  );
}
