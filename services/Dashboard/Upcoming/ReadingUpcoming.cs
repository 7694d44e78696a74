using System.Globalization;
using Cooperation.Dashboard.ReadModels;
using Cooperation.Dashboard.Summary;

namespace Cooperation.Dashboard.Upcoming;

/// <summary>A visit, a plan item or an occasion due within the coming days.</summary>
/// <param name="Kind">visit, plan-item or occasion.</param>
/// <param name="Id">The visit's or the occasion's id, or the plan's (the agreement's) for an item.</param>
/// <param name="ItemId">The plan item's id; null for a visit.</param>
/// <param name="From">The first day it may fall on, as precisely as its source dates it (a month or a year counts from its first day).</param>
/// <param name="To">The last planned day of a visit or an occasion, if given; for an item, its due date again.</param>
/// <param name="Direction">incoming or outgoing for a visit; null for an item.</param>
public sealed record UpcomingEntry(string Kind, Guid Id, Guid? ItemId, string Title, string From, string? To, string Region, Partner[] Partners,
    string? Direction);

/// <param name="From">Today, the first day looked at.</param>
/// <param name="To">The last day looked at: today and the <c>days</c> after it, less one.</param>
public sealed record UpcomingAnswer(int Days, DateOnly From, DateOnly To, UpcomingEntry[] Items);

public static class ReadingUpcoming
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    public static RouteGroupBuilder MapReadingUpcoming(this RouteGroupBuilder group)
    {
        group.MapGet("/upcoming", Read)
            .WithName("DashboardUpcoming")
            .WithSummary("Visits still planned, plan items still open and occasions neither held nor cancelled that fall within the next `days` days (30 unless given), by date")
            .WithDescription($"`days` from 1 to {MaxDays}. A visit, item or occasion dated only by month or year is due when that month or year overlaps the days "
                + "looked at. `region` and `partner` filter as on the summary. With `Accept: text/csv` or the XLSX media type, the list as a "
                + "spreadsheet headed in the language of `Accept-Language` (ru or en).")
            .ProducesSheets()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private static readonly Sheet<UpcomingEntry> Sheet = new("upcoming",
        new("From", "С", e => e.From),
        new("To", "По", e => e.To),
        new("What", "Что", e => e.Kind switch
        {
            "visit" => new SheetText("visit", "визит"),
            "occasion" => new SheetText("occasion", "мероприятие"),
            _ => new SheetText("plan item", "пункт плана"),
        }),
        new("Title", "Название", e => e.Title),
        new("Direction", "Направление", e => e.Direction),
        new("Region", "Регион", e => new SheetPlace(e.Region, e.Region)),
        new("Partners", "Партнёры", e => e.Partners.Select(x => new SheetPlace(x.Key, x.Name))),
        new("Id", "Идентификатор", e => e.Id.ToString()),
        new("Item", "Пункт", e => e.ItemId?.ToString()));

    private static async Task<Results<Ok<UpcomingAnswer>, PushStreamHttpResult, ProblemHttpResult>> Read(string? days, string? region, string? partner,
        Validation validation, IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var span = DefaultDays;
        validation.Require(days is null || (int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out span) && span is >= 1 and <= MaxDays),
            "days", $"days is a whole number from 1 to {MaxDays}.");
        (region, partner) = ReadingTheSummary.Filters(region, partner, validation);
        if (validation.Failed(out var error)) return error.ToProblem();

        var from = clock.Today();
        var to = from.AddDays(span - 1);
        // Only what may still come: visits neither cancelled nor completed, and the plans.
        var visits = await session.Query<VisitRow>().Where(v => v.Direction != null && !v.Cancelled && v.CompletedFrom == null).ToListAsync(ct);
        var plans = await session.Query<AgreementRow>().Where(a => a.Kind == AgreementKinds.PlanOfEvents || a.Kind == AgreementKinds.Programme).ToListAsync(ct);
        var occasions = await session.Query<OccasionRow>().Where(o => o.Kind != null && !o.Cancelled && !o.Held).ToListAsync(ct);

        var entries = visits.Where(v => !v.Cancelled && v.CompletedFrom == null && v.Matches(region, partner) && Within(v.PlannedFrom, v.PlannedTo, from, to))
            .Select(v => new UpcomingEntry("visit", v.Id, null, v.Purpose ?? v.Occasion ?? "", v.PlannedFrom!, v.PlannedTo, v.Region!, v.Partners, v.Direction))
            .Concat(plans.Where(a => a.Matches(region, partner)).SelectMany(a => a.Items
                .Where(i => i.State == "open" && Within(i.Due, null, from, to))
                .Select(i => new UpcomingEntry("plan-item", a.Id, i.Id, i.Title, i.Due!, null, a.Region ?? "", a.Partners, null))))
            .Concat(occasions.Where(o => o.Matches(region, partner) && Within(o.From, o.To, from, to))
                .Select(o => new UpcomingEntry("occasion", o.Id, null, o.Title ?? "", o.From!, o.To, o.Region ?? "", o.Partners, null)))
            .OrderBy(e => PartialDate.Parse(e.From).Start).ThenBy(e => PartialDate.Parse(e.From).End).ThenBy(e => e.Id).ThenBy(e => e.ItemId)
            .ToArray();
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, entries);
        return TypedResults.Ok(new UpcomingAnswer(span, from, to, entries));
    }

    /// <summary>Whether the dates (a month or a year counting from its first day to its last) overlap the days looked at.</summary>
    private static bool Within(string? first, string? last, DateOnly from, DateOnly to) =>
        PartialDate.TryParse(first, out var start) && start.Start <= to
        && (PartialDate.TryParse(last ?? first, out var end) ? end.End : start.End) >= from;
}
