// What the Trade service keeps: trade reports (/api/trade/reports), filed by a region and revised; investment projects
// (/api/trade/projects), registered, moved on in status and given a new cost; and foreign-invested companies counted on a
// day (/api/trade/foreign-invested-companies), recounted.
import { linkProps } from "../route";
import type { CompanyCount, CountCompanies, FileReport, Project, RegisterProject, TradeReport } from "../types";
import type { Words } from "../words";
import type { Dict } from "../../i18n";
import { CURRENCIES, money, names, num, placeOf, sourceFields, sourceOf, text, units, type Detail, type Kind } from "./kind";
import type { Spec, Values } from "../forms";

const FIGURES = ["exports", "imports", "turnover", "balance", "growthPercent"] as const;

export function tradeReports(w: Words, t: Dict): Kind<TradeReport> {
  const flows = { goods: w.goods, services: w.services };
  const figureFields: Spec[] = FIGURES.map(name => ({ name, label: w.figures[name], type: "number" }));
  const figuresOf = (v: Values) => Object.fromEntries(FIGURES.map(name => [name, num(v[name])]));
  const amount = (r: TradeReport, value: number | null | undefined) => money(value, r.currency, r.unit ? w.unitsShort[r.unit] : null);
  return {
    api: "/api/trade/reports", singular: "trade-report", label: w.tradeReports, regionParam: "reporter", search: "partner",
    filters: [{ param: "flow", label: w.flow, options: flows }],
    columns: [
      [w.period, r => r.period.label], [w.partner, r => r.partner.name], [w.flow, r => flows[r.flow as keyof typeof flows] ?? r.flow],
      [t.exports, r => amount(r, r.exports)], [t.imports, r => amount(r, r.imports)], [t.turnover, r => amount(r, r.turnover)],
    ],
    title: r => `${r.reporter.name} — ${r.partner.name}, ${r.period.label}`,
    details: r => [
      [w.reporter, r.reporter.name], [w.partner, r.partner.name], [w.period, r.period.label], [w.flow, flows[r.flow as keyof typeof flows] ?? r.flow],
      ...FIGURES.filter(name => r[name] != null).map(name =>
        [w.figures[name], name === "growthPercent" ? `${r[name]} %` : amount(r, r[name]), name] as [string, string, string]),
    ],
    more: r => r.revisions.length > 0 && <>
      <h3>{w.revisions}</h3>
      <ul class="revisions">{r.revisions.map(rev => (
        <li key={rev.version}>{new Date(rev.recordedAt).toLocaleDateString()} · {rev.reason}
          {rev.changes.length > 0 && `: ${rev.changes.map(c => `${w.figures[c.figure as keyof Words["figures"]] ?? c.figure} ${c.from ?? "—"} → ${c.to ?? "—"}`).join(", ")}`}</li>))}</ul>
    </>,
    actions: r => [{ name: "revise", title: w.revise,
      fields: [...figureFields, { name: "reason", label: w.reason, type: "textarea", required: true }],
      steps: [{ path: `/api/trade/reports/${r.id}/revisions`, body: v => ({ ...figuresOf(v), reason: v.reason }) }] }],
    create: {
      title: w.fileReport, regionErrors: ["reporter.code", "reporter"],
      fields: [
        { name: "partner", label: w.partner, type: "place", hint: w.placeHint, api: ["partner.code", "partner.name"] },
        { name: "from", label: w.from, hint: w.dateHint, required: true, api: ["period.from", "period"] },
        { name: "to", label: w.to, hint: w.dateHint, required: true, api: ["period.to"] },
        { name: "flow", label: w.flow, type: "select", options: flows, required: true },
        { name: "currency", label: w.currency, type: "select", options: CURRENCIES, required: true },
        { name: "unit", label: w.unit, type: "select", options: units(w), required: true },
        ...figureFields, ...sourceFields(w),
      ],
      body: (v, region): FileReport => ({
        reporter: { code: region }, partner: placeOf(v.partner), period: { from: v.from, to: v.to }, flow: v.flow as FileReport["flow"],
        currency: v.currency as FileReport["currency"], unit: v.unit as FileReport["unit"], ...figuresOf(v), source: sourceOf(v),
      }),
    },
  };
}

