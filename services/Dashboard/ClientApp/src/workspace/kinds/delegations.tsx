// What the Delegations service keeps besides visits: visits counted over a period (/api/delegations/visit-counts), recounted;
// occasions such as fairs, forums and city days (/api/delegations/occasions), revised, recorded as held with their
// outcomes, or cancelled; exchanges of students, teachers and specialists (/api/delegations/exchanges), recounted.
import type { CountVisits, Exchange, Occasion, RecordExchange, RegisterOccasion, VisitCount } from "../types";
import type { Words } from "../words";
import type { Dict } from "../../i18n";
import { counted, lines, names, num, placeOf, sourceFields, sourceOf, span, text, type Kind } from "./kind";
import type { Spec, Values } from "../forms";

/** A count's fields: the number and how the source qualified it ("up to 100" is at-most). */
const countFields = (w: Words, required: boolean): Spec[] => [
  { name: "count", label: w.count, type: "number", required },
  { name: "qualifier", label: w.qualifier, type: "select", options: w.qualifiers, api: ["qualifiers", "qualifiers.count"] },
];
const qualifiersOf = (v: Values) => v.qualifier ? { count: v.qualifier } : null;
const revisionsOf = (revisions: { version: number; reason: string; recordedAt: string }[], w: Words) => revisions.length > 0 && <>
  <h3>{w.revisions}</h3>
  <ul class="revisions">{revisions.map(r => <li key={r.version}>{new Date(r.recordedAt).toLocaleDateString()} · {r.reason}</li>)}</ul>
</>;

export function visitCounts(w: Words): Kind<VisitCount> {
  const directions = { incoming: w.incoming, outgoing: w.outgoing };
  return {
    api: "/api/delegations/visit-counts", singular: "visit-count", label: w.visitCounts, regionParam: "region", search: "partner",
    filters: [{ param: "direction", label: w.direction, options: directions }],
    columns: [
      [w.period, c => span(c.period.from, c.period.to)], [w.direction, c => directions[c.direction as keyof typeof directions] ?? c.direction],
      [w.host, c => c.host.name], [w.partner, c => c.partner.name], [w.count, c => counted(c.count, c.qualifiers?.count, w)],
    ],
    title: c => `${c.host.name} — ${c.partner.name}, ${span(c.period.from, c.period.to)}`,
    details: c => [
      [w.direction, directions[c.direction as keyof typeof directions] ?? c.direction], [w.host, c.host.name], [w.partner, c.partner.name],
      [w.period, span(c.period.from, c.period.to)], [w.count, counted(c.count, c.qualifiers?.count, w), "count"],
    ],
    more: c => revisionsOf(c.revisions, w),
    actions: c => [{ name: "recount", title: w.recount,
      fields: [...countFields(w, true), { name: "reason", label: w.reason, type: "textarea", required: true }],
      steps: [{ path: `/api/delegations/visit-counts/${c.id}/revisions`, body: v => ({ count: num(v.count), qualifiers: qualifiersOf(v), reason: v.reason }) }] }],
    create: {
      title: w.countVisits, regionErrors: ["host.code", "host"],
      fields: [
        { name: "direction", label: w.direction, type: "select", options: directions, required: true },
        { name: "partner", label: w.partner, type: "place", hint: w.placeHint, api: ["partner.code", "partner.name"] },
        { name: "from", label: w.from, hint: w.dateHint, required: true, api: ["period.from", "period"] },
        { name: "to", label: w.to, hint: w.dateHint, required: true, api: ["period.to"] },
        ...countFields(w, true), ...sourceFields(w),
      ],
      body: (v, region): CountVisits => ({
        direction: v.direction as CountVisits["direction"], host: { code: region }, partner: placeOf(v.partner),
        period: { from: v.from, to: v.to }, count: num(v.count), qualifiers: qualifiersOf(v), source: sourceOf(v),
      }),
    },
  };
}

