// The committee's spreadsheets (/workspace/sheets): a kind's template to download, a filled sheet uploaded and checked
// (a dry run: every row sent with validateOnly, nothing stored), then, fixed and uploaded again, submitted. Both answers
// are the table `coop import` prints: the rows, those valid or created, already there and refused, and each refused row's
// number, field and message. The rows are read and written by the Dashboard service (POST /api/sheets/{kind}/import) with
// the same columns and Idempotency-Keys as the command line, so a submit after a dry run, or a retry, stores once.
import { useState } from "preact/hooks";
import { bearer, HttpError, type Problem as ApiProblem } from "../api";
import type { Lang } from "../i18n";
import { Problem, problemsOf } from "./forms";
import type { SheetImportResult } from "./types";
import type { Words } from "./words";

export const SHEET_KINDS = ["agreements", "visits", "visit-counts", "occasions", "exchanges", "commissions", "trade-reports", "projects"] as const;
export type SheetKind = typeof SHEET_KINDS[number];

async function problemOf(response: Response): Promise<HttpError> {
  const body: ApiProblem | null = response.headers.get("content-type")?.includes("json") ? await response.json().catch(() => null) : null;
  return new HttpError(response.status, body, Number(response.headers.get("retry-after")) || null);
}

/** Downloads a kind's template (.xlsx) with the session's token, handed to the browser as a file. */
async function downloadTemplate(kind: SheetKind) {
  const response = await fetch(`/api/sheets/${kind}/template`, { headers: { Authorization: `Bearer ${bearer.get()}` } });
  if (!response.ok) throw await problemOf(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = `${kind}.xlsx`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** An upload checked (dryRun) or submitted: the import's result, or the problem the service answered. */
function useSheetImport() {
  const [busy, setBusy] = useState<"check" | "submit" | null>(null);
  const [result, setResult] = useState<SheetImportResult | null>(null);
  const [problem, setProblem] = useState<HttpError | null>(null);
  const run = async (kind: SheetKind, file: File | null, dryRun: boolean) => {
    if (busy) return;
    setBusy(dryRun ? "check" : "submit");
    setProblem(null);
    setResult(null);
    const form = new FormData();
    if (file) form.append("file", file, file.name);
    try {
      const response = await fetch(`/api/sheets/${kind}/import?dryRun=${dryRun}`, {
        method: "POST", headers: { Authorization: `Bearer ${bearer.get()}` }, body: form,
      });
      if (!response.ok) throw await problemOf(response);
      setResult(await response.json());
    } catch (error) {
      setProblem(error instanceof HttpError ? error : new HttpError(0, null));
    } finally {
      setBusy(null);
    }
  };
  return { run, busy, result, problem, setProblem };
}

export function Sheets({ w, lang, kind: initial }: { w: Words; lang: Lang; kind: string | null }) {
  const [kind, setKind] = useState<SheetKind>(SHEET_KINDS.find(k => k === initial) ?? "agreements");
  const [file, setFile] = useState<File | null>(null);
  const upload = useSheetImport();
  const fileErrors = problemsOf(upload.problem, "file");
  const pick = (next: SheetKind) => {
    setKind(next);
    history.replaceState(null, "", `/workspace/sheets?kind=${next}`);
  };

  return (
    <section class="card sheets" aria-labelledby="sheets-title" lang={lang}>
      <h2 id="sheets-title">{w.sheets}</h2>
      <p class="muted">{w.sheetsHint}</p>
      <form class="new-form" data-form="sheet" onSubmit={e => { e.preventDefault(); upload.run(kind, file, true); }}>
        <div class="field" data-field="kind">
          <label for="f-sheet-kind">{w.sheetKind}</label>
          <select id="f-sheet-kind" name="kind" value={kind} onChange={e => pick(e.currentTarget.value as SheetKind)}>
            {SHEET_KINDS.map(k => <option key={k} value={k}>{w.sheetKinds[k]}</option>)}
          </select>
        </div>
        <div class="buttons">
          <button type="button" data-sheet="template" onClick={() => downloadTemplate(kind).catch(e => upload.setProblem(e as HttpError))}>{w.downloadTemplate}</button>
        </div>
        <div class={`field${fileErrors.length ? " invalid" : ""}`} data-field="file">
          <label for="f-sheet-file">{w.sheetFile}</label>
          <input id="f-sheet-file" type="file" name="file" accept=".xlsx,.csv" aria-describedby={`h-sheet-file${fileErrors.length ? " e-sheet-file" : ""}`}
            aria-invalid={fileErrors.length ? "true" : undefined} onChange={e => { setFile(e.currentTarget.files?.[0] ?? null); upload.setProblem(null); }} />
          <small id="h-sheet-file" class="muted">{w.sheetFileHint}</small>
          {fileErrors.length > 0 && <small id="e-sheet-file" class="error" role="alert">{fileErrors.join(" ")}</small>}
        </div>
        <Problem problem={upload.problem} w={w} shown={["file"]} />
        <div class="buttons">
          <button type="submit" data-sheet="check" disabled={!!upload.busy}>{upload.busy === "check" ? w.checking : w.checkSheet}</button>
          <button type="button" class="primary" data-sheet="submit" disabled={!!upload.busy} onClick={() => upload.run(kind, file, false)}>
            {upload.busy === "submit" ? w.saving : w.submitSheet}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">{upload.result && <SheetResult result={upload.result} w={w} />}</div>
    </section>
  );
}

/** The import's answer as `coop import` prints it: the counts, then each refused row with its field and message. */
function SheetResult({ result, w }: { result: SheetImportResult; w: Words }) {
  return (
    <div class="sheet-result" data-result={result.dryRun ? "dry-run" : "submitted"}>
      <h3>{result.dryRun ? w.checked : w.submitted}</h3>
      <table class="records" data-table="counts">
        <thead><tr>
          <th scope="col">{w.rows}</th><th scope="col">{result.dryRun ? w.valid : w.created}</th>
          {!result.dryRun && <th scope="col">{w.alreadyThere}</th>}<th scope="col">{w.refusedRows}</th>
        </tr></thead>
        <tbody><tr>
          <td data-count="rows">{result.rows}</td><td data-count={result.dryRun ? "valid" : "created"}>{result.created}</td>
          {!result.dryRun && <td data-count="alreadyThere">{result.alreadyThere}</td>}<td data-count="refused">{result.refused}</td>
        </tr></tbody>
      </table>
      {result.refusals.length > 0 && <>
        <p role="alert">{w.fixAndUpload}</p>
        <table class="records" data-table="refusals">
          <thead><tr><th scope="col">{w.row}</th><th scope="col">{w.field}</th><th scope="col">{w.message}</th></tr></thead>
          <tbody>{result.refusals.map((r, i) => (
            <tr key={i} data-row={r.row}><td>{r.row}</td><td>{r.field}</td><td>{r.message}</td></tr>))}</tbody>
        </table>
      </>}
    </div>
  );
}
