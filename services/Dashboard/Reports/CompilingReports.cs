using Cooperation.Dashboard.ReadModels;
using Cooperation.Dashboard.Summary;
using Microsoft.OpenApi;

namespace Cooperation.Dashboard.Reports;

public static class CompilingReports
{
    private static readonly IReadOnlySet<string> Languages = new HashSet<string> { "ru", "en" };

    public static RouteGroupBuilder MapCompilingReports(this RouteGroupBuilder group)
    {
        group.MapGet("/reports", Read)
            .WithName("DashboardReport")
            .WithSummary("The compiled report of a region's ties with a partner over a period, every fact with its source")
            .WithDescription("`region` (a reporting region by code or name) and `partner` (a country, matching its regions too, or a region, by code or name) "
                + "leave out to cover all; `from` and `to` are partial dates (2004, 2007-11, 2002-07-31), the period running from the first day of `from` "
                + "to the last of `to` (from the beginning, and up to the report's day, when left out); `lang` is ru or en (else the language of "
                + "`Accept-Language`); `asOf` computes it as the dashboard stood then, as on the summary. Sections: agreements in force at the period's end "
                + "and signed within it, plans and how far carried out, visits made, planned and overdue, trade figures with growth and qualifiers, "
                + "investment projects, occasions (fairs, forums, festivals) held, planned or cancelled with their edition and venue, exchanges of "
                + "people with their number as stated and their institutions, and ties in force with nothing recorded in the period's last three years. The header gives the moment and the "
                + "position in the dashboard's log it was computed at, and the `asOf` that computes it again. With "
                + $"`Accept: {WordReport.MediaType}` a Word document whose footnotes give each fact's source (title, quote, locator, link, record); "
                + "with `Accept: text/html` the same as a page; otherwise JSON.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
                {
                    content[WordReport.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
                    content[HtmlReport.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                }
                return Task.CompletedTask;
            })
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private enum ReportFormat { Json, Word, Html }

    private static async Task<Results<Ok<CompiledReport>, FileContentHttpResult, ContentHttpResult, ProblemHttpResult>> Read(string? region, string? partner,
        string? from, string? to, string? lang, string? asOf, Validation validation, IQuerySession session, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        region = validation.PlaceCode(validation.Text(region, "region", 200, required: false), "region");
        partner = validation.PlaceCode(validation.Text(partner, "partner", 200, required: false), "partner");
        var first = validation.Date(from, "from", required: false);
        var last = validation.Date(to, "to", required: false);
        if (first is { } f && last is { } l) validation.Require(f.Start <= l.End, "to", $"The period ends ({to}) before it begins ({from}).");
        lang = validation.OneOf(lang, "lang", Languages, required: false) ?? (Exports.WantsRussian(http.Request) ? "ru" : "en");
        var moment = DashboardRows.Moment(asOf, validation, clock);
        if (validation.Failed(out var error)) return error.ToProblem();

        var rows = await DashboardRows.ReadAsync(session, moment, clock, ct);
        var report = ReportCompilation.Compile(rows, new ReportFilters(region, partner, first?.ToString(), last?.ToString(), lang), first, last, clock.GetUtcNow());
        var format = Requested(http);
        if (format == ReportFormat.Json) return TypedResults.Ok(report);

        var blocks = ReportText.Write(report);
        var russian = ReportText.Russian(report.Filters);
        if (format == ReportFormat.Html) return TypedResults.Content(HtmlReport.Write(blocks, russian), HtmlReport.MediaType + "; charset=utf-8");
        var name = string.Join("-", new[] { "report", region ?? "all", partner ?? "all", report.Filters.From, report.Filters.To }.OfType<string>());
        return TypedResults.File(WordReport.Write(blocks, russian), WordReport.MediaType, name + ".docx");
    }

    /// <summary>The form the Accept header prefers (by quality, then order): Word, HTML, or JSON for JSON, any type and all else.</summary>
    private static ReportFormat Requested(HttpContext http)
    {
        foreach (var type in http.Request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (type.MediaType.Equals(WordReport.MediaType, StringComparison.OrdinalIgnoreCase)) return ReportFormat.Word;
            if (type.MediaType.Equals(HtmlReport.MediaType, StringComparison.OrdinalIgnoreCase)) return ReportFormat.Html;
            if (type.MatchesAllTypes || type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)) return ReportFormat.Json;
        }
        return ReportFormat.Json;
    }
}
