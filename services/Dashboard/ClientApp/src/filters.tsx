// The region and partner to filter the page by: regions by name, partners as countries, then partner regions and
// organisations; a filter the summary does not list (from a link) is still shown.
import type { Summary } from "./api";
import { placeName, type Dict, type Lang } from "./i18n";

export function Filters({ t, summary, lang, region, partner, setRegion, setPartner }: {
  t: Dict; summary: Summary | null; lang: Lang; region: string; partner: string; setRegion: (region: string) => void; setPartner: (partner: string) => void;
}) {
  const name = placeName(summary, lang);
  const byName = (a: string, b: string) => name(a).localeCompare(name(b), lang);
  const regions: string[] = [...(summary?.regions ?? [])].sort(byName);
  const partners: string[] = summary?.partners ?? [];
  const countries = partners.filter(p => /^[A-Z]{2}$/.test(p)).sort(byName);
  const others = partners.filter(p => !/^[A-Z]{2}$/.test(p)).sort(byName);
  return (
    <div class="filters">
      <label>{t.region}
        <select name="region" value={region} onChange={e => setRegion((e.target as HTMLSelectElement).value)}>
          <option value="">{t.allRegions}</option>
          {region && !regions.includes(region) && <option value={region}>{name(region)}</option>}
          {regions.map(r => <option key={r} value={r}>{name(r)}</option>)}
        </select>
      </label>
      <label>{t.partner}
        <select name="partner" value={partner} onChange={e => setPartner((e.target as HTMLSelectElement).value)}>
          <option value="">{t.allPartners}</option>
          {partner && !partners.includes(partner) && <option value={partner}>{name(partner)}</option>}
          <optgroup label={t.countries}>{countries.map(p => <option key={p} value={p}>{name(p)}</option>)}</optgroup>
          <optgroup label={t.partnerRegions}>{others.map(p => <option key={p} value={p}>{name(p)}</option>)}</optgroup>
        </select>
      </label>
      {(region || partner) && <button class="link" onClick={() => { setRegion(""); setPartner(""); }}>{t.clear}</button>}
    </div>
  );
}
