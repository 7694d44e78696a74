// What the workspace knows of a kind of record, so that one list, one record page and one registration form serve them
// all: where the API keeps it, how its list is filtered and shown, what its page says, the actions its state allows and
// the form that registers one. Each kind is described beside the others of its service (agreements.tsx, visits.tsx,
// delegations.tsx, trade.tsx) and gathered in index.ts.
import type { ComponentChildren } from "preact";
import type { Dict, Lang } from "../../i18n";
import type { Action } from "../actions";
import type { Spec, Values } from "../forms";
import type { Words } from "../words";

export const KIND_NAMES = ["agreements", "visits", "trade-reports", "projects", "companies", "visit-counts", "occasions", "exchanges", "commissions"] as const;
export type KindName = typeof KIND_NAMES[number];

/** What a kind's page needs besides the record: the words of the page's language, and what to do once a write is stored. */
export interface Context { w: Words; t: Dict; lang: Lang; onSaved: () => void }

/** A line of a record's page: its label, its value, and the name a test or a screen reader finds it by (data-shows). */
export type Detail = [label: string, value: ComponentChildren, shows?: string];

/** A filter of a list beside the search: the API's query parameter and the values it takes, with their labels. */
export interface Filter { param: string; label: string; options: Record<string, string> }

export interface Kind<T = any> {
  /** The API's collection, e.g. /api/agreements: the list is read at it, a record at {api}/{id}, a registration posted to it. */
  api: string;
  /** The record's name in the registration form's name (form[data-form=new-agreement]). */
  singular: string;
  /** The list's title and its section's name. */
  label: string;
  /** The query parameter the list's region (the committee's own, or the one the ministry typed) goes in. */
  regionParam: string;
  /** The query parameter the search box fills: words of the title (q) or a partner by code or name. */
  search: "q" | "partner";
  filters: Filter[];
  /** The list's columns; the first links to the record's page. */
  columns: [label: string, value: (record: T) => ComponentChildren][];
  title: (record: T) => string;
  details: (record: T, context: Context) => Detail[];
  /** What the page shows below the details: amendments, items, revisions, members… */
  more?: (record: T, context: Context) => ComponentChildren;
  /** The writes the record's state allows, each a form of its own. */
  actions: (record: T, context: Context) => Action[];
  /** The registration: the button's and form's title, its fields (the committee's region is added for the ministry), the body. */
  create: { title: string; fields: Spec[]; regionErrors: string[]; body: (values: Values, region: string) => unknown };
}

// What the kinds share.

type Named = { name?: string | null } | null | undefined;
/** Parties or places by their names, as a reader wants them. */
export const names = (list: unknown) => ((list as Named[] | null | undefined) ?? []).map(p => p?.name).filter(Boolean).join(", ");
/** A period of partial dates as "2011 – 2012-08", or the one day. */
export const span = (from: unknown, to?: unknown) => to && to !== from ? `${from ?? "…"} – ${to}` : String(from ?? "—");
/** Some of a vocabulary's labels, in the order given. */
export const pick = (labels: Record<string, string>, keys: string[]) => Object.fromEntries(keys.map(key => [key, labels[key] ?? key]));
/** A number typed in a form: null when left empty (the API then keeps what it has). */
export const num = (text: string | undefined) => text?.trim() ? Number(text) : null;
/** A text typed in a form: null when left empty. */
export const text = (value: string | undefined) => value?.trim() ? value.trim() : null;
/** Lines typed in a textarea, one item each. */
export const lines = (value: string | undefined) => (value ?? "").split("\n").map(line => line.trim()).filter(Boolean);
/** A place picked in a form, as the API takes a party: by its gazetteer code. */
export const placeOf = (code: string | undefined) => code ? { code } : null;
/** A figure with its currency and unit: "12.5 million USD". */
export const money = (amount: number | null | undefined, currency?: string | null, unit?: string | null) =>
  amount == null ? "—" : [amount.toLocaleString(), unit, currency].filter(Boolean).join(" ");
/** A count with how the source qualified it ("up to 100" is at-most). */
export const counted = (count: number | null | undefined, qualifier: string | null | undefined, w: Words) =>
  count == null ? "—" : qualifier ? `${w.qualifiers[qualifier] ?? qualifier} ${count}` : String(count);

/** The source fields every registration offers: the document's title and the quote the record is taken from. */
export const sourceFields = (w: Words): Spec[] => [
  { name: "sourceTitle", label: w.sourceTitle, api: ["source.title", "source"] },
  { name: "sourceQuote", label: w.sourceQuote, type: "textarea", api: ["source.quote"] },
];
export const sourceOf = (v: Values) => v.sourceTitle?.trim() ? { title: v.sourceTitle.trim(), quote: text(v.sourceQuote) } : null;

/** The currencies and units a figure is usually reported in (the API takes any ISO 4217 code). */
export const CURRENCIES = { USD: "USD", EUR: "EUR", BYN: "BYN", RUB: "RUB", CNY: "CNY" };
export const units = (w: Words) => ({ thousand: w.thousand, million: w.million });
