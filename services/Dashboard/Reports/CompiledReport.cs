using Cooperation.Contracts;
using Cooperation.Dashboard.ReadModels;
using Cooperation.Dashboard.Summary;

namespace Cooperation.Dashboard.Reports;

/// <param name="Region">The reporting region's code; null for every region.</param>
/// <param name="Partner">The partner's code (a country matching its regions too); null for every partner.</param>
/// <param name="From">The period's first day, month or year as asked; null from the beginning.</param>
/// <param name="To">The period's last day, month or year as asked; null up to the day the report is of.</param>
/// <param name="Lang">ru or en: the language of the title and of the Word and HTML forms.</param>
public sealed record ReportFilters(string? Region, string? Partner, string? From, string? To, string Lang);

/// <summary>
/// The compiled report: what a ministry officer writes of a region's ties with a partner over a period, each fact with
/// the source it was recorded from, computed from the dashboard's log at a known position so that it can be computed again.
/// </summary>
/// <param name="ComputedAt">When it was computed.</param>
/// <param name="Moment">The past moment asked for (<c>asOf</c>); null when computed of now.</param>
/// <param name="AsOf">The day expiry, overdue and "planned" are read against: today, or the day of <paramref name="Moment"/>.</param>
/// <param name="LogPosition">The sequence in the dashboard's log of the last event counted; 0 for none.</param>
/// <param name="Recompute">The <c>asOf</c> that computes the same report again: the moment asked for, else <paramref name="ComputedAt"/>.</param>
/// <param name="InForce">Agreements in force on the period's last day (signed by then, not terminated or expired); a signature with no date
/// recorded counts as signed before it (<c>signedOn</c> null).</param>
/// <param name="SignedWithin">Agreements whose signature date begins within the period.</param>
/// <param name="Plans">Plans of events and programmes signed by the period's end (or with no date recorded), with their items' states on <paramref name="AsOf"/>.</param>
/// <param name="Visits">Visits not cancelled whose dates (held, else planned) overlap the period, by date.</param>
/// <param name="Trade">Trade reports whose period lies within the period, by region, partner and period.</param>
/// <param name="Projects">Investment projects of the region and partner.</param>
/// <param name="Occasions">Occasions (fairs, forums, festivals, city days) held, planned or cancelled whose dates overlap the period, by date.</param>
/// <param name="Exchanges">Exchanges of people (students, teachers, specialists) whose period overlaps the period, by date.</param>
/// <param name="VisitCounts">Counts of visits received or made whose period lies within the period, by date.</param>
/// <param name="CompanyCounts">Counts of companies with foreign investment on a day within the period, by date.</param>
/// <param name="Dormant">Agreements in force at the period's end that saw nothing on or after <paramref name="DormantSince"/>.</param>
/// <param name="DormantSince">Three years before the period's end, or its first day if later.</param>
public sealed record CompiledReport(
    ReportFilters Filters,
    string Title,
    DateTimeOffset ComputedAt,
    DateTimeOffset? Moment,
    DateOnly AsOf,
    long LogPosition,
    long EventsConsumed,
    DateTimeOffset? LastEventAt,
    DateTimeOffset Recompute,
    ReportAgreement[] InForce,
    ReportAgreement[] SignedWithin,
    ReportPlan[] Plans,
    ReportVisit[] Visits,
    ReportTrade[] Trade,
    ReportProject[] Projects,
    ReportOccasion[] Occasions,
    ReportExchange[] Exchanges,
    ReportVisitCount[] VisitCounts,
    ReportCompanyCount[] CompanyCounts,
    ReportAgreement[] Dormant,
    DateOnly DormantSince);

/// <param name="SignedOn">As precisely as known; null when signed on a date not recorded.</param>
/// <param name="Status">signed, expired or terminated on the report's day.</param>
public sealed record ReportAgreement(Guid Id, string Kind, string Title, string Region, Partner[] Partners, string Status, string? SignedOn,
    string? ValidUntil, Activity? LastActivity, SourceRef? Source);

public sealed record ReportPlan(Guid Id, string Kind, string Title, string Region, Partner[] Partners, string Status, string? SignedOn,
    int Done, int Open, int Overdue, int Cancelled, int Total, SourceRef? Source);

