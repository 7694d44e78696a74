import type { FeedEntry, PartyRef, Summary } from "./api";
import type { Dict, Lang } from "./i18n";

/** A feed entry as one readable line in the chosen language; unknown contracts still show who published what. */
export function describe(entry: FeedEntry, t: Dict, lang: Lang, summary: Summary | null, titles: Map<string, string>): { headline: string; detail: string } {
  const m = entry.message;
  const place = (party: PartyRef | string | null | undefined) => typeof party === "string" ? party
    : (party?.code && summary?.places[party.code]?.[lang]) || party?.name || party?.code || "";
  const title = (id: string | undefined) => (id && titles.get(id)) ?? "";
  const named = (key: string | undefined, names: Record<string, string>) => (key && names[key]) ?? key ?? "";
  const headline = t.events[entry.type] ?? `${entry.service}: ${entry.type.replace(/([a-z])([A-Z])/g, "$1 $2")}`;
  switch (entry.type) {
    case "AgreementRegistered":
      return { headline, detail: `${named(m.kind, t.kinds)}: «${m.title}» — ${(m.parties ?? []).map(place).join(", ")}` };
    case "AgreementSigned":
    case "AgreementSignatureDated":
      return { headline, detail: [title(m.agreementId) && `«${title(m.agreementId)}»`, m.signedOn && `${t.signedOn} ${m.signedOn}`, place(m.place)].filter(Boolean).join(" · ") };
    case "AgreementAmended":
      return { headline, detail: [title(m.agreementId) && `«${title(m.agreementId)}»`, m.summary, `${t.effective} ${m.effectiveOn}`].filter(Boolean).join(" · ") };
    case "AgreementExtended":
      return { headline, detail: [title(m.agreementId) && `«${title(m.agreementId)}»`, `${t.validUntil} ${m.validUntil}`].filter(Boolean).join(" · ") };
    case "AgreementTerminated":
      return { headline, detail: [title(m.agreementId) && `«${title(m.agreementId)}»`, `${t.on} ${m.on}`, m.reason].filter(Boolean).join(" · ") };
    case "PlanAttachedToAgreement":
      return { headline, detail: `${named(m.kind, t.kinds)}: «${m.title}»${title(m.agreementId) ? ` → «${title(m.agreementId)}»` : ""}` };
    case "VisitLinkedToAgreement":
      return { headline, detail: [`«${m.title}»`, m.signedOn && `${t.signedOn} ${m.signedOn}`, title(m.visitId)].filter(Boolean).join(" · ") };
    case "VisitPlanned":
      return { headline: `${headline} · ${named(m.direction, t.visitDirection)}`,
        detail: [`${(m.guests ?? []).map(place).join(", ")} ${m.direction === "outgoing" ? "←" : "→"} ${place(m.host)}`,
          span(m.plannedFrom, m.plannedTo), m.purpose ?? m.occasion].filter(Boolean).join(" · ") };
    case "VisitRescheduled":
      return { headline, detail: [title(m.visitId), span(m.plannedFrom, m.plannedTo), m.reason].filter(Boolean).join(" · ") };
    case "VisitProgrammeRecorded":
      return { headline, detail: [title(m.visitId), t.items((m.items ?? []).length)].filter(Boolean).join(" · ") };
    case "DocumentSignedDuringVisit":
      return { headline, detail: [`«${m.title}»`, m.signedOn && `${t.signedOn} ${m.signedOn}`, title(m.visitId)].filter(Boolean).join(" · ") };
    case "VisitCompleted":
      return { headline, detail: [title(m.visitId), span(m.from, m.to), m.summary].filter(Boolean).join(" · ") };
    case "VisitCancelled":
      return { headline, detail: [title(m.visitId), m.reason].filter(Boolean).join(" · ") };
    case "TradeReportFiled": {
      const f = m.figures ?? {};
      return { headline, detail: [`${place(m.reporter)} ↔ ${place(m.partner)}`, span(m.periodFrom, m.periodTo),
        f.turnover != null && `${t.turnover} ${f.turnover} ${m.currency ?? ""}`.trim()].filter(Boolean).join(" · ") };
    }
    case "TradeReportRevised":
      return { headline, detail: [m.changes?.turnover != null && `${t.turnover} ${m.changes.turnover}`, m.reason].filter(Boolean).join(" · ") };
    case "InvestmentProjectRegistered":
      return { headline, detail: [`«${m.name}»`, place(m.place), m.status].filter(Boolean).join(" · ") };
    default:
      return { headline, detail: m?.title ?? m?.metadata?.eventType ?? "" };
  }
}

/** Titles the feed can name later events by. */
export function rememberTitles(entry: FeedEntry, titles: Map<string, string>) {
  const m = entry.message;
  if (entry.type === "AgreementRegistered" && m.agreementId) titles.set(m.agreementId, m.title ?? "");
  if (entry.type === "PlanAttachedToAgreement" && m.planId) titles.set(m.planId, m.title ?? "");
  if (entry.type === "VisitPlanned" && m.visitId) titles.set(m.visitId, m.purpose ?? m.occasion ?? (m.guests ?? []).map(g => g.name).join(", "));
}

const span = (from: string | null | undefined, to: string | null | undefined) => (from && to && from !== to ? `${from} – ${to}` : from ?? "");
