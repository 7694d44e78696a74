using Cooperation.Dashboard.ReadModels;
using System.Globalization;
using Npgsql;
using Cooperation.Dashboard.Recording;

namespace Cooperation.Dashboard.Summary;

public static class ReadingTheSummary
{
    public static RouteGroupBuilder MapReadingTheSummary(this RouteGroupBuilder group) =>
        group.MapRead("/summary", Read, "DashboardSummary",
            "Agreements by region, partner, kind, status and year; visits by direction, status and year with the overdue ones and those under way; "
            + "latest trade per region and partner; occasions by kind and status with the recent ones; exchanges by kind and partner; "
            + "events consumed and the time of the last",
            "`region` (a code or any name of the place) keeps what that region reported; `partner` (a region or "
            + "country by code or name, or an organisation's name) keeps what concerns that partner, a country matching its regions too. "
            + "`asOf` (a UTC timestamp, not in the future) answers what the dashboard showed then: its log up to that moment, counted by the same "
            + "code, expiry and overdue read against that day.");

    private static async Task<Results<Ok<DashboardSummary>, ProblemHttpResult>> Read(string? region, string? partner, string? asOf,
        Validation validation, IQuerySession session, NpgsqlDataSource database, TimeProvider clock, CancellationToken ct)
    {
        (region, partner) = Filters(region, partner, validation);
        var moment = DashboardRows.Moment(asOf, validation, clock);
        if (validation.Failed(out var error)) return error.ToProblem();

        var summary = moment is null ? await PresentAsync(session, database, region, partner, clock.Today(), ct)
            : Past(await DashboardRows.ReadAsync(session, moment, clock, ct), region, partner);
        return TypedResults.Ok(summary with { Filters = new SummaryFilters(region, partner) });
    }

