// The writes a record's page offers, each a form of its own opened by a button: the kinds (kinds/*.tsx) say which their
// record's state allows and what each sends. Each is an edit of the version the clerk sees: it carries If-Match, keeps one
// Idempotency-Key per step for every retry of the same fill, and a 412 shows what changed meanwhile with a way to reapply.
import { useRef, useState } from "preact/hooks";
import { HttpError, send } from "../api";
import type { Lang } from "../i18n";
import { Conflict, Fields, initial, Problem, shownBy, type Spec, type Values } from "./forms";
import type { Words } from "./words";

/**
 * One step of a form: a write to `path` of the body made from the form's values, skipped when `when` says so. A form of
 * two steps (a completion, then the document signed during the visit) makes them in turn, each on the version the one
 * before left.
 */
export interface Step { path: string; body: (values: Values) => unknown; when?: (values: Values) => boolean }

/** An action: its name (button[data-action], form[data-form]), its title, its fields and the writes it makes. */
export interface Action { name: string; title: string; fields: Spec[]; steps: Step[] }

type Editable = Record<string, unknown> & { version: number };

/** The actions of a record (or of a part of it, such as a plan's item), as buttons that open their forms. */
export function ActionList({ actions, record, recordPath, w, lang, onSaved }: {
  actions: Action[]; record: Editable; recordPath: string; w: Words; lang: Lang; onSaved: () => void;
}) {
  if (actions.length === 0) return null;
  return (
    <div class="action-list">
      {actions.map(action => <EditForm key={action.name} action={action} record={record} recordPath={recordPath} w={w} lang={lang} onSaved={onSaved} />)}
    </div>);
}

function EditForm({ action: { name, title, fields, steps }, record, recordPath, w, lang, onSaved }: {
  action: Action; record: Editable; recordPath: string; w: Words; lang: Lang; onSaved: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Values>(() => initial(fields));
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
      setOpen(false); setValues(initial(fields));
      keys.current = steps.map(() => crypto.randomUUID());
      done.current = steps.map(() => false);
      onSaved();
    } catch (error) {
      setProblem(error instanceof HttpError ? error : new HttpError(0, null));
    } finally {
      setBusy(false);
    }
  };

  if (!open) return (
    <button type="button" data-action={name} onClick={() => { setSeen(record); setProblem(null); setOpen(true); }}>{title}</button>);
  return (
    <form class="action-form" data-form={name} aria-label={title} onSubmit={e => { e.preventDefault(); submit(seen.version); }}>
      <h4>{title}</h4>
      <Fields specs={fields} values={values} set={(field, value) => setValues({ ...values, [field]: value })} problem={problem} w={w} lang={lang} />
      <Problem problem={problem} w={w} shown={shownBy(fields)} />
      {problem?.status === 412 && <Conflict w={w} seen={seen} path={recordPath}
        onReapply={current => { setSeen(current as Editable); submit(current.version as number); }} />}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>{busy ? w.saving : w.save}</button>
        <button type="button" onClick={() => setOpen(false)}>{w.cancel}</button>
      </div>
    </form>
  );
}
