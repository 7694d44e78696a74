using Cooperation.Dashboard.ReadModels;
using Cooperation.Dashboard.Summary;
using Marten.Pagination;

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
        if (moment is not null)
        {
            // At a past moment, the rows as they stood, read whole.
            var past = (await DashboardRows.ReadAsync(session, moment, clock, ct)).Agreements
                .Where(a => a.Signed && a.Matches(region, partner) && a.InForceOn(day) && a.LastActivity is { } last && last.LastDay < day)
                .OrderBy(a => a.LastActiveOn).ThenBy(a => a.Id)
                .Select(Dormant).ToList();
            if (Exports.Requested(http) is { } pastFormat) return Sheet.File(pastFormat, http, past);
            return TypedResults.Ok(new Paged<DormantAgreement>(past.Skip((number - 1) * size).Take(size).ToArray(), past.Count, number, size));
        }

        // Now, selected, ordered and paged by the database.
        var query = session.Query<AgreementRow>()
            .Where(a => a.Kind != null && a.SignedBy <= day && a.LastActiveOn < day
                        && (a.TerminatedFrom == null || a.TerminatedFrom > day) && (a.ValidThrough == null || a.ValidThrough >= day));
        if (region?.ToUpperInvariant() is { } regionKey) query = query.Where(a => a.RegionKey == regionKey);
        if (partner?.ToUpperInvariant() is { } partnerKey) query = query.Where(a => a.PartnerKeys.Contains(partnerKey));
        var ordered = query.OrderBy(a => a.LastActiveOn).ThenBy(a => a.Id);
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, AllAsync(ordered, ct));
        var found = await ordered.ToPagedListAsync(number, size, ct);
        return TypedResults.Ok(new Paged<DormantAgreement>(found.Select(Dormant).ToArray(), found.TotalItemCount, number, size));
    }

    private static DormantAgreement Dormant(AgreementRow a) =>
        new(a.Id, a.Kind!, a.Title ?? "", a.Region ?? "", a.Partners, a.SignedOn!, a.ValidUntil, a.LastActivity!);

    /// <summary>Every dormant agreement for a download, read a page at a time.</summary>
    private static async IAsyncEnumerable<DormantAgreement> AllAsync(IQueryable<AgreementRow> ordered, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in ordered.PagesAsync(ct))
            foreach (var row in page) yield return Dormant(row);
    }
}