/// <param name="Status">completed, planned or overdue on the report's day.</param>
/// <param name="From">The first day it was held, else planned for, as precisely as known.</param>
public sealed record ReportVisit(Guid Id, string Direction, string Status, string Region, Partner[] Partners, string From, string? To,
    string? Purpose, string? Occasion, SourceRef? Source);

/// <param name="Figure">The figures as the summary charts them, a missing turnover or balance completed from exports and imports.</param>
/// <param name="GrowthComputed">Whether <see cref="TradeFigure.GrowthPercent"/> was not reported but computed from the turnover of the
/// same period a year earlier (same region, partner, flow, currency, unit and length).</param>
public sealed record ReportTrade(TradeFigure Figure, Partner Partner, bool GrowthComputed, SourceRef? Source);

public sealed record ReportProject(Guid Id, string Name, string Region, Partner[] Partners, string Status, decimal? Cost, string? Currency,
    string? CostUnit, string? CostQualifier, Guid? AgreementId, SourceRef? Source);

/// <param name="Status">held, planned or cancelled as its committee reported it.</param>
/// <param name="Edition">Which edition of <paramref name="Series"/> it is, when numbered.</param>
/// <param name="From">Its first day, as precisely as known.</param>
public sealed record ReportOccasion(Guid Id, string Kind, string Title, string? Series, int? Edition, string Status, string Region, Partner[] Partners,
    Partner? Venue, string From, string? To, SourceRef? Source);

/// <param name="Direction">sent (the region's side sends) or received.</param>
/// <param name="Count">The number of people as last stated; null when the source gives none.</param>
/// <param name="Qualifier">How roughly the source states it (about, at-least, at-most); null when exactly.</param>
/// <param name="Revised">Whether a revision stated the number.</param>
public sealed record ReportExchange(Guid Id, string Kind, string Direction, string Region, Partner[] Partners, string PeriodFrom, string PeriodTo,
    int? Count, string? Qualifier, bool Revised, string? FromInstitution, string? ToInstitution, SourceRef? Source);

/// <param name="Direction">incoming (received by the region) or outgoing (made by it).</param>
/// <param name="Count">The number of visits as last stated.</param>
/// <param name="Qualifier">How roughly the source states it (about, at-least, at-most); null when exactly.</param>
/// <param name="Recounted">Whether a recount stated the number.</param>
public sealed record ReportVisitCount(Guid Id, string Direction, string Region, Partner[] Partners, string From, string To, int? Count, string? Qualifier,
    bool Recounted, SourceRef? Source);

/// <param name="Place">The place counted: the region itself, or a city or district in it.</param>
/// <param name="Investor">The investors' country; null for foreign investment of any origin.</param>
/// <param name="AsOf">The day, month or year counted at.</param>
/// <param name="Qualifiers">How roughly the source states each number, by name (total, jointVentures, foreignOwned); null when all exact.</param>
public sealed record ReportCompanyCount(Guid Id, string Region, Partner Place, Partner? Investor, string AsOf, int? Total, int? JointVentures,
    int? ForeignOwned, IReadOnlyDictionary<string, string>? Qualifiers, bool Recounted, SourceRef? Source);

public static class ReportCompilation
{
    /// <summary>The report of the rows for a region and a partner (null for all) over a period.</summary>
    public static CompiledReport Compile(DashboardRows rows, ReportFilters filters, PartialDate? from, PartialDate? to, DateTimeOffset now)
    {
        var (region, partner) = (filters.Region, filters.Partner);
        var start = from?.Start ?? DateOnly.MinValue;
        var end = to?.End ?? rows.Day;
        var day = rows.Day;
        var quietSince = end.AddYears(-3).AddDays(1) is var s && s > start ? s : start;

        var agreements = rows.Agreements.Where(a => a.Signed && a.Matches(region, partner)).ToList();
        var inForce = agreements.Where(a => InForceAtEnd(a, end)).OrderBy(Signature).ThenBy(a => a.Title, StringComparer.Ordinal).ThenBy(a => a.Id).ToList();
        var signedWithin = agreements.Where(a => PartialDate.TryParse(a.SignedOn, out var on) && on.Start >= start && on.Start <= end)
            .OrderBy(Signature).ThenBy(a => a.Title, StringComparer.Ordinal).ThenBy(a => a.Id);
        var plans = agreements.Where(a => a.Kind is AgreementKinds.PlanOfEvents or AgreementKinds.Programme
                                          && (!PartialDate.TryParse(a.SignedOn, out var on) || on.Start <= end))
            .OrderBy(Signature).ThenBy(a => a.Id).Select(a => Plan(a, day));
        var dormant = inForce.Where(a => a.LastActivity is { } last && last.LastDay < quietSince).OrderBy(a => a.LastActivity).ThenBy(a => a.Id);

        var visits = rows.Visits.Where(v => !v.Cancelled && v.Matches(region, partner))
            .Select(v => (Row: v, From: v.CompletedFrom ?? v.PlannedFrom, To: v.CompletedFrom is null ? v.PlannedTo : v.CompletedTo))
            .Where(v => Overlaps(v.From, v.To, start, end))
            .OrderBy(v => PartialDate.Parse(v.From!).Start).ThenBy(v => v.Row.Id)
            .Select(v => new ReportVisit(v.Row.Id, v.Row.Direction!, v.Row.StatusOn(day), v.Row.Region!, v.Row.Partners, v.From!, v.To,
                v.Row.Purpose, v.Row.Occasion, v.Row.Source));

        var reports = rows.Reports.Where(r => r.Matches(region, partner)).ToList();
        var trade = reports.Where(r => Within(r.PeriodFrom, r.PeriodTo, start, end))
            .OrderBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.Partner!.Key, StringComparer.Ordinal).ThenBy(r => r.PeriodEnd).ThenBy(r => r.Id)
            .Select(r => Trade(r, reports));

