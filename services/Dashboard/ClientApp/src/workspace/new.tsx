// The two registrations of a clerk's day: an agreement with a partner picked from the gazetteer, and a visit planned
// with its guests. The committee's own region is the first party (the host); the ministry names it.
import { useState } from "preact/hooks";
import { dictionaries, type Lang } from "../i18n";
import { Field, inputOf, PlacePicker, Problem, useWrite } from "./forms";
import { go, linkProps } from "./route";
import type { Agreement, Place, RegisterAgreement, PlanVisit, Visit } from "./types";
import type { Words } from "./words";

type Values = Record<string, string>;

function useValues(): [Values, (name: string) => { value: string; onInput: (e: { currentTarget: { value: string } }) => void }] {
  const [values, setValues] = useState<Values>({});
  return [values, name => ({ value: values[name] ?? "", onInput: e => setValues(v => ({ ...v, [name]: e.currentTarget.value })) })];
}

/** The region the record is the committee's for: the clerk's own, or for the ministry the one typed. */
function OwnRegion({ region, w, write, bind }: { region: string | null; w: Words; write: ReturnType<typeof useWrite>; bind: ReturnType<typeof useValues>[1] }) {
  if (region) return <p class="muted">{w.regionOf(region)}</p>;
  const errors = write.errorsOf("parties[0].code").concat(write.errorsOf("host.code"));
  return <Field name="region" label={w.region} errors={errors}><input {...inputOf("region", errors)} required {...bind("region")} /></Field>;
}

export function NewAgreement({ w, lang, region }: { w: Words; lang: Lang; region: string | null }) {
  const t = dictionaries[lang];
  const write = useWrite();
  const [values, bind] = useValues();
  const [partner, setPartner] = useState<Place | null>(null);
  const err = write.errorsOf;
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: RegisterAgreement = {
      kind: (values.kind || "cooperation") as RegisterAgreement["kind"], status: (values.status || "signed") as RegisterAgreement["status"],
      title: values.title, signedOn: values.signedOn || null,
      parties: [{ code: region ?? values.region }, ...(partner ? [{ code: partner.code }] : [])],
      source: values.sourceTitle ? { title: values.sourceTitle, quote: values.sourceQuote || null } : null,
    };
    const saved = await write.submit<Agreement>("/api/agreements", body);
    if (saved) go(`/workspace/agreements/${saved.id}`);
  };
  const partnerErrors = err("parties[1]").concat(err("parties[1].code"), err("parties[1].name"), err("parties"));
  return (
    <form class="card new-form" data-form="new-agreement" onSubmit={submit} aria-labelledby="new-title">
      <a {...linkProps("/workspace/?tab=agreements")}>← {w.back}</a>
      <h2 id="new-title">{w.newAgreement}</h2>
      <OwnRegion region={region} w={w} write={write} bind={bind} />
      <Field name="title" label={w.titleField} errors={err("title")}><input {...inputOf("title", err("title"))} required {...bind("title")} /></Field>
      <Field name="kind" label={w.kind} errors={err("kind")}>
        <select {...inputOf("kind", err("kind"))} {...bind("kind")} onChange={bind("kind").onInput}>
          {Object.entries(t.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
        </select>
      </Field>
      <Field name="partner" label={w.partner} hint={w.placeHint} errors={partnerErrors}>
        <PlacePicker name="partner" w={w} lang={lang} value={partner} onChange={setPartner} errors={partnerErrors} />
      </Field>
      <Field name="status" label={w.status} errors={err("status")}>
        <select {...inputOf("status", err("status"))} {...bind("status")} onChange={bind("status").onInput}>
          <option value="signed">{w.signed}</option><option value="draft">{w.draft}</option>
        </select>
      </Field>
      <Field name="signedOn" label={w.signedOn} hint={w.dateHint} errors={err("signedOn")}><input {...inputOf("signedOn", err("signedOn"), true)} {...bind("signedOn")} /></Field>
      <Field name="sourceTitle" label={w.sourceTitle} errors={err("source.title")}><input {...inputOf("sourceTitle", err("source.title"))} {...bind("sourceTitle")} /></Field>
      <Field name="sourceQuote" label={w.sourceQuote} errors={err("source.quote")}><textarea {...inputOf("sourceQuote", err("source.quote"))} {...bind("sourceQuote")} /></Field>
      <Problem problem={write.problem} w={w} shown={["title", "kind", "status", "signedOn", "source.title", "source.quote", "parties", "parties[1]", "parties[1].code", "parties[1].name", "parties[0].code"]} />
      <div class="buttons"><button type="submit" class="primary" disabled={write.busy} aria-busy={write.busy}>{write.busy ? w.saving : w.save}</button></div>
    </form>
  );
}

export function NewVisit({ w, lang, region }: { w: Words; lang: Lang; region: string | null }) {
  const write = useWrite();
  const [values, bind] = useValues();
  const [guest, setGuest] = useState<Place | null>(null);
  const err = write.errorsOf;
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: PlanVisit = {
      direction: (values.direction || "incoming") as PlanVisit["direction"], host: { code: region ?? values.region },
      guests: guest ? [{ code: guest.code }] : [], plannedFrom: values.plannedFrom, plannedTo: values.plannedTo || null,
      purpose: values.purpose || null,
    };
    const saved = await write.submit<Visit>("/api/delegations/visits", body);
    if (saved) go(`/workspace/visits/${saved.id}`);
  };
  const guestErrors = err("guests").concat(err("guests[0]"), err("guests[0].code"));
  return (
    <form class="card new-form" data-form="new-visit" onSubmit={submit} aria-labelledby="new-title">
      <a {...linkProps("/workspace/?tab=visits")}>← {w.back}</a>
      <h2 id="new-title">{w.planVisit}</h2>
      <OwnRegion region={region} w={w} write={write} bind={bind} />
      <Field name="direction" label={w.direction} errors={err("direction")}>
        <select {...inputOf("direction", err("direction"))} {...bind("direction")} onChange={bind("direction").onInput}>
          <option value="incoming">{w.incoming}</option><option value="outgoing">{w.outgoing}</option>
        </select>
      </Field>
      <Field name="guests" label={w.guests} hint={w.placeHint} errors={guestErrors}>
        <PlacePicker name="guests" w={w} lang={lang} value={guest} onChange={setGuest} errors={guestErrors} />
      </Field>
      <Field name="plannedFrom" label={w.plannedFrom} hint={w.dateHint} errors={err("plannedFrom")}><input {...inputOf("plannedFrom", err("plannedFrom"), true)} required {...bind("plannedFrom")} /></Field>
      <Field name="plannedTo" label={w.plannedTo} hint={w.dateHint} errors={err("plannedTo")}><input {...inputOf("plannedTo", err("plannedTo"), true)} {...bind("plannedTo")} /></Field>
      <Field name="purpose" label={w.purpose} errors={err("purpose")}><textarea {...inputOf("purpose", err("purpose"))} {...bind("purpose")} /></Field>
      <Problem problem={write.problem} w={w} shown={["direction", "guests", "guests[0]", "guests[0].code", "plannedFrom", "plannedTo", "purpose", "host.code"]} />
      <div class="buttons"><button type="submit" class="primary" disabled={write.busy} aria-busy={write.busy}>{write.busy ? w.saving : w.save}</button></div>
    </form>
  );
}
