// The frame every card of the board is drawn in, and what each card is given to draw itself from.
import type { ComponentChildren } from "preact";
import type { Summary } from "../api";
import type { Dict, Lang } from "../i18n";
import type { RecordRef } from "../record";

/** The summary the board shows, the language's labels, and a place's name in that language. */
export interface CardProps { summary: Summary; t: Dict; lang: Lang; name: (key: string) => string }

/** Opens a record of a list in the record view. */
export type OpenRecord = (record: RecordRef) => void;

export function Card({ title, hint, children, wide }: { title: string; hint?: string; children: ComponentChildren; wide?: boolean }) {
  return (
    <section class={`card ${wide ? "wide" : ""}`}>
      <header><h2>{title}</h2>{hint && <p class="muted small">{hint}</p>}</header>
      {children}
    </section>
  );
}
