// Agreements (GET/POST /api/agreements) and commissions (/api/agreements/commissions), kept by the Agreements service.
// An agreement in draft, or signed on a day not known, is recorded as signed; one not terminated is amended, extended or
// terminated; a plan of events or programme lists its items, takes new ones and marks each done or cancelled. A commission
// or working group takes its members and its sessions.
import { ActionList, type Action } from "../actions";
import { linkProps } from "../route";
import type { Agreement, Commission, FormCommission, PlanItem, RegisterAgreement } from "../types";
import type { Words } from "../words";
import type { Dict } from "../../i18n";
import { lines, names, num, pick, placeOf, sourceFields, sourceOf, text, type Context, type Detail, type Kind } from "./kind";

const today = () => new Date().toISOString().slice(0, 10);

/** The kinds of agreement, the commonest first: what a registration or a visit's document starts with. */
export const agreementKinds = (t: Dict) =>
  pick(t.kinds, ["cooperation", "memorandum", "protocol-of-intent", "twinning", "friendly-relations", "programme", "plan-of-events", "other"]);

export function agreements(w: Words, t: Dict): Kind<Agreement> {
  return {
    api: "/api/agreements", singular: "agreement", label: w.agreements, regionParam: "region", search: "q",
    filters: [
      { param: "status", label: w.status, options: pick(t.statuses, ["draft", "signed", "expired", "terminated"]) },
      { param: "kind", label: w.kind, options: t.kinds },
    ],
    columns: [
      [w.titleField, a => a.title], [w.kind, a => t.kinds[a.kind] ?? a.kind], [w.status, a => t.statuses[a.status] ?? a.status],
      [w.signedOn, a => (a.signedOn as string | null) ?? "—"], [w.parties, a => names(a.parties)],
    ],
    title: a => a.title,
    details: a => [
      [w.kind, t.kinds[a.kind] ?? a.kind], [w.status, t.statuses[a.status] ?? a.status, "status"], [w.parties, names(a.parties)],
      [w.signedOn, (a.signedOn as string | null) ?? "—"],
      ...(a.validUntil != null ? [[w.validUntil, a.validUntil as string, "validUntil"] as [string, string, string]] : []),
    ],
    more: (a, context) => <AgreementParts a={a} context={context} />,
    actions: a => {
      if (a.status === "terminated") return [];
      const path = `/api/agreements/${a.id}`;
      const isPlan = a.kind === "plan-of-events" || a.kind === "programme";
      const unsigned = a.status === "draft" || (a.status === "signed" && a.signedOn == null);
      const actions: Action[] = [];
      if (unsigned) actions.push({ name: "sign", title: w.sign,
        fields: [{ name: "signedOn", label: w.signedOn, hint: w.dateHint, required: a.status === "signed" }, { name: "place", label: w.place }],
        steps: [{ path: `${path}/signature`, body: v => ({ signedOn: text(v.signedOn), place: text(v.place) }) }] });
      actions.push({ name: "amend", title: w.amend,
        fields: [{ name: "summary", label: w.summary, type: "textarea", required: true }, { name: "effectiveOn", label: w.effectiveOn, hint: w.dateHint }],
        steps: [{ path: `${path}/amendments`, body: v => ({ summary: v.summary, effectiveOn: text(v.effectiveOn) }) }] });
      actions.push({ name: "extend", title: w.extend,
        fields: [{ name: "validUntil", label: w.validUntil, hint: w.dateHint, required: true }],
        steps: [{ path: `${path}/extension`, body: v => ({ validUntil: v.validUntil }) }] });
      if (isPlan) actions.push({ name: "add-item", title: w.addItem,
        fields: [{ name: "title", label: w.titleField, required: true }, { name: "due", label: w.due, hint: w.dateHint },
          { name: "sphere", label: w.sphere, hint: w.sphereHint }, { name: "responsible", label: w.responsible }],
        steps: [{ path: `${path}/items`, body: v => ({ title: v.title, due: text(v.due), sphere: text(v.sphere), responsible: text(v.responsible) }) }] });
      actions.push({ name: "terminate", title: w.terminate,
        fields: [{ name: "on", label: w.on, hint: `${w.dateHint} (${today()})`, required: true }, { name: "reason", label: w.reason, type: "textarea" }],
        steps: [{ path: `${path}/termination`, body: v => ({ on: v.on, reason: text(v.reason) }) }] });
      return actions;
    },
    create: {
      title: w.newAgreement, regionErrors: ["parties[0].code", "parties[0]"],
      fields: [
        { name: "title", label: w.titleField, required: true },
        { name: "kind", label: w.kind, type: "select", options: agreementKinds(t), required: true },
        { name: "partner", label: w.partner, type: "place", hint: w.placeHint, api: ["parties[1]", "parties[1].code", "parties[1].name", "parties"] },
        { name: "status", label: w.status, type: "select", options: { signed: w.signed, draft: w.draft }, required: true },
        { name: "signedOn", label: w.signedOn, hint: w.dateHint },
        ...sourceFields(w),
      ],
      body: (v, region): RegisterAgreement => ({
        kind: v.kind as RegisterAgreement["kind"], status: v.status as RegisterAgreement["status"], title: v.title, signedOn: text(v.signedOn),
        parties: [{ code: region }, ...(v.partner ? [{ code: v.partner }] : [])], source: sourceOf(v),
      }),
    },
  };
}

