using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Cooperation.Sheets;

/// <summary>A row the API (or the import itself) refused: its number in the sheet, the field named and the message.</summary>
public sealed record Refusal(int Row, string Field, string Message);

/// <summary>A row's write: the id it gave (or would give, validated only) and whether it was answered from an earlier run, or what was refused.</summary>
public sealed record RowOutcome(Guid Id, bool Replayed, IReadOnlyList<(string Field, string Message)> Refused)
{
    public static RowOutcome Refusing(string field, string message) => new(Guid.Empty, false, [(field, message)]);
}

/// <summary>
/// How a caller writes one row: the kind's create operation with the row's body and Idempotency-Key and, for a dry run,
/// ?validateOnly=true. The command line writes through its typed client, the Dashboard service through the gateway with
/// the clerk's own token.
/// </summary>
public delegate Task<RowOutcome> WriteRow(Kind kind, JsonObject body, string idempotencyKey, bool dryRun, CancellationToken ct);

/// <summary>
/// What an import did: the rows read, those created (in a dry run, those the API would take), those already there (stored
/// by an earlier run with the same cells), and the refusals, a row perhaps refused for several fields.
/// </summary>
public sealed record ImportResult(int Rows, int Created, int AlreadyThere, IReadOnlyList<Refusal> Refusals)
{
    public int RefusedRows => Refusals.Select(r => r.Row).Distinct().Count();
}

/// <summary>
/// Submits a sheet's rows one at a time. Each row's Idempotency-Key is a hash of the kind and the row's cells, so a run cut
/// off half way, run again (from the command line or the page, by the same caller), answers the rows already stored from
/// the API's idempotency records and creates the rest; a row naming its parent by title waits until the parent's row is
/// stored. A refused row does not stop the others.
/// </summary>
public static class SheetImport
{
    public static async Task<ImportResult> RunAsync(Kind kind, IReadOnlyList<Row> rows, bool dryRun, WriteRow write, Action<int>? progress = null,
        CancellationToken ct = default)
    {
        var created = 0;
        var existing = 0;
        var refused = new List<Refusal>();
        var byTitle = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        var titles = rows.Select(r => r["title"]).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pending = rows.ToList();
        while (pending.Count > 0)
        {
            var waiting = new List<Row>();
            foreach (var row in pending)
            {
                var body = kind.Body(row);
                if (kind.ParentColumn is { } column && row[column] is { } parent)
                {
                    if (Guid.TryParse(parent, out var parentId)) body["parentAgreementId"] = parentId.ToString();
                    else if (byTitle.TryGetValue(parent, out parentId))
                    {
                        // A dry run stored no parent to name.
                        if (!dryRun) body["parentAgreementId"] = parentId.ToString();
                    }
                    else if (titles.Contains(parent) && !string.Equals(parent, row["title"], StringComparison.OrdinalIgnoreCase))
                    {
                        waiting.Add(row);
                        continue;
                    }
                    else
                    {
                        refused.Add(new Refusal(row.Number, column, $"No agreement in this file is titled '{parent}', and it is not an id."));
                        progress?.Invoke(1);
                        continue;
                    }
                }

                var outcome = await write(kind, body, Key(kind, row), dryRun, ct);
                if (outcome.Refused.Count > 0) refused.AddRange(outcome.Refused.Select(e => new Refusal(row.Number, e.Field, e.Message)));
                else
                {
                    if (outcome.Replayed) existing++;
                    else created++;
                    if (row["title"] is { } title) byTitle[title] = outcome.Id;
                }
                progress?.Invoke(1);
            }
            // Rows whose parent was refused, or whose parents name each other, can wait no longer.
            if (waiting.Count == pending.Count)
            {
                refused.AddRange(waiting.Select(r => new Refusal(r.Number, kind.ParentColumn!, $"Its parent '{r[kind.ParentColumn!]}' was not stored.")));
                progress?.Invoke(waiting.Count);
                break;
            }
            pending = waiting;
        }
        return new ImportResult(rows.Count, created, existing, [.. refused.OrderBy(r => r.Row)]);
    }

    /// <summary>The kind and the row's cells, hashed: the same row in any file, run any number of times, is the same write.</summary>
    public static string Key(Kind kind, Row row)
    {
        var cells = string.Join("\n", kind.Columns.Select(c => $"{c.Name}={row[c.Name]}"));
        return "coop-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind.Name}\n{cells}")))[..40];
    }
}
