using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cooperation.Cli.Api;
using Cooperation.Cli.Api.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
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
        [Description("agreements, visits, visit-counts, occasions, exchanges, trade-reports or projects.")]
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
        var (api, connection) = ApiClients.Create(settings);
        using var _ = connection;
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

                    var outcome = await WriteAsync(api, kind, body, Key(kind, row), settings.DryRun, ct);
                    if (outcome.Refused.Count > 0) refused.AddRange(outcome.Refused.Select(e => new Refusal(row.Number, e.Field, e.Message)));
                    else
                    {
                        if (outcome.Replayed) existing++;
                        else created++;
                        if (row["title"] is { } title) byTitle[title] = outcome.Id;
                    }
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

    /// <summary>A row's write: the id it gave (or would give, validated only) and whether it was answered from an earlier run, or what was refused.</summary>
    private sealed record Outcome(Guid Id, bool Replayed, IReadOnlyList<(string Field, string Message)> Refused);

    /// <summary>
    /// Writes a row's request through the API's typed client: the kind's create operation, with the row's Idempotency-Key and,
    /// for a dry run, ?validateOnly=true (answered 202 with the id it would create).
    /// </summary>
    private static async Task<Outcome> WriteAsync(ApiClient api, Kind kind, JsonObject body, string key, bool dryRun, CancellationToken ct)
    {
        void Configure<TQuery>(RequestConfiguration<TQuery> request, HeadersInspectionHandlerOption answer, Action<TQuery> validateOnly) where TQuery : class, new()
        {
            request.Headers.Add("Idempotency-Key", key);
            request.Options.Add(answer);
            if (dryRun) validateOnly(request.QueryParameters);
        }

        return kind.Name switch
        {
            "agreements" => await SendAsync(body, RegisterAgreementRequest.CreateFromDiscriminatorValue,
                (m, answer) => api.Api.Agreements.PostAsync(m, r => Configure(r, answer, q => q.ValidateOnly = true), ct), a => a.Id),
            "visits" => await SendAsync(body, PlanVisitRequest.CreateFromDiscriminatorValue,
                (m, answer) => api.Api.Delegations.Visits.PostAsync(m, r => Configure(r, answer, q => q.ValidateOnly = true), ct), v => v.Id),
            "visit-counts" => await SendAsync(body, CountVisitsRequest.CreateFromDiscriminatorValue,
                (m, answer) => api.Api.Delegations.VisitCounts.PostAsync(m, r => Configure(r, answer, q => q.ValidateOnly = true), ct), c => c.Id),
            "occasions" => await SendAsync(body, RegisterOccasionRequest.CreateFromDiscriminatorValue,
                (m, answer) => api.Api.Delegations.Occasions.PostAsync(m, r => Configure(r, answer, q => q.ValidateOnly = true), ct), o => o.Id),
            "exchanges" => await SendAsync(body, RecordExchangeRequest.CreateFromDiscriminatorValue,
                (m, answer) => api.Api.Delegations.Exchanges.PostAsync(m, r => Configure(r, answer, q => q.ValidateOnly = true), ct), x => x.Id),
            "trade-reports" => await SendAsync(body, FileReportRequest.CreateFromDiscriminatorValue,
                (m, answer) => api.Api.Trade.Reports.PostAsync(m, r => Configure(r, answer, q => q.ValidateOnly = true), ct), t => t.Id),
            "projects" => await SendAsync(body, RegisterProjectRequest.CreateFromDiscriminatorValue,
                (m, answer) => api.Api.Trade.Projects.PostAsync(m, r => Configure(r, answer, q => q.ValidateOnly = true), ct), p => p.Id),
            _ => throw new CliException($"There is no kind '{kind.Name}'."),
        };
    }

    private static async Task<Outcome> SendAsync<TModel, TAnswer>(JsonObject body, ParsableFactory<TModel> factory,
        Func<TModel, HeadersInspectionHandlerOption, Task<TAnswer?>> post, Func<TAnswer, Guid?> id) where TModel : IParsable
    {
        var (model, refused) = await ApiClients.ModelOfAsync(body, factory);
        if (refused.Count > 0) return new Outcome(Guid.Empty, false, refused);
        var answer = ApiClients.ResponseHeaders();
        try
        {
            var written = await post(model, answer);
            return new Outcome(written is not null && id(written) is { } created ? created : Guid.Empty,
                answer.ResponseHeaders.ContainsKey("Idempotent-Replayed"), []);
        }
        catch (ApiException failure)
        {
            return new Outcome(Guid.Empty, false, ApiClients.Problem(failure));
        }
    }

    /// <summary>The kind and the row's cells, hashed: the same row in any file, run any number of times, is the same write.</summary>
    private static string Key(Kind kind, Row row)
    {
        var cells = string.Join("\n", kind.Columns.Select(c => $"{c.Name}={row[c.Name]}"));
        return "coop-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind.Name}\n{cells}")))[..40];
    }
}
