// Talks to the gateway: the summary as JSON, the feed as a server-sent-events stream read with fetch, because
// EventSource cannot send the Authorization header and a token in the URL would end up in logs.

export type Counts = Record<string, number>;
export interface Partner { key: string; name: string; country: string | null }
export interface PlaceName { en: string; ru: string; country: string | null }
export interface AgreementItem { id: string; kind: string; title: string; region: string; partners: Partner[]; status: string; signedOn: string | null; updatedAt: string }
export interface OverdueVisit { id: string; direction: string; region: string; partners: Partner[]; plannedFrom: string; plannedTo: string | null; purpose: string | null; daysOverdue: number }
export interface TradeFigure { region: string; partner: string; flow: string; periodFrom: string; periodTo: string; currency: string; unit: string; exports: number | null; imports: number | null; turnover: number | null; balance: number | null; growthPercent: number | null; revised: boolean }
export interface TradeSeries { region: string; partner: string; flow: string; currency: string; unit: string; months: number; points: TradeFigure[] }
export interface Summary {
  filters: { region: string | null; partner: string | null };
  agreements: { total: number; byRegion: Counts; byPartner: Counts; byKind: Counts; byStatus: Counts; byYear: Counts; latest: AgreementItem[] };
  visits: { total: number; byDirection: Counts; byStatus: Counts; byYear: Counts; overdue: OverdueVisit[] };
  trade: { latest: TradeFigure[]; series: TradeSeries[] };
  places: Record<string, PlaceName>;
  regions: string[];
  partners: string[];
  eventsConsumed: number;
  lastEventAt: string | null;
  asOf: string;
}
export interface FeedEntry { sequence: number; service: string; type: string; recordedAt: string; receivedAt: string; replayed: boolean; message: any }

export class HttpError extends Error {
  constructor(public status: number, public body: any) { super(body?.detail ?? body?.title ?? `HTTP ${status}`); }
}

const TOKEN_KEY = "cooperation.dashboard.token";
export const tokens = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token.trim().replace(/^Bearer\s+/i, "")),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** The claims of a JWT, read without checking it: only to show who is signed in. */
export function claims(token: string | null): { sub?: string; role?: string; region?: string; exp?: number } {
  try {
    const part = token!.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch { return {}; }
}

/** A token from the gateway's dev endpoint, which exists only in a local run; null where it does not. */
export async function devToken(role: string): Promise<string | null> {
  const response = await fetch("/api/dev/tokens", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ role, sub: `dashboard-${role}` }),
  });
  if (!response.ok) return null;
  return (await response.json()).token;
}

export async function getSummary(region: string, partner: string): Promise<Summary> {
  const query = new URLSearchParams();
  if (region) query.set("region", region);
  if (partner) query.set("partner", partner);
  const response = await fetch(`/api/dashboard/summary?${query}`, { headers: { Authorization: `Bearer ${tokens.get()}` } });
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) throw new HttpError(response.status, body);
  return body;
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
      const headers: Record<string, string> = { Authorization: `Bearer ${tokens.get()}`, Accept: "text/event-stream" };
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
