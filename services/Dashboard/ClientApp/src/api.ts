// Talks to the gateway: the summary as JSON, the feed as a server-sent-events stream read with fetch, because
// EventSource cannot send the Authorization header and a token in the URL would end up in logs.

import type { components } from "./openapi";

// The API's shapes, generated at build from openapi.json: the service's own document, which an API test holds it to.
type Schemas = components["schemas"];
export type Counts = Record<string, number>;
export type Partner = Schemas["Partner"];
export type PlaceName = Schemas["PlaceName"];
export type AgreementItem = Schemas["AgreementItem"];
export type OverdueVisit = Schemas["OverdueVisit"];
export type TradeFigure = Schemas["TradeFigure"];
export type TradeSeries = Schemas["TradeSeries"];
export type Summary = Schemas["DashboardSummary"];
export type FeedEntry = Omit<Schemas["FeedEntry"], "message"> & { message: ContractMessage };

/** A party as the contracts name it. */
export interface PartyRef { code?: string | null; name?: string; level?: string }

/**
 * The fields of the integration contracts (documented in services/Cooperation.Contracts/README.md, not in this API's document) that the page reads,
 * all optional: an entry of a contract the page does not know shows its title or type.
 */
export interface ContractMessage {
  metadata?: { eventType?: string; actor?: { sub: string; role: string; region?: string | null } };
  agreementId?: string; visitId?: string; planId?: string;
  kind?: string; title?: string; name?: string; status?: string; summary?: string; reason?: string; place?: PartyRef | string | null;
  parties?: PartyRef[]; host?: PartyRef; guests?: PartyRef[]; reporter?: PartyRef; partner?: PartyRef;
  direction?: string; purpose?: string | null; occasion?: string | null; items?: unknown[];
  signedOn?: string | null; effectiveOn?: string; validUntil?: string; on?: string;
  plannedFrom?: string | null; plannedTo?: string | null; from?: string | null; to?: string | null;
  periodFrom?: string | null; periodTo?: string | null; currency?: string | null;
  figures?: { turnover?: number | null }; changes?: { turnover?: number | null };
}

/** A problem details body, as every refusal of the API carries one. */
export interface Problem { title?: string; detail?: string; status?: number; errors?: Record<string, string[]> }

export class HttpError extends Error {
  /** `status` 0: the request did not reach the API (network down). `retryAfter`: seconds, from a 503's or 429's header. */
  constructor(public status: number, public body: Problem | null, public retryAfter: number | null = null) {
    super(body?.detail ?? body?.title ?? `HTTP ${status}`);
  }
}

/** The signed-in user's access token, which the session renews; every call reads the current one. */
let accessToken: string | null = null;
export const bearer = {
  get: () => accessToken,
  set: (token: string | null) => { accessToken = token; },
};

/** The claims of a JWT, read without checking it: only to show who is signed in. */
export function claims(token: string | null): { sub?: string; role?: string; region?: string; exp?: number } {
  try {
    const part = token!.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch { return {}; }
}

/** Reads a route of the API as the signed-in user, leaving out empty query values; a refusal throws its problem. */
export async function getJson<T>(path: string, query: Record<string, string | null | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const response = await fetch(`${path}?${params}`, { headers: { Authorization: `Bearer ${bearer.get()}` } });
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) throw new HttpError(response.status, body);
  return body;
}

/**
 * A write as the API rules have it: the body as JSON, the `Idempotency-Key` of the form fill (a retry or a double click
 * stores once) and, for an edit, `If-Match` with the version the user saw. A refusal throws its problem; a request that
 * never reached the API throws status 0.
 */
export async function send<T>(method: "POST" | "PUT", path: string, body: unknown, options: { key: string; version?: number | null }): Promise<T> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${bearer.get()}`, "Content-Type": "application/json", "Idempotency-Key": options.key,
  };
  if (options.version != null) headers["If-Match"] = `"${options.version}"`;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: JSON.stringify(body) });
  } catch {
    throw new HttpError(0, null);
  }
  const answer = response.headers.get("content-type")?.includes("json") ? await response.json().catch(() => null) : null;
  const retryAfter = Number(response.headers.get("retry-after")) || null;
  if (!response.ok) throw new HttpError(response.status, answer, retryAfter);
  return answer;
}

export function getSummary(region: string, partner: string, asOf = ""): Promise<Summary> {
  return getJson<Summary>("/api/dashboard/summary", { region, partner, asOf });
}

/**
 * Follows the feed for as long as the signal allows: reconnects after a drop with Last-Event-ID, so nothing is
 * missed or repeated. Calls onState with "live" while connected and "retrying" between attempts.
 */
export async function followFeed(onEntry: (entry: FeedEntry) => void, onState: (state: "live" | "retrying", error?: HttpError) => void,
  signal: AbortSignal): Promise<void> {
  let lastId: string | null = null;
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = { Authorization: `Bearer ${bearer.get()}`, Accept: "text/event-stream" };
      if (lastId) headers["Last-Event-ID"] = lastId;
      const response = await fetch("/api/dashboard/feed?tail=30", { headers, signal, cache: "no-store" });
      if (!response.ok || !response.body) {
        const error = new HttpError(response.status, response.headers.get("content-type")?.includes("json") ? await response.json() : null);
        onState("retrying", error);
        if (response.status === 401 || response.status === 403) return;
        await delay(3000, signal);
        continue;
      }
      onState("live");
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
          const event = parseBlock(block);
          if (event.id) lastId = event.id;
          if (event.type === "integration-event" && event.data) onEntry(JSON.parse(event.data));
        }
      }
    } catch (error) {
      if (signal.aborted) return;
    }
    onState("retrying");
    await delay(2000, signal);
  }
}

function parseBlock(block: string): { id?: string; type?: string; data?: string } {
  const event: { id?: string; type?: string; data?: string } = {};
  for (const line of block.split(/\r?\n/)) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") event.id = value;
    else if (field === "event") event.type = value;
    else if (field === "data") event.data = event.data === undefined ? value : `${event.data}\n${value}`;
  }
  return event;
}

const delay = (ms: number, signal: AbortSignal) => new Promise<void>(resolve => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener("abort", () => { clearTimeout(timer); resolve(); }, { once: true });
});
