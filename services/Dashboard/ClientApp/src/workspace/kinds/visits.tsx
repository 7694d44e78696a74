// Delegation visits (GET/POST /api/delegations/visits), kept by the Delegations service: a visit planned with its guests,
// recorded as begun, given its programme, rescheduled, completed (with a document signed during it, which becomes an
// agreement), given a document, or cancelled.
import type { Action, Step } from "../actions";
import type { Spec } from "../forms";
import { linkProps } from "../route";
import type { PlanVisit, ProgrammeItem, Visit } from "../types";
import type { Words } from "../words";
import type { Dict } from "../../i18n";
import { agreementKinds } from "./agreements";
import { names, pick, span, text, type Kind } from "./kind";

/**
 * A programme typed a line per item: "2024-05-20 meeting: Talks with the governor" (the day may be left out; the kind
 * before a colon is one of the API's programme kinds, else the line is a meeting).
 */
const programmeOf = (typed: string) => typed.split("\n").map(line => line.trim()).filter(Boolean).map(line => {
  const [, on, kind, description] = /^(\d{4}(?:-\d{2}){0,2})?\s*(?:([a-z-]+):)?\s*(.*)$/.exec(line)!;
  return { on: on ?? null, kind: kind ?? "meeting", description };
});
type PartyLike = { code?: string | null; name?: string; level?: string };
const partyRef = (p: PartyLike) => p.code ? { code: p.code } : { name: p.name, level: p.level };

