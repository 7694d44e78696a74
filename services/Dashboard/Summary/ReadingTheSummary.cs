using Cooperation.Dashboard.ReadModels;
using Cooperation.Dashboard.Recording;

namespace Cooperation.Dashboard.Summary;

public static class ReadingTheSummary
{
    public static RouteGroupBuilder MapReadingTheSummary(this RouteGroupBuilder group) =>
        group.MapRead("/summary", Read, "DashboardSummary",
            "Agreements by region, partner, kind, status and year; visits by direction, status and year with the overdue ones; "
            + "latest trade per region and partner; events consumed and the time of the last",
            "`region` (a code or any name of the place) keeps what that region reported; `partner` (a region or "
            + "country by code or name, or an organisation's name) keeps what concerns that partner, a country matching its regions too. "
            + "`asOf` (a UTC timestamp, not in the future) answers what the dashboard showed then: its log up to that moment, counted by the same "
            + "code, expiry and overdue read against that day.");

    private static async Task<Results<Ok<DashboardSummary>, ProblemHttpResult>> Read(string? region, string? partner, string? asOf,
        Validation validation, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        (region, partner) = Filters(region, partner, validation);
        var moment = DashboardRows.Moment(asOf, validation, clock);
        if (validation.Failed(out var error)) return error.ToProblem();

        var rows = await DashboardRows.ReadAsync(session, moment, clock, ct);
        var (agreements, visits, reports, today) = (rows.Agreements, rows.Visits, rows.Reports, rows.Day);

        var regions = agreements.Select(a => a.Region!).Concat(visits.Select(v => v.Region!)).Concat(reports.Select(r => r.Region!)).Distinct().ToArray();
        var partners = agreements.SelectMany(a => a.Partners).Concat(visits.SelectMany(v => v.Partners)).Concat(reports.Select(r => r.Partner!)).ToList();
        var partnerKeys = partners.SelectMany(p => p.Country is null ? [p.Key] : new[] { p.Key, p.Country }).Distinct().ToArray();
        var places = regions.Concat(partnerKeys).Distinct().ToDictionary(key => key, key => NameOf(key, partners));

        return TypedResults.Ok(new DashboardSummary(
            new SummaryFilters(region, partner),
            Count(agreements.Where(a => a.Matches(region, partner)).ToList(), today),
            Count(visits.Where(v => v.Matches(region, partner)).ToList(), today),
            Chart(reports.Where(r => r.Matches(region, partner))),
            Count(rows.Projects.Where(p => p.Matches(region, partner)).ToList()),
            places,
            regions.Order(StringComparer.Ordinal).ToArray(),
            partnerKeys.Order(StringComparer.Ordinal).ToArray(),
            rows.EventsConsumed,
            rows.LastEventAt,
            today,
            rows.AsOf,
            rows.LogPosition));
    }

    /// <summary>The region as a code (given by its code or any of its names); the partner as a place's code, or else an organisation's name.</summary>
    public static (string? Region, string? Partner) Filters(string? region, string? partner, Validation validation)
    {
        region = validation.PlaceCode(validation.Text(region, "region", 200, required: false), "region");
        partner = validation.Text(partner, "partner", 200, required: false);
        // A partner is a place by any of its names, or else an organisation by its own.
        if (partner is not null && Gazetteer.Default.Lookup(partner) is [var place]) partner = place.Code;
        return (region, partner);
    }