    /// <summary>Now: the counts from the tally, the latest and overdue rows and the trade figures read from the read models by index.</summary>
    private static async Task<DashboardSummary> PresentAsync(IQuerySession session, NpgsqlDataSource database, string? region, string? partner, DateOnly today, CancellationToken ct)
    {
        var counts = await DashboardTally.ReadAsync(database, session.DocumentStore.Options.DatabaseSchemaName, region, partner, ct);
        var agreements = await LatestAsync(session.Query<AgreementRow>().Where(a => a.Kind != null).OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id),
            a => a.Matches(region, partner), ct);
        var projects = await LatestAsync(session.Query<ProjectRow>().Where(p => p.Name != null).OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id),
            p => p.Matches(region, partner), ct);
        // Only the visits neither cancelled nor completed may be overdue or under way; only occasions not cancelled are recent.
        var open = await session.Query<VisitRow>().Where(v => v.Direction != null && !v.Cancelled && v.CompletedFrom == null).ToListAsync(ct);
        var occasions = await session.Query<OccasionRow>().Where(o => o.Kind != null && !o.Cancelled).ToListAsync(ct);
        var reports = await session.Query<TradeReportRow>().Where(r => r.Partner != null).ToListAsync(ct);
        var (position, lastEventAt) = await DashboardRows.LastAsync(session, ct);
        return Summarise(counts, agreements, projects, open.Where(v => v.Matches(region, partner)), reports.Where(r => r.Matches(region, partner)),
            occasions.Where(o => o.Matches(region, partner)), today, lastEventAt, null, position);
    }

    /// <summary>At a past moment: the rows as they stood, tallied and selected by the same code as now.</summary>
    private static DashboardSummary Past(DashboardRows rows, string? region, string? partner) => Summarise(
        DashboardTally.Count(rows, region, partner),
        rows.Agreements.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id).Where(a => a.Matches(region, partner)).Take(Latest).ToList(),
        rows.Projects.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).Where(p => p.Matches(region, partner)).Take(Latest).ToList(),
        rows.Visits.Where(v => v.Matches(region, partner)),
        rows.Reports.Where(r => r.Matches(region, partner)),
        rows.Occasions.Where(o => o.Matches(region, partner)),
        rows.Day, rows.LastEventAt, rows.AsOf, rows.LogPosition);

    private const int Latest = 10;

    /// <summary>The first ten rows in the query's order that match, read a page at a time (each page four times the last).</summary>
    private static async Task<List<T>> LatestAsync<T>(IQueryable<T> ordered, Func<T, bool> matches, CancellationToken ct) where T : notnull
    {
        var found = new List<T>();
        for (int skip = 0, take = 4 * Latest; ; skip += take, take *= 4)
        {
            var page = await ordered.Skip(skip).Take(take).ToListAsync(ct);
            found.AddRange(page.Where(matches));
            if (found.Count >= Latest || page.Count < take) return found.Take(Latest).ToList();
        }
    }

    private static DashboardSummary Summarise(IReadOnlyList<TallyCount> counts, IReadOnlyList<AgreementRow> latest, IReadOnlyList<ProjectRow> latestProjects,
        IEnumerable<VisitRow> visits, IEnumerable<TradeReportRow> reports, IEnumerable<OccasionRow> occasions, DateOnly today, DateTimeOffset? lastEventAt, DateTimeOffset? moment, long position)
    {
        var by = counts.ToLookup(c => c.Dimension, c => (c.Key, c.Count));
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Expired and overdue are read against the day: a last day of validity, or of a visit's plan, before it.
        bool Before(string lastDay) => lastDay != "" && string.CompareOrdinal(lastDay, day) < 0;
        var regions = by[DashboardTally.Regions].Select(c => c.Key).Order(StringComparer.Ordinal).ToArray();
        var partners = by[DashboardTally.Partners].Select(c => c.Key).Order(StringComparer.Ordinal).ToArray();
        var names = by[DashboardTally.PartnerNames].Select(c => c.Key.Split('\u001f')).Select(n => new Partner(n[0], n[1], n[2] == "" ? null : n[2]))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var places = regions.Concat(partners).Distinct().ToDictionary(key => key, key => NameOf(key, names));

        return new DashboardSummary(
            new SummaryFilters(null, null),
            new AgreementCounts(
                Total(by["agreements.total"]), Ordered(by["agreements.byRegion"]), Ordered(by["agreements.byPartner"]), Ordered(by["agreements.byKind"]),
                Ordered(by["agreements.byStatus"].Concat(by["agreements.signedUntil"].Select(c => (Before(c.Key) ? "expired" : "signed", c.Count)))),
                Ordered(by["agreements.byYear"]), Ordered(by["agreements.bySphere"]),
                latest.Select(a => new AgreementItem(a.Id, a.Kind!, a.Title ?? "", a.Region!, a.Partners, a.StatusOn(today), a.SignedOn, a.UpdatedAt)).ToArray()),
            new VisitCounts(
                Total(by["visits.total"]), Ordered(by["visits.byDirection"]),
                Ordered(by["visits.byStatus"].Concat(by["visits.plannedUntil"].Select(c => (Before(c.Key) ? "overdue" : "planned", c.Count)))),
                Ordered(by["visits.byYear"]),
                visits.Where(v => v.StatusOn(today) == "overdue")
                    .Select(v => new OverdueVisit(v.Id, v.Direction!, v.Region!, v.Partners, v.PlannedFrom!, v.PlannedTo, v.Purpose ?? v.Occasion,
                        today.DayNumber - v.LastDay!.Value.DayNumber))
                    .OrderByDescending(v => v.DaysOverdue).ThenBy(v => v.Id).ToArray(),
                visits.Where(v => v.StatusOn(today) == "under-way")
                    .Select(v => new VisitUnderWay(v.Id, v.Direction!, v.Region!, v.Partners, v.StartedOn!, v.PlannedTo, v.Purpose ?? v.Occasion))
                    .OrderByDescending(v => v.StartedOn, StringComparer.Ordinal).ThenBy(v => v.Id).ToArray()),
            Chart(reports),
            new ProjectCounts(Total(by["projects.total"]), Ordered(by["projects.byStatus"]),
                latestProjects.Select(p => new ProjectItem(p.Id, p.Name!, p.Region ?? "", p.Partners, p.Status ?? "", p.Cost, p.Currency, p.CostUnit,
                    p.CostQualifier, p.AgreementId)).ToArray()),
            new OccasionCounts(Total(by["occasions.total"]), Ordered(by["occasions.byKind"]), Ordered(by["occasions.byStatus"]),
                occasions.Where(o => !o.Cancelled && o.FirstDay <= today).OrderByDescending(o => o.FirstDay).ThenBy(o => o.Id).Take(Latest)
                    .Select(o => new OccasionItem(o.Id, o.Kind!, o.Title ?? "", o.Region ?? "", o.Partners, o.From!, o.To, o.Status)).ToArray()),
            new ExchangeCounts(Total(by["exchanges.total"]), Ordered(by["exchanges.byKind"]), Ordered(by["exchanges.byPartner"])),
            places,
            regions,
            partners,
            by[DashboardTally.Events].Sum(c => c.Count),
            lastEventAt,
            today,
            moment,
            position);
    }

    private static int Total(IEnumerable<(string Key, long Count)> counts) => (int)counts.Sum(c => c.Count);

    /// <summary>Counts by key, the largest first, then by key.</summary>
    private static IReadOnlyDictionary<string, int> Ordered(IEnumerable<(string Key, long Count)> counts) =>
        counts.GroupBy(c => c.Key).Select(g => (g.Key, Count: (int)g.Sum(c => c.Count))).Where(c => c.Count > 0)
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Count);

    /// <summary>The region as a code (given by its code or any of its names); the partner as a place's code, or else an organisation's name.</summary>
    public static (string? Region, string? Partner) Filters(string? region, string? partner, Validation validation)
    {
        region = validation.PlaceCode(validation.Text(region, "region", 200, required: false), "region");
        partner = validation.Text(partner, "partner", 200, required: false);
        // A partner is a place by any of its names, or else an organisation by its own.
        if (partner is not null && Gazetteer.Default.Lookup(partner) is [var place]) partner = place.Code;
        return (region, partner);
    }

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

    private static PlaceName NameOf(string key, IEnumerable<Partner> partners)
    {
        if (Gazetteer.Default.Find(key) is { } place) return new PlaceName(place.Names.En, place.Names.Ru, place.Country);
        var partner = partners.FirstOrDefault(p => p.Key == key);
        return new PlaceName(partner?.Name ?? key, partner?.Name ?? key, partner?.Country);
    }

}
