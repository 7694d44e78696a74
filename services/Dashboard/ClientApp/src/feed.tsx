import type { FeedEntry, Summary } from "./api";
import type { Dict, Lang } from "./i18n";

/** A feed entry as one readable line in the chosen language; unknown contracts still show who published what. */
export function describe(entry: FeedEntry, t: Dict, lang: Lang, summary: Summary | null, titles: Map<string, string>): { headline: string; detail: string } {
  const m = entry.message;
  const place = (party: any) => (party?.code && summary?.places[party.code]?.[lang]) || party?.name || party?.code || "";
  const title = (id: string) => titles.get(id) ?? "";
  const headline = t.events[entry.type] ?? `${entry.service}: ${entry.type.replace(/([a-z])([A-Z])/g, "$1 $2")}`;
  switch (entry.type) {
    case "AgreementRegistered":
      return { headline, detail: `${t.kinds[m.kind] ?? m.kind}: «${m.title}» — ${(m.parties ?? []).map(place).join(", ")}` };
    case "AgreementSigned":
      return { headline, detail: [title(m.agreementId) && `«${title(m.agreementId)}»`, `${t.signedOn} ${m.signedOn}`, m.place].filter(Boolean).join(" · ") };
    case "AgreementAmended":
      return { headline, detail: [title(m.agreementId) && `«${title(m.agreementId)}»`, m.summary, `${t.effective} ${m.effectiveOn}`].filter(Boolean).join(" · ") };
    case "AgreementExtended":
      return { headline, detail: [title(m.agreementId) && `«${title(m.agreementId)}»`, `${t.validUntil} ${m.validUntil}`].filter(Boolean).join(" · ") };
    case "AgreementTerminated":
      return { headline, detail: [title(m.agreementId) && `«${title(m.agreementId)}»`, `${t.on} ${m.on}`, m.reason].filter(Boolean).join(" · ") };
    case "PlanAttachedToAgreement":
      return { headline, detail: `${t.kinds[m.kind] ?? m.kind}: «${m.title}»${title(m.agreementId) ? ` → «${title(m.agreementId)}»` : ""}` };
    default:
      return { headline, detail: m?.title ?? m?.metadata?.eventType ?? "" };
  }
}

/** Titles the feed can name later events by. */
export function rememberTitles(entry: FeedEntry, titles: Map<string, string>) {
  const m = entry.message;
  if (entry.type === "AgreementRegistered") titles.set(m.agreementId, m.title);
  if (entry.type === "PlanAttachedToAgreement") titles.set(m.planId, m.title);
}
