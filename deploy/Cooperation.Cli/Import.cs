using System.ComponentModel;
using System.Text.Json.Nodes;
using Cooperation.Cli.Api;
using Cooperation.Cli.Api.Models;
using Cooperation.Sheets;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cooperation.Cli;

/// <summary>
/// Submits a sheet's rows through the API's typed client, by the import loop the workspace page's uploads share
/// (<see cref="SheetImport"/>: the same columns, Idempotency-Keys and parents by title), and prints its tables.
/// </summary>
public sealed class ImportCommand : GatewayCommand<ImportCommand.Settings>
{
    public sealed class Settings : GatewaySettings
    {
        [CommandArgument(0, "<kind>")]
        [Description("agreements, visits, visit-counts, occasions, exchanges, commissions, trade-reports or projects.")]
        public string Kind { get; init; } = "";

        [CommandArgument(1, "<file>")]
        [Description("An .xlsx (its first sheet) or .csv file with the columns `coop template` writes.")]
        public string File { get; init; } = "";

        [CommandOption("--dry-run")]
        [Description("Check every row against the API (?validateOnly=true) and store nothing. A row whose parent is another row of the file is checked without its parent.")]
        public bool DryRun { get; init; }
    }

    protected override async Task<int> RunAsync(HttpClient client, Settings settings, CancellationToken ct)
    {
        var (api, connection) = ApiClients.Create(settings);
        using var _ = connection;
        var kind = Kind.Named(settings.Kind) ?? throw new CliException($"There is no kind '{settings.Kind}': one of {Kind.Names}.");
        if (!System.IO.File.Exists(settings.File)) throw new CliException($"There is no file {settings.File}.");
        List<Row> rows;
        try
        {
            using var file = System.IO.File.OpenRead(settings.File);
            rows = SheetFiles.Read(file, SheetFiles.FormatOf(settings.File));
        }
        catch (SheetException e)
        {
            throw new CliException($"{settings.File}: {e.Message}");
        }

        ImportResult result = null!;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"{(settings.DryRun ? "Checking" : "Importing")} {rows.Count} {kind.Name}", maxValue: Math.Max(rows.Count, 1));
            result = await SheetImport.RunAsync(kind, rows, settings.DryRun, (k, body, key, dryRun, c) => WriteAsync(api, k, body, key, dryRun, c),
                n => task.Increment(n), ct);
        });

        var refusedRows = $"{result.RefusedRows}";
        var summary = settings.DryRun
            ? new Table().AddColumns("rows", "valid (dry run: nothing stored)", "refused").AddRow($"{result.Rows}", $"{result.Created}", refusedRows)
            : new Table().AddColumns("rows", "created", "already there", "refused").AddRow($"{result.Rows}", $"{result.Created}", $"{result.AlreadyThere}", refusedRows);
        AnsiConsole.Write(summary);
        if (result.Refusals.Count == 0) return 0;
        var details = new Table().AddColumns("row", "field", "message");
        foreach (var r in result.Refusals) details.AddRow(Markup.Escape($"{r.Row}"), Markup.Escape(r.Field), Markup.Escape(r.Message));
        AnsiConsole.Write(details);
        return 1;
    }

    /// <summary>
    /// Writes a row's request through the API's typed client: the kind's create operation, with the row's Idempotency-Key and,
    /// for a dry run, ?validateOnly=true (answered 202 with the id it would create).
    /// </summary>
    private static async Task<RowOutcome> WriteAsync(ApiClient api, Kind kind, JsonObject body, string key, bool dryRun, CancellationToken ct)
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
            "commissions" => await SendAsync(body, FormCommissionRequest.CreateFromDiscriminatorValue,
                (m, answer) => api.Api.Agreements.Commissions.PostAsync(m, r => Configure(r, answer, q => q.ValidateOnly = true), ct), c => c.Id),
            "trade-reports" => await SendAsync(body, FileReportRequest.CreateFromDiscriminatorValue,
                (m, answer) => api.Api.Trade.Reports.PostAsync(m, r => Configure(r, answer, q => q.ValidateOnly = true), ct), t => t.Id),
            "projects" => await SendAsync(body, RegisterProjectRequest.CreateFromDiscriminatorValue,
                (m, answer) => api.Api.Trade.Projects.PostAsync(m, r => Configure(r, answer, q => q.ValidateOnly = true), ct), p => p.Id),
            _ => throw new CliException($"There is no kind '{kind.Name}'."),
        };
    }

    private static async Task<RowOutcome> SendAsync<TModel, TAnswer>(JsonObject body, ParsableFactory<TModel> factory,
        Func<TModel, HeadersInspectionHandlerOption, Task<TAnswer?>> post, Func<TAnswer, Guid?> id) where TModel : IParsable
    {
        var (model, refused) = await ApiClients.ModelOfAsync(body, factory);
        if (refused.Count > 0) return new RowOutcome(Guid.Empty, false, refused);
        var answer = ApiClients.ResponseHeaders();
        try
        {
            var written = await post(model, answer);
            return new RowOutcome(written is not null && id(written) is { } created ? created : Guid.Empty,
                answer.ResponseHeaders.ContainsKey("Idempotent-Replayed"), []);
        }
        catch (ApiException failure)
        {
            return new RowOutcome(Guid.Empty, false, ApiClients.Problem(failure));
        }
    }
}