/** An agreement's amendments, and a plan's items with what may be done with each while it is open. */
function AgreementParts({ a, context: { w, lang, onSaved } }: { a: Agreement; context: Context }) {
  const items = (a.items ?? []) as PlanItem[];
  const amendments = (a.amendments ?? []) as { summary?: string; effectiveOn?: string | null }[];
  const path = `/api/agreements/${a.id}`;
  const itemActions = (item: PlanItem): Action[] => a.status === "terminated" || item.state === "done" || item.state === "cancelled" ? [] : [
    { name: `complete-item-${item.id}`, title: w.completeItem,
      fields: [{ name: "on", label: w.on, hint: w.dateHint, required: true }, { name: "note", label: w.note, type: "textarea" }],
      steps: [{ path: `${path}/items/${item.id}/completion`, body: v => ({ on: v.on, note: text(v.note) }) }] },
    { name: `cancel-item-${item.id}`, title: w.cancelItem,
      fields: [{ name: "reason", label: w.reason, type: "textarea" }],
      steps: [{ path: `${path}/items/${item.id}/cancellation`, body: v => ({ reason: text(v.reason) }) }] },
  ];
  return <>
    {amendments.length > 0 && <>
      <h3>{w.amendments}</h3>
      <ul class="amendments">{amendments.map((m, i) => <li key={i}>{m.effectiveOn ? `${m.effectiveOn}: ` : ""}{m.summary}</li>)}</ul>
    </>}
    {items.length > 0 && <>
      <h3>{w.items}</h3>
      <ul class="plan-items">{items.map(item => (
        <li key={item.id} data-item={item.id} data-state={item.state}>
          <b>{item.title}</b>{item.due ? ` · ${w.due} ${item.due}` : ""} · <span data-shows="state">{w.itemStates[item.state] ?? item.state}</span>
          {item.completedOn ? ` ${item.completedOn}` : ""}{item.note ? ` — ${item.note}` : ""}{item.cancelReason ? ` — ${item.cancelReason}` : ""}
          <ActionList actions={itemActions(item)} record={a} recordPath={path} w={w} lang={lang} onSaved={onSaved} />
        </li>))}</ul>
    </>}
  </>;
}