export function occasions(w: Words, t: Dict): Kind<Occasion> {
  return {
    api: "/api/delegations/occasions", singular: "occasion", label: w.occasions, regionParam: "region", search: "partner",
    filters: [
      { param: "status", label: w.status, options: t.occasionStatuses },
      { param: "kind", label: w.kind, options: t.occasionKinds },
    ],
    columns: [
      [w.titleField, o => o.title], [w.kind, o => t.occasionKinds[o.kind] ?? o.kind], [w.status, o => t.occasionStatuses[o.status] ?? o.status],
      [w.dates, o => span(o.from, o.to)], [w.venue, o => o.venue?.name ?? "—"],
    ],
    title: o => o.title,
    details: o => [
      [w.kind, t.occasionKinds[o.kind] ?? o.kind], [w.status, t.occasionStatuses[o.status] ?? o.status, "status"],
      ...(o.series ? [[w.series, `${o.series}${o.edition ? ` · ${w.edition} ${o.edition}` : ""}`] as [string, string]] : []),
      [w.dates, span(o.from, o.to), "dates"], [w.venue, o.venue?.name ?? "—"],
      [w.organisers, names(o.organisers) || "—"], [w.participants, names(o.participants) || "—"],
      ...(o.cancellationReason ? [[w.reason, o.cancellationReason] as [string, string]] : []),
    ],
    more: o => <>
      {o.outcomes.length > 0 && <><h3>{w.outcomes}</h3><ul class="outcomes">{o.outcomes.map((outcome, i) => <li key={i}>{outcome}</li>)}</ul></>}
      {revisionsOf(o.revisions, w)}
    </>,
    actions: o => {
      const path = `/api/delegations/occasions/${o.id}`;
      if (o.status !== "planned") return [];
      return [
        { name: "revise", title: w.revise,
          fields: [{ name: "title", label: w.titleField }, { name: "from", label: w.from, hint: w.dateHint }, { name: "to", label: w.to, hint: w.dateHint },
            { name: "reason", label: w.reason, type: "textarea", required: true }],
          steps: [{ path: `${path}/revisions`, body: v => ({ title: text(v.title), from: text(v.from), to: text(v.to), reason: v.reason }) }] },
        { name: "held", title: w.held,
          fields: [{ name: "outcomes", label: w.outcomes, hint: w.lineEach, type: "textarea" }],
          steps: [{ path: `${path}/held`, body: v => ({ outcomes: lines(v.outcomes) }) }] },
        { name: "cancel", title: w.cancelOccasion,
          fields: [{ name: "reason", label: w.reason, type: "textarea" }],
          steps: [{ path: `${path}/cancellation`, body: v => ({ reason: text(v.reason) }) }] },
      ];
    },
    create: {
      title: w.registerOccasion, regionErrors: ["participants[0].code", "participants[0]", "participants"],
      fields: [
        { name: "title", label: w.titleField, required: true },
        { name: "kind", label: w.kind, type: "select", options: t.occasionKinds, required: true },
        { name: "series", label: w.series, hint: w.seriesHint }, { name: "edition", label: w.edition, type: "number" },
        { name: "venue", label: w.venue, type: "place", hint: w.placeHint, api: ["venue.code", "venue.name"] },
        { name: "organiser", label: w.organiser, type: "place", hint: w.placeHint, api: ["organisers[0].code", "organisers[0]", "organisers"] },
        { name: "from", label: w.from, hint: w.dateHint, required: true }, { name: "to", label: w.to, hint: w.dateHint },
        ...sourceFields(w),
      ],
      // The committee's region takes part; the venue and the organiser are picked.
      body: (v, region): RegisterOccasion => ({
        kind: v.kind as RegisterOccasion["kind"], title: v.title, series: text(v.series), edition: num(v.edition),
        venue: placeOf(v.venue), organisers: v.organiser ? [{ code: v.organiser }] : [], participants: [{ code: region }],
        from: v.from, to: text(v.to), source: sourceOf(v),
      }),
    },
  };
}

