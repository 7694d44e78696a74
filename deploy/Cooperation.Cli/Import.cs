using System.ComponentModel;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cooperation.Cli;

/// <summary>
/// Submits a sheet's rows through the API. Each row's Idempotency-Key is a hash of the kind and the row's cells, so a run
/// cut off half way, run again, answers the rows already stored from the API's idempotency records and creates the rest;
/// a row naming its parent by title waits until the parent's row is stored.
/// </summary>
public sealed class ImportCommand : GatewayCommand<ImportCommand.Settings>
{
    public sealed class Settings : GatewaySettings
    {
        [CommandArgument(0, "<kind>")]
        [Description("agreements, visits, trade-reports or projects.")]
        public string Kind { get; init; } = "";

        [CommandArgument(1, "<file>")]
        [Description("An .xlsx (its first sheet) or .csv file with the columns `coop template` writes.")]
        public string File { get; init; } = "";

        [CommandOption("--dry-run")]
        [Description("Check every row against the API (?validateOnly=true) and store nothing. A row whose parent is another row of the file is checked without its parent.")]
        public bool DryRun { get; init; }
    }

    private sealed record Refusal(int Row, string Field, string Message);

    protected override async Task<int> RunAsync(HttpClient client, Settings settings, CancellationToken ct)
    {
        var kind = Kind.Named(settings.Kind) ?? throw new CliException($"There is no kind '{settings.Kind}': one of {Kind.Names}.");
        if (!System.IO.File.Exists(settings.File)) throw new CliException($"There is no file {settings.File}.");
        var rows = Sheets.Read(settings.File);
        var created = 0;
        var existing = 0;
        var refused = new List<Refusal>();
        var byTitle = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        var titles = rows.Select(r => r["title"]).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"{(settings.DryRun ? "Checking" : "Importing")} {rows.Count} {kind.Name}", maxValue: Math.Max(rows.Count, 1));
            var pending = rows;
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
                            if (!settings.DryRun) body["parentAgreementId"] = parentId.ToString();
                        }
                        else if (titles.Contains(parent) && !string.Equals(parent, row["title"], StringComparison.OrdinalIgnoreCase))
                        {
                            waiting.Add(row);
                            continue;
                        }
                        else
                        {
                            refused.Add(new Refusal(row.Number, column, $"No agreement in this file is titled '{parent}', and it is not an id."));
                            task.Increment(1);
                            continue;
                        }
                    }

                    var route = settings.DryRun ? $"{kind.Route}?validateOnly=true" : kind.Route;
                    using var response = await Http.SendAsync(client, () =>
                    {
                        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(body) };
                        request.Headers.Add("Idempotency-Key", Key(kind, row));
                        return request;
                    }, ct);
                    if (settings.DryRun && response.StatusCode == HttpStatusCode.Accepted)
                    {
                        created++;
                        if (row["title"] is { } title) byTitle[title] = (await response.Content.ReadFromJsonAsync<JsonElement>(Http.Json, ct)).GetProperty("id").GetGuid();
                    }
                    else if (response.StatusCode == HttpStatusCode.Created)
                    {
                        if (response.Headers.Contains("Idempotent-Replayed")) existing++;
                        else created++;
                        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Http.Json, ct)).GetProperty("id").GetGuid();
                        if (row["title"] is { } title) byTitle[title] = id;
                    }
                    else refused.AddRange((await Http.ProblemAsync(response)).Select(e => new Refusal(row.Number, e.Field, e.Message)));
                    task.Increment(1);
                }
                // Rows whose parent was refused, or whose parents name each other, can wait no longer.
                if (waiting.Count == pending.Count)
                {
                    refused.AddRange(waiting.Select(r => new Refusal(r.Number, kind.ParentColumn!, $"Its parent '{r[kind.ParentColumn!]}' was not stored.")));
                    task.Increment(waiting.Count);
                    break;
                }
                pending = waiting;
            }
        });

        var refusedRows = $"{refused.Select(r => r.Row).Distinct().Count()}";
        var summary = settings.DryRun
            ? new Table().AddColumns("rows", "valid (dry run: nothing stored)", "refused").AddRow($"{rows.Count}", $"{created}", refusedRows)
            : new Table().AddColumns("rows", "created", "already there", "refused").AddRow($"{rows.Count}", $"{created}", $"{existing}", refusedRows);
        AnsiConsole.Write(summary);
        if (refused.Count == 0) return 0;
        var details = new Table().AddColumns("row", "field", "message");
        foreach (var r in refused.OrderBy(r => r.Row)) details.AddRow(Markup.Escape($"{r.Row}"), Markup.Escape(r.Field), Markup.Escape(r.Message));
        AnsiConsole.Write(details);
        return 1;
    }

    /// <summary>The kind and the row's cells, hashed: the same row in any file, run any number of times, is the same write.</summary>
    private static string Key(Kind kind, Row row)
    {
        var cells = string.Join("\n", kind.Columns.Select(c => $"{c.Name}={row[c.Name]}"));
        return "coop-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind.Name}\n{cells}")))[..40];
    }
}
