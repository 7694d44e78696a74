// The dashboard on a past day: a date and time to read it at, and, while one is chosen, a plain notice that the board
// shows the past (what the dashboard had received by then, counted as it counts now) with the way back to now.
import type { Lang } from "../i18n";

const labels = {
  en: {
    at: "Show the dashboard as it stood at", now: "Back to now", utc: "UTC",
    past: (moment: string, position: number) =>
      `This is the past: the dashboard as it stood at ${moment} UTC, counting only the events it had received by then (up to position ${position} of its log). The live feed and "Coming up" show now.`,
  },
  ru: {
    at: "Показать панель на момент", now: "Вернуться к текущему", utc: "UTC",
    past: (moment: string, position: number) =>
      `Это прошлое: панель на ${moment} UTC, только события, полученные к тому моменту (до позиции ${position} её журнала). Лента событий и «Предстоит» показывают текущее.`,
  },
};

/** A moment as a datetime-local input writes it, read as UTC, to the ISO timestamp the API takes; "" for now. */
export function toMoment(input: string): string { return input ? `${input}:00Z` : ""; }

export function PastControl({ lang, asOf, setAsOf, logPosition }: { lang: Lang; asOf: string; setAsOf: (asOf: string) => void; logPosition?: number }) {
  const l = labels[lang];
  const max = new Date().toISOString().slice(0, 16);
  return (
    <section class="past" data-card="past">
      <label class="small">{l.at}{" "}
        <input type="datetime-local" name="asOf" max={max} value={asOf ? asOf.slice(0, 16) : ""}
          onChange={e => setAsOf(toMoment((e.target as HTMLInputElement).value))} /> {l.utc}
      </label>
      {asOf && <button class="link" onClick={() => setAsOf("")}>{l.now}</button>}
      {asOf && <p class="notice" data-past={asOf}>{l.past(asOf.slice(0, 16).replace("T", " "), logPosition ?? 0)}</p>}
    </section>
  );
}
