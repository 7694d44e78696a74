using Cooperation.Dashboard.ReadModels;
using Cooperation.Dashboard.Summary;

namespace Cooperation.Dashboard.Dormant;

/// <param name="LastActivity">The latest thing seen under the agreement, its signature at the least.</param>
public sealed record DormantAgreement(Guid Id, string Kind, string Title, string Region, Partner[] Partners, string SignedOn, string? ValidUntil,
    Activity LastActivity);

public static class ReadingDormantAgreements
{
    public static RouteGroupBuilder MapReadingDormantAgreements(this RouteGroupBuilder group)
    {
        group.MapGet("/dormant", Read)
            .WithName("DashboardDormantAgreements")
            .WithSummary("Agreements signed and in force on `since` that have seen nothing since, the longest dormant first")
            .WithDescription("Nothing since: no amendment taking effect, extension, plan attached, plan item added or completed, visit linked "
                + "(a document signed during a visit), visit planned to carry out an item of it, visit held under it, session of a commission it set up, or investment project naming it, on or after "
                + "`since` (a partial date: a month or a year counts from its first day; an activity dated by month or year counts to its last). "
                + "Activities are dated as their sources date them, else by the day they were recorded. `region` and `partner` filter as on the summary; `asOf` "
                + "answers what the dashboard showed then, as on the summary. With `Accept: text/csv` or the XLSX media type, every row (not one page) as a spreadsheet headed in the language of `Accept-Language` (ru or en).")
            .ProducesSheets()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private static readonly Sheet<DormantAgreement> Sheet = new("dormant-ties",
        new("Id", "Идентификатор", a => a.Id.ToString()),
        new("Title", "Название", a => a.Title),
        new("Kind", "Вид", a => a.Kind),
        new("Region", "Регион", a => new SheetPlace(a.Region, a.Region)),
        new("Partners", "Партнёры", a => a.Partners.Select(x => new SheetPlace(x.Key, x.Name))),
        new("Signed on", "Дата подписания", a => a.SignedOn),
        new("Valid until", "Действует до", a => a.ValidUntil),
        new("Last activity on", "Последняя активность", a => a.LastActivity.On),
        new("Last activity", "Вид активности", a => a.LastActivity.Kind),
        new("What", "Содержание", a => a.LastActivity.Title));

    private static async Task<Results<Ok<Paged<DormantAgreement>>, PushStreamHttpResult, ProblemHttpResult>> Read(string? since, string? region, string? partner,
        string? asOf, int? page, int? pageSize, Validation validation, IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var from = validation.Date(since, "since");
        (region, partner) = ReadingTheSummary.Filters(region, partner, validation);
        var moment = DashboardRows.Moment(asOf, validation, clock);
        var (number, size) = Reads.Paging(page, pageSize, validation);
        if (validation.Failed(out var error)) return error.ToProblem();

        var day = from!.Value.Start;
        // Now, only the signed agreements are read; at a past moment, the rows as they stood.
        IReadOnlyList<AgreementRow> agreements = moment is null
            ? await session.Query<AgreementRow>().Where(a => a.Kind != null && a.Signed).ToListAsync(ct)
            : (await DashboardRows.ReadAsync(session, moment, clock, ct)).Agreements;
        var dormant = agreements
            .Where(a => a.Signed && a.Matches(region, partner) && a.InForceOn(day) && a.LastActivity is { } last && last.LastDay < day)
            .OrderBy(a => a.LastActivity).ThenBy(a => a.Id)
            .Select(a => new DormantAgreement(a.Id, a.Kind!, a.Title ?? "", a.Region ?? "", a.Partners, a.SignedOn!, a.ValidUntil, a.LastActivity!))
            .ToList();
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, dormant);
        return TypedResults.Ok(new Paged<DormantAgreement>(dormant.Skip((number - 1) * size).Take(size).ToArray(), dormant.Count, number, size));
    }
}