export function exchanges(w: Words, t: Dict): Kind<Exchange> {
  const directions = { sent: w.sent, received: w.received };
  const side = (s: { place: { name: string }; institution?: string | null }) => [s.institution, s.place.name].filter(Boolean).join(", ");
  return {
    api: "/api/delegations/exchanges", singular: "exchange", label: w.exchanges, regionParam: "region", search: "partner",
    filters: [
      { param: "kind", label: w.kind, options: t.exchangeKinds },
      { param: "direction", label: w.direction, options: directions },
    ],
    columns: [
      [w.kind, e => `${t.exchangeKinds[e.kind] ?? e.kind}${e.subject ? `: ${e.subject}` : ""}`],
      [w.direction, e => directions[e.direction as keyof typeof directions] ?? e.direction],
      [w.fromSide, e => side(e.from)], [w.toSide, e => side(e.to)], [w.period, e => e.academicYear ?? span(e.period.from, e.period.to)],
      [w.count, e => counted(e.count, e.qualifiers?.count, w)],
    ],
    title: e => `${t.exchangeKinds[e.kind] ?? e.kind}: ${side(e.from)} → ${side(e.to)}`,
    details: e => [
      [w.kind, t.exchangeKinds[e.kind] ?? e.kind], [w.direction, directions[e.direction as keyof typeof directions] ?? e.direction],
      [w.fromSide, side(e.from)], [w.toSide, side(e.to)], [w.period, e.academicYear ?? span(e.period.from, e.period.to)],
      [w.count, counted(e.count, e.qualifiers?.count, w), "count"],
      ...(e.subject ? [[w.subject, e.subject] as [string, string]] : []),
      ...(e.opened ? [[w.opened, `${e.opened.name} (${e.opened.on})`] as [string, string]] : []),
    ],
    more: e => revisionsOf(e.revisions, w),
    actions: e => [{ name: "recount", title: w.recount,
      fields: [...countFields(w, true), { name: "reason", label: w.reason, type: "textarea", required: true }],
      steps: [{ path: `/api/delegations/exchanges/${e.id}/revisions`, body: v => ({ count: num(v.count), qualifiers: qualifiersOf(v), reason: v.reason }) }] }],
    create: {
      title: w.recordExchange, regionErrors: ["from.place.code", "to.place.code"],
      fields: [
        { name: "kind", label: w.kind, type: "select", options: t.exchangeKinds, required: true },
        { name: "direction", label: w.direction, type: "select", options: directions, required: true },
        { name: "partner", label: w.partner, type: "place", hint: w.placeHint, api: ["from.place.code", "to.place.code", "from.place", "to.place"] },
        { name: "partnerInstitution", label: w.partnerInstitution, api: ["from.institution", "to.institution"] },
        { name: "ownInstitution", label: w.ownInstitution },
        { name: "from", label: w.from, hint: w.dateHint, api: ["period.from", "period"] }, { name: "to", label: w.to, hint: w.dateHint, api: ["period.to"] },
        { name: "academicYear", label: w.academicYear, hint: w.academicYearHint },
        ...countFields(w, false),
        { name: "subject", label: w.subject },
        ...sourceFields(w),
      ],
      // Sent: from the committee's region to the partner; received: the other way.
      body: (v, region): RecordExchange => {
        const own = { place: { code: region }, institution: text(v.ownInstitution) };
        const partner = { place: placeOf(v.partner), institution: text(v.partnerInstitution) };
        return {
          kind: v.kind as RecordExchange["kind"], direction: v.direction as RecordExchange["direction"],
          from: v.direction === "sent" ? own : partner, to: v.direction === "sent" ? partner : own,
          period: v.from || v.to ? { from: text(v.from), to: text(v.to) } : null, academicYear: text(v.academicYear),
          count: num(v.count), qualifiers: qualifiersOf(v), subject: text(v.subject), source: sourceOf(v),
        };
      },
    },
  };
}
