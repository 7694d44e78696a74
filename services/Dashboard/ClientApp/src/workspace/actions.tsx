// The writes a record's page offers, as the API allows them on its state: a visit started, rescheduled, given its
// programme, completed (with a document signed during it, which becomes an agreement), given a document, or cancelled; an
// agreement signed, amended, extended or terminated, and a plan's items added, completed or cancelled.
// Each is an edit of the version the clerk sees: it carries If-Match, and a 412 shows what changed meanwhile.
import { useRef, useState } from "preact/hooks";
import { HttpError, send } from "../api";
import { dictionaries, type Lang } from "../i18n";
import { Conflict, Field, inputOf, Problem, problemsOf } from "./forms";
import type { Agreement, PlanItem, Visit } from "./types";
import type { Words } from "./words";

interface Spec { name: string; label: string; hint?: string; type?: "text" | "textarea" | "kind"; required?: boolean }

/**
 * One step of a form: a write to `path` of the body made from the form's values, skipped when `when` says so. A form of
 * two steps (a completion, then the document signed during the visit) makes them in turn, each on the version the one
 * before left.
 */
interface Step { path: string; body: (values: Record<string, string>) => unknown; when?: (values: Record<string, string>) => boolean }

type Editable = (Agreement | Visit) & Record<string, unknown>;

