// The compiled report of the region and partner chosen over a period, in the page's language and at the moment the board
// shows: as a Word document to download, or as a page opened beside the board. Both are read with the session's token
// (a plain link could not send it), then handed to the browser as a file.
import { useState } from "preact/hooks";
import { bearer, HttpError } from "../api";
import type { Lang } from "../i18n";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const labels = {
  en: { title: "Compiled report", from: "From", to: "to", word: "Word document", page: "Open as a page", working: "Compiling…" },
  ru: { title: "Сводный отчёт", from: "С", to: "по", word: "Документ Word", page: "Открыть как страницу", working: "Составляется…" },
};

/** The report's address for the filters, period, language and moment given, leaving out what is empty. */
export function reportPath(query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return `/api/dashboard/reports?${params}`;
}

async function fetchReport(path: string, accept: string): Promise<Blob> {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${bearer.get()}`, Accept: accept } });
  if (!response.ok) throw new HttpError(response.status, response.headers.get("content-type")?.includes("json") ? await response.json() : null);
  return response.blob();
}

export function ReportLinks({ lang, region, partner, asOf }: { lang: Lang; region: string; partner: string; asOf: string }) {
  const l = labels[lang];
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = reportPath({ region, partner, from, to, lang, asOf });

  const open = async (accept: string) => {
    setBusy(true);
    setError(null);
    // Opened before the wait, so that the browser takes it for the click's own window rather than a pop-up.
    const page = accept === DOCX ? null : window.open("", "_blank");
    try {
      const url = URL.createObjectURL(await fetchReport(path, accept));
      if (page) page.location.href = url;
      else {
        const link = document.createElement("a");
        link.href = url;
        link.download = ["report", region || "all", partner || "all", from, to].filter(Boolean).join("-") + ".docx";
        link.click();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      page?.close();
      setError((e as HttpError).body?.errors ? Object.values((e as HttpError).body!.errors!).flat().join(" ") : (e as Error).message);
    } finally { setBusy(false); }
  };

  return (
    <section class="past" data-card="report">
      <strong>{l.title}</strong>
      <label class="small">{l.from} <input name="reportFrom" size={10} placeholder="2004" value={from} onInput={e => setFrom((e.target as HTMLInputElement).value.trim())} /></label>
      <label class="small">{l.to} <input name="reportTo" size={10} placeholder="2019" value={to} onInput={e => setTo((e.target as HTMLInputElement).value.trim())} /></label>
      <button class="link" data-report="docx" data-href={path} disabled={busy} onClick={() => open(DOCX)}>{busy ? l.working : l.word}</button>
      <button class="link" data-report="html" data-href={path} disabled={busy} onClick={() => open("text/html")}>{l.page}</button>
      {error && <p class="notice">{error}</p>}
    </section>
  );
}
