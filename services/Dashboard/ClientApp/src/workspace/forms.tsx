// What every form of the workspace shares: one Idempotency-Key per form fill (a double click or a retry stores once),
// the If-Match of the version the clerk saw, and the API's refusals shown where they belong: a 422's problems beside the
// fields they name, a 412 as what changed meanwhile with a way to reapply, a 503 as "try again" with the typed values kept.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { getJson, HttpError, send } from "../api";
import type { Lang } from "../i18n";
import type { Place } from "./types";
import type { Words } from "./words";

const newKey = () => crypto.randomUUID();

/** A write made from one form fill: the same key for every attempt until it succeeds. */
export function useWrite() {
  const key = useRef(newKey());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<HttpError | null>(null);
  const submit = async <T,>(path: string, body: unknown, version?: number | null): Promise<T | null> => {
    if (busy) return null;
    setBusy(true);
    setProblem(null);
    try {
      return await send<T>("POST", path, body, { key: key.current, version });
    } catch (error) {
      setProblem(error instanceof HttpError ? error : new HttpError(0, null));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, problem, setProblem, errorsOf: (field: string) => problemsOf(problem, field) };
}

/** A field of a form: typed (a date is text: a year, a month or a day), a choice, a number, or a place from the gazetteer. */
export interface Spec {
  name: string; label: string; hint?: string; required?: boolean;
  type?: "text" | "textarea" | "number" | "select" | "place";
  /** A choice's values and their labels, in order; the first is chosen at first when the field is required, else none is. */
  options?: Record<string, string>;
  /** The names the API gives this field's problems besides its own (parties[1].code for the partner picked). */
  api?: string[];
}

/** What was typed in a form's fields, by name; a place's value is its gazetteer code. */
export type Values = Record<string, string>;

/** The values a form starts with: a required choice's first option. */
export const initial = (specs: Spec[]): Values =>
  Object.fromEntries(specs.filter(f => f.type === "select" && f.required).map(f => [f.name, Object.keys(f.options ?? {})[0] ?? ""]));

/** Every name a form's problems may come under, so that the rest are listed above its button. */
export const shownBy = (specs: Spec[]) => specs.flatMap(f => [f.name, ...(f.api ?? [])]);

/** A form's fields, each labelled, with its hint and the API's problems for it. */
export function Fields({ specs, values, set, problem, w, lang }: {
  specs: Spec[]; values: Values; set: (name: string, value: string) => void; problem: HttpError | null; w: Words; lang: Lang;
}) {
  return <>{specs.map(f => {
    const errors = [f.name, ...(f.api ?? [])].flatMap(name => problemsOf(problem, name));
    const props = { ...inputOf(f.name, errors, !!f.hint), required: f.required };
    const value = values[f.name] ?? "";
    const onInput = (e: { currentTarget: { value: string } }) => set(f.name, e.currentTarget.value);
    return (
      <Field key={f.name} name={f.name} label={f.label} hint={f.hint} errors={errors}>
        {f.type === "textarea" ? <textarea {...props} value={value} onInput={onInput} />
          : f.type === "select" ? <select {...props} value={value} onChange={onInput}>
              {!f.required && <option value="">—</option>}
              {Object.entries(f.options ?? {}).map(([key, label]) => <option key={key} value={key}>{label}</option>)}
            </select>
          : f.type === "place" ? <PlaceInput name={f.name} w={w} lang={lang} errors={errors} onCode={code => set(f.name, code)} />
          : <input {...props} type={f.type === "number" ? "number" : "text"} step={f.type === "number" ? "any" : undefined} value={value} onInput={onInput} />}
      </Field>);
  })}</>;
}

/** A place field: the picker keeps the place chosen, the form its code. */
function PlaceInput({ name, w, lang, errors, onCode }: { name: string; w: Words; lang: Lang; errors: string[]; onCode: (code: string) => void }) {
  const [place, setPlace] = useState<Place | null>(null);
  return <PlacePicker name={name} w={w} lang={lang} value={place} errors={errors} onChange={p => { setPlace(p); onCode(p?.code ?? ""); }} />;
}

/** The problems of a 422 (or 400) for a field, by the name the API gives it. */
export const problemsOf = (problem: HttpError | null, field: string): string[] => problem && (problem.status === 422 || problem.status === 400)
  ? Object.entries(problem.body?.errors ?? {}).filter(([name]) => name.toLowerCase() === field.toLowerCase()).flatMap(([, messages]) => messages)
  : [];

/** A labelled input, its hint and the API's problems for it, tied together for screen readers. */
export function Field({ name, label, hint, errors, children }: { name: string; label: string; hint?: string; errors: string[]; children: ComponentChildren }) {
  return (
    <div class={`field${errors.length ? " invalid" : ""}`} data-field={name}>
      <label for={`f-${name}`}>{label}</label>
      {children}
      {hint && <small id={`h-${name}`} class="muted">{hint}</small>}
      {errors.length > 0 && <small id={`e-${name}`} class="error" role="alert">{errors.join(" ")}</small>}
    </div>
  );
}

/** The props an input of a Field takes, so its label, hint and errors are announced with it. */
export const inputOf = (name: string, errors: string[], hint?: boolean) => ({
  id: `f-${name}`, name, "aria-invalid": errors.length > 0 ? "true" as const : undefined,
  "aria-describedby": [hint ? `h-${name}` : "", errors.length ? `e-${name}` : ""].filter(Boolean).join(" ") || undefined,
});

/**
 * What the API said, above the submit button: a refusal in its own words, a 422's problems for fields the form does not
 * show, a 503 or a broken network as "try again" (the form keeps what was typed, so the clerk just submits again).
 */
export function Problem({ problem, w, shown }: { problem: HttpError | null; w: Words; shown: string[] }) {
  if (!problem || problem.status === 412) return null;
  const rest = Object.entries(problem.body?.errors ?? {}).filter(([name]) => !shown.some(f => f.toLowerCase() === name.toLowerCase()));
  const text = problem.status === 0 ? w.offline
    : problem.status === 503 || problem.status === 429 ? w.unavailable(problem.retryAfter)
    : problem.status === 403 ? `${w.refused} ${problem.body?.detail ?? ""}`
    : problem.status === 401 ? w.unauthorised
    : problem.status === 422 || problem.status === 400 ? w.invalid
    : problem.message;
  return (
    <div class="notice problem" role="alert" data-status={problem.status}>
      {text}
      {rest.length > 0 && <ul>{rest.map(([name, messages]) => <li key={name}><b>{name}</b>: {messages.join(" ")}</li>)}</ul>}
    </div>
  );
}

/**
 * A 412: the record as it is now against the one the clerk edited, field by field, and a button that makes the same
 * change again on the current version.
 */
export function Conflict<T extends Record<string, unknown>>({ w, seen, path, onReapply }: {
  w: Words; seen: T; path: string; onReapply: (current: T) => void;
}) {
  const [current, setCurrent] = useState<T | null>(null);
  useEffect(() => { getJson<T>(path).then(setCurrent).catch(() => setCurrent(null)); }, [path]);
  if (!current) return <div class="notice conflict" role="alert">{w.conflict} …</div>;
  const changes = Object.keys(current)
    .filter(key => !["version", "updatedAt", "searchText"].includes(key) && JSON.stringify(current[key]) !== JSON.stringify(seen[key]))
    .map(key => [key, brief(seen[key]), brief(current[key])] as const);
  return (
    <div class="notice conflict" role="alert" data-conflict>
      <p>{w.conflict}</p>
      {changes.length ? <ul>{changes.map(([key, before, after]) => <li key={key}><b>{key}</b>: {before} → {after}</li>)}</ul> : <p>{w.nothingChanged}</p>}
      <button type="button" class="primary" onClick={() => onReapply(current)}>{w.reapply}</button>
    </div>
  );
}

const brief = (value: unknown): string => value == null ? "—" : typeof value === "object" ? JSON.stringify(value).slice(0, 120) : String(value);

/** A place's name in the page's language. */
export const placeLabel = (place: Place, lang: Lang) =>
  `${place.names[lang] ?? place.names.en}${place.names.zh ? ` (${place.names.zh})` : ""} · ${place.code}`;

/**
 * A place picked from the gazetteer as the clerk types (`GET /api/places?q=`), in Russian, English or Chinese: a combobox
 * whose options are read with the arrow keys and chosen with Enter.
 */
export function PlacePicker({ name, w, lang, value, onChange, errors }: {
  name: string; w: Words; lang: Lang; value: Place | null; onChange: (place: Place | null) => void; errors: string[];
}) {
  const [text, setText] = useState(value ? placeLabel(value, lang) : "");
  const [options, setOptions] = useState<Place[] | null>(null);
  const [active, setActive] = useState(0);
  useEffect(() => {
    if (value && text === placeLabel(value, lang)) return;
    const q = text.trim();
    if (q.length < 2) { setOptions(null); return; }
    let cancelled = false;
    const timer = setTimeout(() => {
      getJson<{ items: Place[] }>("/api/places", { q, pageSize: "10" })
        .then(found => { if (!cancelled) { setOptions(found.items.filter(p => p.status !== "refused" && p.status !== "merged")); setActive(0); } })
        .catch(() => { if (!cancelled) setOptions([]); });
    }, 200);
    return () => { cancelled = true; clearTimeout(timer); };
  }, [text]);
  const choose = (place: Place) => { onChange(place); setText(placeLabel(place, lang)); setOptions(null); };
  const listId = `l-${name}`;
  return (
    <div class="picker">
      <input {...inputOf(name, errors, true)} role="combobox" aria-autocomplete="list" aria-expanded={!!options?.length} aria-controls={listId}
        aria-activedescendant={options?.length ? `${listId}-${active}` : undefined} autocomplete="off" value={text}
        onInput={e => { setText(e.currentTarget.value); onChange(null); }}
        onKeyDown={e => {
          if (!options?.length) return;
          if (e.key === "ArrowDown") { e.preventDefault(); setActive((active + 1) % options.length); }
          else if (e.key === "ArrowUp") { e.preventDefault(); setActive((active - 1 + options.length) % options.length); }
          else if (e.key === "Enter") { e.preventDefault(); choose(options[active]); }
          else if (e.key === "Escape") setOptions(null);
        }} />
      {options && (options.length
        ? <ul id={listId} role="listbox" class="options">{options.map((place, i) =>
            <li key={place.code} id={`${listId}-${i}`} role="option" aria-selected={i === active} data-code={place.code}
              onMouseDown={e => { e.preventDefault(); choose(place); }}>{placeLabel(place, lang)}</li>)}</ul>
        : <div class="muted small">{w.noPlace}</div>)}
    </div>
  );
}
