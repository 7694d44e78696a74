// A kind's registration form (kinds/*.tsx give its fields and the body it sends): the committee's own region is the
// record's (its first party, host, reporter or participant); the ministry names the region.
import { useState } from "preact/hooks";
import { dictionaries, type Lang } from "../i18n";
import { Fields, initial, Problem, shownBy, useWrite, type Spec, type Values } from "./forms";
import { catalogue, type KindName } from "./kinds";
import { go, linkProps } from "./route";
import type { Words } from "./words";

export function NewRecord({ kind: name, w, lang, region }: { kind: KindName; w: Words; lang: Lang; region: string | null }) {
  const kind = catalogue(w, dictionaries[lang])[name];
  const fields: Spec[] = region ? kind.create.fields
    : [{ name: "region", label: w.region, hint: w.regionHint, required: true, api: kind.create.regionErrors }, ...kind.create.fields];
  const write = useWrite();
  const [values, setValues] = useState<Values>(() => initial(fields));
  const submit = async (e: Event) => {
    e.preventDefault();
    const saved = await write.submit<{ id: string }>(kind.api, kind.create.body(values, region ?? (values.region ?? "").trim()));
    if (saved) go(`/workspace/${name}/${saved.id}`);
  };
  return (
    <form class="card new-form" data-form={`new-${kind.singular}`} onSubmit={submit} aria-labelledby="new-title">
      <a {...linkProps(`/workspace/?tab=${name}`)}>← {w.back}</a>
      <h2 id="new-title">{kind.create.title}</h2>
      {region && <p class="muted">{w.regionOf(region)}</p>}
      <Fields specs={fields} values={values} set={(field, value) => setValues(v => ({ ...v, [field]: value }))} problem={write.problem} w={w} lang={lang} />
      <Problem problem={write.problem} w={w} shown={shownBy(fields)} />
      <div class="buttons"><button type="submit" class="primary" disabled={write.busy} aria-busy={write.busy}>{write.busy ? w.saving : w.save}</button></div>
    </form>
  );
}