        var projects = rows.Projects.Where(p => p.Matches(region, partner)).OrderBy(p => p.Region, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new ReportProject(p.Id, p.Name ?? "", p.Region ?? "", p.Partners, p.Status ?? "", p.Cost, p.Currency, p.CostUnit, p.CostQualifier,
                p.AgreementId, p.Source));

        var occasions = rows.Occasions.Where(o => o.Matches(region, partner) && Overlaps(o.From, o.To, start, end))
            .OrderBy(o => o.FirstDay).ThenBy(o => o.Title, StringComparer.Ordinal).ThenBy(o => o.Id)
            .Select(o => new ReportOccasion(o.Id, o.Kind!, o.Title ?? "", o.Series, o.Edition, o.Status, o.Region ?? "", o.Partners, o.Venue, o.From!, o.To,
                o.Source));

        var exchanges = rows.Exchanges.Where(x => x.Matches(region, partner) && Overlaps(x.PeriodFrom, x.PeriodTo, start, end))
            .OrderBy(x => PartialDate.Parse(x.PeriodFrom!).Start).ThenBy(x => x.Id)
            .Select(x => new ReportExchange(x.Id, x.Kind!, x.Direction ?? "", x.Region ?? "", x.Partners, x.PeriodFrom!, x.PeriodTo ?? x.PeriodFrom!, x.Count,
                x.Qualifier, x.Revised, x.FromInstitution, x.ToInstitution, x.Source));

        var visitCounts = rows.VisitCounts.Where(c => c.Matches(region, partner) && Within(c.From, c.To, start, end))
            .OrderBy(c => PartialDate.Parse(c.From!).Start).ThenBy(c => c.Direction, StringComparer.Ordinal).ThenBy(c => c.Id)
            .Select(c => new ReportVisitCount(c.Id, c.Direction!, c.Region ?? "", c.Partners, c.From!, c.To ?? c.From!, c.Count, c.Qualifier, c.Recounted, c.Source));

        var companyCounts = rows.CompanyCounts.Where(c => c.Matches(region, partner) && Within(c.AsOf, c.AsOf, start, end))
            .OrderBy(c => PartialDate.Parse(c.AsOf!).Start).ThenBy(c => c.Region, StringComparer.Ordinal).ThenBy(c => c.Place!.Key, StringComparer.Ordinal).ThenBy(c => c.Id)
            .Select(c => new ReportCompanyCount(c.Id, c.Region ?? "", c.Place!, c.Partners.FirstOrDefault(), c.AsOf!, c.Total, c.JointVentures, c.ForeignOwned,
                c.Qualifiers, c.Recounted, c.Source));