export function projects(w: Words): Kind<Project> {
  const cost = (p: Project) => p.cost ? money(p.cost.amount, p.cost.currency, w.unitsShort[p.cost.unit] ?? p.cost.unit) : "—";
  const costFields: Spec[] = [
    { name: "cost", label: w.cost, type: "number" },
    { name: "currency", label: w.currency, type: "select", options: CURRENCIES, required: true },
    { name: "costUnit", label: w.unit, type: "select", options: units(w), required: true },
  ];
  return {
    api: "/api/trade/projects", singular: "project", label: w.projects, regionParam: "region", search: "q",
    filters: [{ param: "status", label: w.status, options: w.projectStatuses }],
    columns: [
      [w.name, p => p.name], [w.status, p => w.projectStatuses[p.status] ?? p.status], [w.partners, p => names(p.partners) || "—"],
      [w.place, p => p.place.name], [w.cost, cost],
    ],
    title: p => p.name,
    details: p => [
      [w.status, w.projectStatuses[p.status] ?? p.status, "status"], [w.place, p.place.name], [w.partners, names(p.partners) || "—"],
      [w.cost, cost(p), "cost"],
      ...(p.description ? [[w.description, p.description] as [string, string]] : []),
      ...(p.agreementId ? [[w.agreement, <a {...linkProps(`/workspace/agreements/${p.agreementId}`)}>{w.openAgreement}</a>] as Detail] : []),
    ],
    more: p => <>
      <h3>{w.statusHistory}</h3>
      <ul class="status-history">{p.statusHistory.map((s, i) => (
        <li key={i}>{w.projectStatuses[s.status] ?? s.status}{s.on ? ` · ${s.on}` : ""}{s.reason ? ` — ${s.reason}` : ""}</li>))}</ul>
      {p.costHistory.length > 1 && <>
        <h3>{w.costHistory}</h3>
        <ul class="cost-history">{p.costHistory.map((c, i) => (
          <li key={i}>{money(c.cost.amount, c.cost.currency, w.unitsShort[c.cost.unit] ?? c.cost.unit)}{c.reason ? ` — ${c.reason}` : ""}</li>))}</ul>
      </>}
    </>,
    actions: p => {
      const path = `/api/trade/projects/${p.id}`;
      return [
        { name: "status", title: w.changeStatus,
          fields: [{ name: "status", label: w.status, type: "select", options: w.projectStatuses, required: true },
            { name: "on", label: w.on, hint: w.dateHint }, { name: "reason", label: w.reason, type: "textarea" }],
          steps: [{ path: `${path}/status`, body: v => ({ status: v.status, on: text(v.on), reason: text(v.reason) }) }] },
        { name: "cost", title: w.reviseCost,
          fields: [...costFields.map(f => f.name === "cost" ? { ...f, required: true } : f), { name: "reason", label: w.reason, type: "textarea" }],
          steps: [{ path: `${path}/cost`, body: v => ({ cost: num(v.cost), currency: v.currency, costUnit: v.costUnit, reason: text(v.reason) }) }] },
      ];
    },
    create: {
      title: w.registerProject, regionErrors: ["region"],
      fields: [
        { name: "name", label: w.name, required: true },
        { name: "partner", label: w.partner, type: "place", hint: w.placeHint, api: ["partners[0].code", "partners[0]", "partners"] },
        { name: "status", label: w.status, type: "select", options: w.projectStatuses, required: true },
        ...costFields,
        { name: "description", label: w.description, type: "textarea" },
        ...sourceFields(w),
      ],
      body: (v, region): RegisterProject => ({
        name: v.name, region, partners: v.partner ? [{ code: v.partner }] : [], status: v.status as RegisterProject["status"],
        cost: num(v.cost), currency: v.cost ? v.currency as RegisterProject["currency"] : null, costUnit: v.cost ? v.costUnit as RegisterProject["costUnit"] : null,
        description: text(v.description), source: sourceOf(v),
      }),
    },
  };
}

export function companies(w: Words): Kind<CompanyCount> {
  const numberFields = (required: boolean): Spec[] => [
    { name: "total", label: w.companiesTotal, type: "number", required },
    { name: "jointVentures", label: w.jointVentures, type: "number" },
    { name: "foreignOwned", label: w.foreignOwned, type: "number" },
  ];
  const numbersOf = (v: Values) => ({ total: num(v.total), jointVentures: num(v.jointVentures), foreignOwned: num(v.foreignOwned) });
  return {
    api: "/api/trade/foreign-invested-companies", singular: "company-count", label: w.companies, regionParam: "region", search: "partner",
    filters: [],
    columns: [
      [w.asOf, c => c.asOf], [w.place, c => c.place.name], [w.partner, c => c.partner?.name ?? "—"],
      [w.companiesTotal, c => c.total], [w.jointVentures, c => c.jointVentures ?? "—"], [w.foreignOwned, c => c.foreignOwned ?? "—"],
    ],
    title: c => `${c.place.name}${c.partner ? ` — ${c.partner.name}` : ""}, ${c.asOf}`,
    details: c => [
      [w.place, c.place.name], [w.partner, c.partner?.name ?? "—"], [w.asOf, c.asOf],
      [w.companiesTotal, c.total, "total"], [w.jointVentures, c.jointVentures ?? "—"], [w.foreignOwned, c.foreignOwned ?? "—"],
    ],
    more: c => c.revisions.length > 0 && <>
      <h3>{w.revisions}</h3>
      <ul class="revisions">{c.revisions.map(r => (
        <li key={r.version}>{new Date(r.recordedAt).toLocaleDateString()} · {r.previous.total} → {r.numbers.total} — {r.reason}</li>))}</ul>
    </>,
    actions: c => [{ name: "recount", title: w.recount,
      fields: [...numberFields(true), { name: "reason", label: w.reason, type: "textarea", required: true }],
      steps: [{ path: `/api/trade/foreign-invested-companies/${c.id}/revisions`, body: v => ({ ...numbersOf(v), reason: v.reason }) }] }],
    create: {
      title: w.countCompanies, regionErrors: ["region"],
      fields: [
        { name: "partner", label: w.partnerCountry, type: "place", hint: w.placeHint, api: ["partner.code", "partner.name"] },
        { name: "asOf", label: w.asOf, hint: w.dateHint, required: true },
        ...numberFields(true), ...sourceFields(w),
      ],
      body: (v, region): CountCompanies => ({ region, partner: placeOf(v.partner), asOf: v.asOf, ...numbersOf(v), source: sourceOf(v) }),
    },
  };
}