function EditForm({ name, title, record, recordPath, fields, steps, w, lang, onSaved }: {
  name: string; title: string; record: Editable; recordPath: string; fields: Spec[]; steps: Step[]; w: Words; lang: Lang; onSaved: () => void;
}) {
  const t = dictionaries[lang];
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  // The record as the clerk saw it when the form was filled, and its version: what If-Match says.
  const [seen, setSeen] = useState<Editable>(record);
  // One Idempotency-Key per step of this form fill, kept for every retry.
  const keys = useRef(steps.map(() => crypto.randomUUID()));
  const done = useRef(steps.map(() => false));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<HttpError | null>(null);

  const submit = async (version: number) => {
    if (busy) return;
    setBusy(true); setProblem(null);
    try {
      for (const [i, step] of steps.entries()) {
        if (done.current[i] || (step.when && !step.when(values))) continue;
        const saved = await send<{ version: number }>("POST", step.path, step.body(values), { key: keys.current[i], version });
        done.current[i] = true;
        version = saved.version;
      }
      setOpen(false); setValues({});
      keys.current = steps.map(() => crypto.randomUUID());
      done.current = steps.map(() => false);
      onSaved();
    } catch (error) {
      setProblem(error instanceof HttpError ? error : new HttpError(0, null));
    } finally {
      setBusy(false);
    }
  };
  const errorsOf = (field: string) => problemsOf(problem, field);
  const set = (field: string, value: string) => setValues({ ...values, [field]: value });

  if (!open) return (
    <button type="button" data-action={name} onClick={() => { setSeen(record); setProblem(null); setOpen(true); }}>{title}</button>);
  return (
    <form class="action-form" data-form={name} aria-label={title} onSubmit={e => { e.preventDefault(); submit(seen.version as number); }}>
      <h4>{title}</h4>
      {fields.map(f => {
        const errors = errorsOf(f.name);
        const props = { ...inputOf(f.name, errors, !!f.hint), value: values[f.name] ?? "", required: f.required };
        return (
          <Field key={f.name} name={f.name} label={f.label} hint={f.hint} errors={errors}>
            {f.type === "textarea" ? <textarea {...props} onInput={e => set(f.name, e.currentTarget.value)} />
              : f.type === "kind" ? <select {...props} onChange={e => set(f.name, e.currentTarget.value)}>
                  {Object.entries(t.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}</select>
              : <input {...props} onInput={e => set(f.name, e.currentTarget.value)} />}
          </Field>);
      })}
      <Problem problem={problem} w={w} shown={fields.map(f => f.name)} />
      {problem?.status === 412 && <Conflict w={w} seen={seen} path={recordPath}
        onReapply={current => { setSeen(current as Editable); submit(current.version as number); }} />}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>{busy ? w.saving : w.save}</button>
        <button type="button" onClick={() => setOpen(false)}>{w.cancel}</button>
      </div>
    </form>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A programme typed a line per item: "2024-05-20 meeting: Talks with the governor" (the day may be left out; the kind
 * before a colon is one of the API's programme kinds, else the line is a meeting).
 */
const programmeOf = (text: string) => text.split("\n").map(line => line.trim()).filter(Boolean).map(line => {
  const [, on, kind, description] = /^(\d{4}(?:-\d{2}){0,2})?\s*(?:([a-z-]+):)?\s*(.*)$/.exec(line)!;
  return { on: on ?? null, kind: kind ?? "meeting", description };
});
const partyRef = (p: { code?: string | null; name?: string; level?: string }) => p.code ? { code: p.code } : { name: p.name, level: p.level };

export function VisitActions({ record, w, lang, onSaved }: { record: Visit; w: Words; lang: Lang; onSaved: () => void }) {
  const path = `/api/delegations/visits/${record.id}`;
  const open = record.status !== "completed" && record.status !== "cancelled";
  const common = { record: record as Editable, recordPath: path, w, lang, onSaved };
  // The document's parties: the visit's host and guests, as the visit names them.
  const parties = [record.host, ...(record.guests as { code?: string | null; name?: string; level?: string }[])].map(partyRef);
  const documentStep: Step = {
    path: `${path}/documents`,
    body: v => ({ title: v.documentTitle, kind: v.documentKind || "cooperation", signedOn: v.documentSignedOn || null, parties }),
    when: v => !!v.documentTitle?.trim(),
  };
  const documentFields: Spec[] = [
    { name: "documentTitle", label: `${w.document}: ${w.titleField}` },
    { name: "documentKind", label: `${w.document}: ${w.kind}`, type: "kind" },
    { name: "documentSignedOn", label: `${w.document}: ${w.signedOn}`, hint: w.dateHint },
  ];
  return (
    <div class="action-list">
      {(record.status === "planned" || record.status === "overdue") && <EditForm {...common} name="start" title={w.start}
        fields={[{ name: "on", label: w.on, hint: w.dateHint, required: true }]}
        steps={[{ path: `${path}/start`, body: v => ({ on: v.on }) }]} />}
      {open && <EditForm {...common} name="programme" title={w.programme}
        fields={[{ name: "programme", label: w.programmeItems, hint: w.programmeHint, type: "textarea", required: true }]}
        steps={[{ path: `${path}/programme`, body: v => ({ items: programmeOf(v.programme) }) }]} />}
      {open && <EditForm {...common} name="reschedule" title={w.reschedule}
        fields={[{ name: "plannedFrom", label: w.plannedFrom, hint: w.dateHint, required: true }, { name: "plannedTo", label: w.plannedTo, hint: w.dateHint },
          { name: "reason", label: w.reason, type: "textarea" }]}
        steps={[{ path: `${path}/reschedule`, body: v => ({ plannedFrom: v.plannedFrom, plannedTo: v.plannedTo || null, reason: v.reason || null }) }]} />}
      {open && <EditForm {...common} name="complete" title={w.complete}
        fields={[{ name: "from", label: w.from, hint: w.dateHint, required: true }, { name: "to", label: w.to, hint: w.dateHint, required: true },
          { name: "summary", label: w.summary, type: "textarea" }, ...documentFields]}
        steps={[{ path: `${path}/completion`, body: v => ({ from: v.from, to: v.to, summary: v.summary || null }) }, documentStep]} />}
      {record.status !== "cancelled" && <EditForm {...common} name="document" title={w.document}
        fields={documentFields} steps={[{ ...documentStep, when: undefined }]} />}
      {open && <EditForm {...common} name="cancel" title={w.cancelVisit}
        fields={[{ name: "reason", label: w.reason, type: "textarea" }]}
        steps={[{ path: `${path}/cancellation`, body: v => ({ reason: v.reason || null }) }]} />}
    </div>
  );
}

export function AgreementActions({ record, w, lang, onSaved }: { record: Agreement; w: Words; lang: Lang; onSaved: () => void }) {
  const path = `/api/agreements/${record.id}`;
  const common = { record: record as Editable, recordPath: path, w, lang, onSaved };
  if (record.status === "terminated") return null;
  const isPlan = record.kind === "plan-of-events" || record.kind === "programme";
  const unsigned = record.status === "draft" || (record.status === "signed" && record.signedOn == null);
  return (
    <div class="action-list">
      {unsigned && <EditForm {...common} name="sign" title={w.sign}
        fields={[{ name: "signedOn", label: w.signedOn, hint: w.dateHint, required: record.status === "signed" }, { name: "place", label: w.place }]}
        steps={[{ path: `${path}/signature`, body: v => ({ signedOn: v.signedOn || null, place: v.place || null }) }]} />}
      <EditForm {...common} name="amend" title={w.amend}
        fields={[{ name: "summary", label: w.summary, type: "textarea", required: true }, { name: "effectiveOn", label: w.effectiveOn, hint: w.dateHint }]}
        steps={[{ path: `${path}/amendments`, body: v => ({ summary: v.summary, effectiveOn: v.effectiveOn || null }) }]} />
      <EditForm {...common} name="extend" title={w.extend}
        fields={[{ name: "validUntil", label: w.validUntil, hint: w.dateHint, required: true }]}
        steps={[{ path: `${path}/extension`, body: v => ({ validUntil: v.validUntil }) }]} />
      {isPlan && <EditForm {...common} name="add-item" title={w.addItem}
        fields={[{ name: "title", label: w.titleField, required: true }, { name: "due", label: w.due, hint: w.dateHint },
          { name: "sphere", label: w.sphere, hint: w.sphereHint }, { name: "responsible", label: w.responsible }]}
        steps={[{ path: `${path}/items`, body: v => ({ title: v.title, due: v.due || null, sphere: v.sphere || null, responsible: v.responsible || null }) }]} />}
      <EditForm {...common} name="terminate" title={w.terminate}
        fields={[{ name: "on", label: w.on, hint: `${w.dateHint} (${today()})`, required: true }, { name: "reason", label: w.reason, type: "textarea" }]}
        steps={[{ path: `${path}/termination`, body: v => ({ on: v.on, reason: v.reason || null }) }]} />
    </div>
  );
}

/** A plan's item and what may be done with it while it is open: completed (on a day, by a visit) or cancelled. */
export function PlanItemActions({ record, item, w, lang, onSaved }: { record: Agreement; item: PlanItem; w: Words; lang: Lang; onSaved: () => void }) {
  const path = `/api/agreements/${record.id}`;
  const common = { record: record as Editable, recordPath: path, w, lang, onSaved };
  if (record.status === "terminated" || item.state === "done" || item.state === "cancelled") return null;
  return (
    <div class="action-list">
      <EditForm {...common} name={`complete-item-${item.id}`} title={w.completeItem}
        fields={[{ name: "on", label: w.on, hint: w.dateHint, required: true }, { name: "note", label: w.note, type: "textarea" }]}
        steps={[{ path: `${path}/items/${item.id}/completion`, body: v => ({ on: v.on, note: v.note || null }) }]} />
      <EditForm {...common} name={`cancel-item-${item.id}`} title={w.cancelItem}
        fields={[{ name: "reason", label: w.reason, type: "textarea" }]}
        steps={[{ path: `${path}/items/${item.id}/cancellation`, body: v => ({ reason: v.reason || null }) }]} />
    </div>
  );
}