        return new CompiledReport(filters, ReportText.Title(filters, end), now, rows.AsOf, day, rows.LogPosition, rows.EventsConsumed, rows.LastEventAt,
            rows.AsOf ?? now, inForce.Select(a => Agreement(a, day)).ToArray(), signedWithin.Select(a => Agreement(a, day)).ToArray(), plans.ToArray(),
            visits.ToArray(), trade.ToArray(), projects.ToArray(), occasions.ToArray(), exchanges.ToArray(), visitCounts.ToArray(),
            companyCounts.ToArray(), dormant.Select(a => Agreement(a, day)).ToArray(), quietSince);
    }

    /// <summary>Whether dates from <paramref name="from"/> to <paramref name="to"/> (the first day when null) overlap the period, a month or a year counting whole.</summary>
    private static bool Overlaps(string? from, string? to, DateOnly start, DateOnly end) =>
        PartialDate.TryParse(from, out var first) && first.Start <= end && PartialDate.TryParse(to ?? from, out var last) && last.End >= start;

    /// <summary>Whether dates from <paramref name="from"/> to <paramref name="to"/> lie wholly within the period, a month or a year counting whole.</summary>
    private static bool Within(string? from, string? to, DateOnly start, DateOnly end) =>
        PartialDate.TryParse(from, out var first) && first.Start >= start && PartialDate.TryParse(to ?? from, out var last) && last.End <= end;

    /// <summary>Signed by the day (a signature with no date recorded counts as before it), neither terminated nor past its validity on it.</summary>
    private static bool InForceAtEnd(AgreementRow a, DateOnly end) =>
        a.SignedOn is null
            ? !(PartialDate.TryParse(a.TerminatedOn, out var terminated) && terminated.Start <= end)
              && !(PartialDate.TryParse(a.ValidUntil, out var until) && until.End < end)
            : a.InForceOn(end);

    private static DateOnly Signature(AgreementRow a) => PartialDate.TryParse(a.SignedOn, out var on) ? on.Start : DateOnly.MinValue;

    private static ReportAgreement Agreement(AgreementRow a, DateOnly day) =>
        new(a.Id, a.Kind!, a.Title ?? "", a.Region ?? "", a.Partners, a.StatusOn(day), a.SignedOn, a.ValidUntil, a.LastActivity, a.Source);

    private static ReportPlan Plan(AgreementRow a, DateOnly day)
    {
        var states = a.Items.Select(i => i.StateOn(day)).ToList();
        int Count(string state) => states.Count(s => s == state);
        return new ReportPlan(a.Id, a.Kind!, a.Title ?? "", a.Region ?? "", a.Partners, a.StatusOn(day), a.SignedOn,
            Count("done"), Count("open"), Count("overdue"), Count("cancelled"), states.Count, a.Source);
    }

    /// <summary>A report's figures; growth not reported is computed from the turnover of the same period a year before, when one was reported.</summary>
    private static ReportTrade Trade(TradeReportRow r, IReadOnlyList<TradeReportRow> all)
    {
        var figure = ReadingTheSummary.ToFigure(r);
        if (figure.GrowthPercent is not null || figure.Turnover is not { } turnover) return new ReportTrade(figure, r.Partner!, false, r.Source);
        var before = all.Select(ReadingTheSummary.ToFigure).FirstOrDefault(p => p.Region == figure.Region && p.Partner == figure.Partner
            && p.Flow == figure.Flow && p.Currency == figure.Currency && p.Unit == figure.Unit && p.Turnover is > 0
            && YearLater(p.PeriodFrom) == figure.PeriodFrom && YearLater(p.PeriodTo) == figure.PeriodTo);
        if (before is null) return new ReportTrade(figure, r.Partner!, false, r.Source);
        var growth = Math.Round((turnover / before.Turnover!.Value - 1) * 100, 1, MidpointRounding.AwayFromZero);
        var qualifier = Qualifiers.Combine([(figure.Qualifiers.Of("turnover"), 1), (before.Qualifiers.Of("turnover"), 1)]) is null ? null : Qualifiers.About;
        var qualifiers = Qualifiers.Normalised((figure.Qualifiers ?? new Dictionary<string, string>())
            .Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)).Append(KeyValuePair.Create("growthPercent", qualifier)));
        return new ReportTrade(figure with { GrowthPercent = growth, Qualifiers = qualifiers }, r.Partner!, true, r.Source);
    }

    /// <summary>The same partial date a year later, as its text: an earlier period's dates a year on are this period's.</summary>
    private static string? YearLater(string date) =>
        PartialDate.TryParse(date, out var d) ? d.Month is null ? $"{d.Year + 1}" : d.Day is null ? $"{d.Year + 1}-{d.Month:00}" : $"{d.Year + 1}-{d.Month:00}-{d.Day:00}" : null;
}
