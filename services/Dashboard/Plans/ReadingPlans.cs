using Cooperation.Dashboard.ReadModels;
using Cooperation.Dashboard.Summary;

namespace Cooperation.Dashboard.Plans;

/// <summary>A plan of events or a programme and how far it has been carried out, on <see cref="PlansProgress.AsOf"/>.</summary>
/// <param name="Status">draft, signed, expired or terminated, as the summary reads it.</param>
public sealed record PlanProgress(Guid Id, string Kind, string Title, string Region, Partner[] Partners, string Status, string? SignedOn,
    Guid? ParentAgreementId, int Done, int Open, int Overdue, int Cancelled, int Total);

/// <param name="AsOf">The day against which items read as overdue (a due month or year counts to its end).</param>
/// <param name="Moment">The past moment asked for (<c>asOf</c>); null when the plans are of now.</param>
/// <param name="LogPosition">The position in the dashboard's log of the last event counted; 0 for none.</param>
public sealed record PlansProgress(PlanProgress[] Plans, DateOnly AsOf, DateTimeOffset? Moment, long LogPosition);

public static class ReadingPlans
{
    public static RouteGroupBuilder MapReadingPlans(this RouteGroupBuilder group)
    {
        group.MapGet("/plans", Read)
            .WithName("DashboardPlans")
            .WithSummary("Every plan of events and programme with its items done, open, overdue and cancelled, the least carried out first")
            .WithDescription("`region` and `partner` filter as on the summary; `asOf` answers what the dashboard showed then, as on the summary. With `Accept: text/csv` or the XLSX media type, the table as a "
                + "spreadsheet headed in the language of `Accept-Language` (ru or en).")
            .ProducesSheets()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private static readonly Sheet<PlanProgress> Sheet = new("plans",
        new("Id", "Идентификатор", p => p.Id.ToString()),
        new("Title", "Название", p => p.Title),
        new("Kind", "Вид", p => p.Kind),
        new("Region", "Регион", p => new SheetPlace(p.Region, p.Region)),
        new("Partners", "Партнёры", p => p.Partners.Select(x => new SheetPlace(x.Key, x.Name))),
        new("Status", "Статус", p => p.Status),
        new("Signed on", "Дата подписания", p => p.SignedOn),
        new("Done", "Выполнено", p => p.Done),
        new("Open", "Предстоит", p => p.Open),
        new("Overdue", "Просрочено", p => p.Overdue),
        new("Cancelled", "Отменено", p => p.Cancelled),
        new("Total", "Всего", p => p.Total));

    private static async Task<Results<Ok<PlansProgress>, PushStreamHttpResult, ProblemHttpResult>> Read(string? region, string? partner, string? asOf,
        Validation validation, IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        (region, partner) = ReadingTheSummary.Filters(region, partner, validation);
        var moment = DashboardRows.Moment(asOf, validation, clock);
        if (validation.Failed(out var error)) return error.ToProblem();

        // Now, only the plans are read, by their kind; at a past moment, the rows as they stood.
        IReadOnlyList<AgreementRow> agreements;
        DateOnly today;
        long logPosition;
        if (moment is null)
        {
            agreements = await session.Query<AgreementRow>().Where(a => a.Kind == AgreementKinds.PlanOfEvents || a.Kind == AgreementKinds.Programme).ToListAsync(ct);
            (today, logPosition) = (clock.Today(), (await DashboardRows.LastAsync(session, ct)).Position);
        }
        else
        {
            var rows = await DashboardRows.ReadAsync(session, moment, clock, ct);
            (agreements, today, logPosition) = (rows.Agreements, rows.Day, rows.LogPosition);
        }
        var plans = agreements.Where(a => a.Kind is AgreementKinds.PlanOfEvents or AgreementKinds.Programme && a.Matches(region, partner)).Select(a =>
            {
                var states = a.Items.Select(i => i.StateOn(today)).ToList();
                int Count(string state) => states.Count(s => s == state);
                return new PlanProgress(a.Id, a.Kind!, a.Title ?? "", a.Region ?? "", a.Partners, a.StatusOn(today), a.SignedOn, a.ParentAgreementId,
                    Count("done"), Count("open"), Count("overdue"), Count("cancelled"), states.Count);
            })
            .OrderBy(p => p.Total == 0 ? 1 : 0).ThenBy(p => p.Total == 0 ? 0 : (double)p.Done / p.Total).ThenByDescending(p => p.Overdue).ThenBy(p => p.Id)
            .ToArray();
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, plans);
        return TypedResults.Ok(new PlansProgress(plans, today, moment, logPosition));
    }
}