export function commissions(w: Words, t: Dict): Kind<Commission> {
  return {
    api: "/api/agreements/commissions", singular: "commission", label: w.commissions, regionParam: "region", search: "q",
    filters: [{ param: "kind", label: w.kind, options: w.commissionKinds }],
    columns: [
      [w.titleField, c => c.title], [w.kind, c => w.commissionKinds[c.kind] ?? c.kind], [w.parties, c => names(c.parties)],
      [w.formedOn, c => (c.formedOn as string | null) ?? "—"], [w.lastSession, c => (c.lastSessionOn as string | null) ?? "—"],
    ],
    title: c => c.title,
    details: c => [
      [w.kind, w.commissionKinds[c.kind] ?? c.kind], [w.parties, names(c.parties)], [w.formedOn, (c.formedOn as string | null) ?? "—"],
      ...(c.foundingAgreementId ? [[w.foundingAgreement,
        <a {...linkProps(`/workspace/agreements/${c.foundingAgreementId}`)}>{w.openAgreement}</a>] as Detail] : []),
    ],
    more: c => <>
      {c.members.length > 0 && <>
        <h3>{w.members}</h3>
        <ul class="members">{c.members.map(m => (
          <li key={m.id}><b>{m.name}</b> · {w.memberRoles[m.role] ?? m.role}{m.position ? `, ${m.position}` : ""}{m.party ? ` (${m.party})` : ""}
            {m.from ? ` · ${w.from} ${m.from}` : ""}{m.until ? ` ${w.to} ${m.until}` : ""}</li>))}</ul>
      </>}
      {c.sessions.length > 0 && <>
        <h3>{w.sessions}</h3>
        <ul class="sessions">{c.sessions.map(s => (
          <li key={s.id} data-session={s.id}><b>{s.number ? `${w.sessionNumber} ${s.number}` : w.session}</b> · {s.on}{s.place ? `, ${s.place.name}` : ""}
            {s.agenda.length > 0 && <div>{w.agenda}: {s.agenda.join("; ")}</div>}
            {s.decisions.length > 0 && <div>{w.decisions}: {s.decisions.map(d => d.text).join("; ")}</div>}</li>))}</ul>
      </>}
    </>,
    actions: c => {
      const path = `/api/agreements/commissions/${c.id}`;
      return [
        { name: "appoint", title: w.appoint,
          fields: [{ name: "name", label: w.personName, required: true }, { name: "role", label: w.role, type: "select", options: w.memberRoles, required: true },
            { name: "position", label: w.position }, { name: "party", label: w.memberParty }, { name: "from", label: w.from, hint: w.dateHint }],
          steps: [{ path: `${path}/members`, body: v => ({ name: v.name, role: v.role, position: text(v.position), party: text(v.party), from: text(v.from) }) }] },
        { name: "session", title: w.recordSession,
          fields: [{ name: "on", label: w.on, hint: w.dateHint, required: true }, { name: "number", label: w.sessionNumber, type: "number" },
            { name: "place", label: w.place, type: "place", hint: w.placeHint, api: ["place.code", "place.name"] },
            { name: "agenda", label: w.agenda, hint: w.lineEach, type: "textarea" }, { name: "decisions", label: w.decisions, hint: w.lineEach, type: "textarea" }],
          steps: [{ path: `${path}/sessions`, body: v => ({ on: v.on, number: num(v.number), place: placeOf(v.place),
            agenda: lines(v.agenda), decisions: lines(v.decisions).map(decision => ({ text: decision })) }) }] },
      ];
    },
    create: {
      title: w.formCommission, regionErrors: ["parties[0].code", "parties[0]"],
      fields: [
        { name: "title", label: w.titleField, required: true },
        { name: "kind", label: w.kind, type: "select", options: w.commissionKinds, required: true },
        { name: "partner", label: w.partner, type: "place", hint: w.placeHint, api: ["parties[1]", "parties[1].code", "parties"] },
        { name: "formedOn", label: w.formedOn, hint: w.dateHint },
        { name: "foundingAgreementId", label: w.foundingAgreementId, hint: w.foundingAgreementHint },
        ...sourceFields(w),
      ],
      body: (v, region): FormCommission => ({
        kind: v.kind as FormCommission["kind"], title: v.title, formedOn: text(v.formedOn), foundingAgreementId: text(v.foundingAgreementId),
        parties: [{ code: region }, ...(v.partner ? [{ code: v.partner }] : [])], source: sourceOf(v),
      }),
    },
  };
}