    private static AgreementCounts Count(List<AgreementRow> rows, DateOnly today) => new(
        rows.Count,
        CountBy(rows, a => [a.Region!]),
        CountBy(rows, a => a.Partners.Select(p => p.Key)),
        CountBy(rows, a => [a.Kind!]),
        CountBy(rows, a => [a.StatusOn(today)]),
        CountBy(rows, a => a.Year is { } year ? [year.ToString()] : []),
        CountBy(rows, a => a.Spheres),
        rows.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id).Take(10)
            .Select(a => new AgreementItem(a.Id, a.Kind!, a.Title ?? "", a.Region!, a.Partners, a.StatusOn(today), a.SignedOn, a.UpdatedAt))
            .ToArray());

    private static ProjectCounts Count(List<ProjectRow> rows) => new(
        rows.Count,
        CountBy(rows, p => [p.Status ?? ""]),
        rows.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).Take(10)
            .Select(p => new ProjectItem(p.Id, p.Name!, p.Region ?? "", p.Partners, p.Status ?? "", p.Cost, p.Currency, p.CostUnit, p.CostQualifier, p.AgreementId))
            .ToArray());

    private static VisitCounts Count(List<VisitRow> rows, DateOnly today) => new(
        rows.Count,
        CountBy(rows, v => [v.Direction!]),
        CountBy(rows, v => [v.StatusOn(today)]),
        CountBy(rows, v => v.Year is { } year ? [year.ToString()] : []),
        rows.Where(v => v.StatusOn(today) == "overdue")
            .Select(v => new OverdueVisit(v.Id, v.Direction!, v.Region!, v.Partners, v.PlannedFrom!, v.PlannedTo, v.Purpose ?? v.Occasion,
                today.DayNumber - v.LastDay!.Value.DayNumber))
            .OrderByDescending(v => v.DaysOverdue).ThenBy(v => v.Id).ToArray());

    /// <summary>
    /// One series per region, partner, flow, currency, unit and period length (a year is not charted beside January-May),
    /// its periods in order; the latest is its last period.
    /// </summary>
    private static TradeSummary Chart(IEnumerable<TradeReportRow> rows)
    {
        var series = rows
            .GroupBy(r => (r.Region!, r.Partner!.Key, r.Flow ?? "goods", r.Currency ?? "", r.Unit ?? "", r.Months))
            .Select(g => new TradeSeries(g.Key.Item1, g.Key.Key, g.Key.Item3, g.Key.Item4, g.Key.Item5, g.Key.Months,
                g.OrderBy(r => r.PeriodEnd).ThenByDescending(r => r.PeriodFrom, StringComparer.Ordinal).Select(ToFigure).ToArray()))
            .OrderByDescending(s => s.Points.Length).ThenBy(s => s.Region, StringComparer.Ordinal).ThenBy(s => s.Partner, StringComparer.Ordinal)
            .ToArray();
        return new TradeSummary(series.Select(s => s.Points[^1]).ToArray(), series);
    }

    internal static TradeFigure ToFigure(TradeReportRow r) => new(r.Region!, r.Partner!.Key, r.Flow ?? "goods", r.PeriodFrom ?? "", r.PeriodTo ?? "",
        r.Currency ?? "", r.Unit ?? "", r.Exports, r.Imports, r.Turnover ?? (r.Exports + r.Imports), r.Balance ?? (r.Exports - r.Imports),
        r.GrowthPercent, r.Revisions > 0, Completed(r), r.Id);

    // turnover = exports + imports and balance = exports - imports, when the report leaves them out, take their terms' qualifiers.
    private static IReadOnlyDictionary<string, string>? Completed(TradeReportRow r) => Qualifiers.Normalised(
        (r.Qualifiers ?? new Dictionary<string, string>()).Select(e => KeyValuePair.Create(e.Key, (string?)e.Value))
        .Append(KeyValuePair.Create("turnover", r.Turnover is null ? Qualifiers.Combine([(r.Qualifiers.Of("exports"), 1), (r.Qualifiers.Of("imports"), 1)]) : null))
        .Append(KeyValuePair.Create("balance", r.Balance is null ? Qualifiers.Combine([(r.Qualifiers.Of("exports"), 1), (r.Qualifiers.Of("imports"), -1)]) : null))
        .Where(e => e.Value is not null));

    private static IReadOnlyDictionary<string, int> CountBy<T>(IEnumerable<T> rows, Func<T, IEnumerable<string>> keys) =>
        rows.SelectMany(keys).GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());

    private static PlaceName NameOf(string key, IEnumerable<Partner> partners)
    {
        if (Gazetteer.Default.Find(key) is { } place) return new PlaceName(place.Names.En, place.Names.Ru, place.Country);
        var partner = partners.FirstOrDefault(p => p.Key == key);
        return new PlaceName(partner?.Name ?? key, partner?.Name ?? key, partner?.Country);
    }

}