export function visits(w: Words, t: Dict): Kind<Visit> {
  const heading = (v: Visit) => v.purpose || `${v.host.name} · ${v.plannedFrom}`;
  const directions = { incoming: w.incoming, outgoing: w.outgoing };
  return {
    api: "/api/delegations/visits", singular: "visit", label: w.visits, regionParam: "region", search: "partner",
    filters: [
      { param: "status", label: w.status, options: pick(t.statuses, ["planned", "under-way", "overdue", "completed", "cancelled"]) },
      { param: "direction", label: w.direction, options: directions },
    ],
    columns: [
      [w.purpose, heading], [w.direction, v => directions[v.direction as keyof typeof directions] ?? v.direction],
      [w.status, v => t.statuses[v.status] ?? v.status], [w.plannedFrom, v => span(v.plannedFrom, v.plannedTo)], [w.guests, v => names(v.guests)],
    ],
    title: heading,
    details: v => {
      const completion = v.completion as { from?: string; to?: string; summary?: string | null } | null | undefined;
      return [
        [w.direction, directions[v.direction as keyof typeof directions] ?? v.direction], [w.status, t.statuses[v.status] ?? v.status, "status"],
        [w.host, v.host.name], [w.guests, names(v.guests)], [w.plannedFrom, v.plannedFrom, "plannedFrom"],
        ...(v.plannedTo != null ? [[w.plannedTo, v.plannedTo as string, "plannedTo"] as [string, string, string]] : []),
        ...(completion ? [[w.completion, `${span(completion.from, completion.to)}${completion.summary ? `: ${completion.summary}` : ""}`] as [string, string]] : []),
      ];
    },
    more: v => {
      const documents = v.documents as { id: string; title: string; signedOn?: string | null; agreementId: string }[];
      const programme = (v.programme ?? []) as ProgrammeItem[];
      return <>
        {programme.length > 0 && <>
          <h3>{w.programmeItems}</h3>
          <ul class="programme">{programme.map((p, i) => <li key={i}>{p.on ? `${p.on} · ` : ""}{p.kind}: {p.description}</li>)}</ul>
        </>}
        {documents.length > 0 && <>
          <h3>{w.documents}</h3>
          <ul class="documents">{documents.map(d => (
            <li key={d.id} data-document={d.id}>
              {d.title}{d.signedOn ? ` (${d.signedOn})` : ""} — {w.becameAgreement}{" "}
              <a {...linkProps(`/workspace/agreements/${d.agreementId}`)} data-agreement={d.agreementId}>{w.openAgreement}</a>
            </li>))}</ul>
        </>}
      </>;
    },
    actions: v => {
      const path = `/api/delegations/visits/${v.id}`;
      const open = v.status !== "completed" && v.status !== "cancelled";
      // The document's parties: the visit's host and guests, as the visit names them.
      const parties = [v.host, ...(v.guests as PartyLike[])].map(partyRef);
      const documentStep: Step = {
        path: `${path}/documents`,
        body: values => ({ title: values.documentTitle, kind: values.documentKind, signedOn: text(values.documentSignedOn), parties }),
        when: values => !!values.documentTitle?.trim(),
      };
      const documentFields: Spec[] = [
        { name: "documentTitle", label: `${w.document}: ${w.titleField}` },
        { name: "documentKind", label: `${w.document}: ${w.kind}`, type: "select", options: agreementKinds(t), required: true },
        { name: "documentSignedOn", label: `${w.document}: ${w.signedOn}`, hint: w.dateHint },
      ];
      const actions: Action[] = [];
      if (v.status === "planned" || v.status === "overdue") actions.push({ name: "start", title: w.start,
        fields: [{ name: "on", label: w.on, hint: w.dateHint, required: true }],
        steps: [{ path: `${path}/start`, body: values => ({ on: values.on }) }] });
      if (open) actions.push(
        { name: "programme", title: w.programme,
          fields: [{ name: "programme", label: w.programmeItems, hint: w.programmeHint, type: "textarea", required: true }],
          steps: [{ path: `${path}/programme`, body: values => ({ items: programmeOf(values.programme) }) }] },
        { name: "reschedule", title: w.reschedule,
          fields: [{ name: "plannedFrom", label: w.plannedFrom, hint: w.dateHint, required: true }, { name: "plannedTo", label: w.plannedTo, hint: w.dateHint },
            { name: "reason", label: w.reason, type: "textarea" }],
          steps: [{ path: `${path}/reschedule`, body: values => ({ plannedFrom: values.plannedFrom, plannedTo: text(values.plannedTo), reason: text(values.reason) }) }] },
        { name: "complete", title: w.complete,
          fields: [{ name: "from", label: w.from, hint: w.dateHint, required: true }, { name: "to", label: w.to, hint: w.dateHint, required: true },
            { name: "summary", label: w.summary, type: "textarea" }, ...documentFields],
          steps: [{ path: `${path}/completion`, body: values => ({ from: values.from, to: values.to, summary: text(values.summary) }) }, documentStep] });
      if (v.status !== "cancelled") actions.push({ name: "document", title: w.document, fields: documentFields, steps: [{ ...documentStep, when: undefined }] });
      if (open) actions.push({ name: "cancel", title: w.cancelVisit,
        fields: [{ name: "reason", label: w.reason, type: "textarea" }],
        steps: [{ path: `${path}/cancellation`, body: values => ({ reason: text(values.reason) }) }] });
      return actions;
    },
    create: {
      title: w.planVisit, regionErrors: ["host.code", "host"],
      fields: [
        { name: "direction", label: w.direction, type: "select", options: directions, required: true },
        { name: "guests", label: w.guests, type: "place", hint: w.placeHint, api: ["guests[0]", "guests[0].code"] },
        { name: "plannedFrom", label: w.plannedFrom, hint: w.dateHint, required: true },
        { name: "plannedTo", label: w.plannedTo, hint: w.dateHint },
        { name: "purpose", label: w.purpose, type: "textarea" },
      ],
      body: (v, region): PlanVisit => ({
        direction: v.direction as PlanVisit["direction"], host: { code: region }, guests: v.guests ? [{ code: v.guests }] : [],
        plannedFrom: v.plannedFrom, plannedTo: text(v.plannedTo), purpose: text(v.purpose),
      }),
    },
  };
}
