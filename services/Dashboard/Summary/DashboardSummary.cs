using Cooperation.Dashboard.ReadModels;

namespace Cooperation.Dashboard.Summary;

/// <summary>What the ministry's dashboard shows, for all regions and partners or for the ones chosen.</summary>
/// <param name="Places">English and Russian names of every region and partner the summary names.</param>
/// <param name="Regions">Every reporting region known, whatever the filters, for choosing one.</param>
/// <param name="Partners">Every partner known (regions, countries, organisations), whatever the filters.</param>
/// <param name="EventsConsumed">Integration events recorded by the dashboard, each once.</param>
/// <param name="LastEventAt">When the latest of them was recorded by its service.</param>
/// <param name="AsOf">The day against which expiry and overdue visits are read: today, or the day of <paramref name="Moment"/>.</param>
/// <param name="Moment">The past moment asked for (<c>asOf</c>), whose log alone is counted; null when the summary is of now.</param>
/// <param name="LogPosition">The position in the dashboard's log (its sequence) of the last event counted; 0 for none.</param>
public sealed record DashboardSummary(
    SummaryFilters Filters,
    AgreementCounts Agreements,
    VisitCounts Visits,
    TradeSummary Trade,
    ProjectCounts Projects,
    OccasionCounts Occasions,
    ExchangeCounts Exchanges,
    IReadOnlyDictionary<string, PlaceName> Places,
    string[] Regions,
    string[] Partners,
    long EventsConsumed,
    DateTimeOffset? LastEventAt,
    DateOnly AsOf,
    DateTimeOffset? Moment,
    long LogPosition);

public sealed record SummaryFilters(string? Region, string? Partner);

public sealed record PlaceName(string En, string Ru, string? Country);

/// <param name="ByYear">By the year of signature; drafts and undated agreements are counted in total only.</param>
/// <param name="BySphere">By sphere of cooperation (an agreement of several spheres counts in each).</param>
public sealed record AgreementCounts(
    int Total,
    IReadOnlyDictionary<string, int> ByRegion,
    IReadOnlyDictionary<string, int> ByPartner,
    IReadOnlyDictionary<string, int> ByKind,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByYear,
    IReadOnlyDictionary<string, int> BySphere,
    AgreementItem[] Latest);

public sealed record AgreementItem(Guid Id, string Kind, string Title, string Region, Partner[] Partners, string Status, string? SignedOn, DateTimeOffset UpdatedAt);

/// <param name="Latest">The ten last changed, newest first.</param>
public sealed record ProjectCounts(int Total, IReadOnlyDictionary<string, int> ByStatus, ProjectItem[] Latest);

/// <param name="Cost">The latest estimate, in <paramref name="CostUnit"/>s of <paramref name="Currency"/>, qualified by <paramref name="CostQualifier"/> when rough.</param>
public sealed record ProjectItem(Guid Id, string Name, string Region, Partner[] Partners, string Status, decimal? Cost, string? Currency, string? CostUnit,
    string? CostQualifier, Guid? AgreementId);

/// <param name="UnderWay">The visits begun and not yet completed nor cancelled, the latest begun first.</param>
public sealed record VisitCounts(
    int Total,
    IReadOnlyDictionary<string, int> ByDirection,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByYear,
    OverdueVisit[] Overdue,
    VisitUnderWay[] UnderWay);

/// <param name="StartedOn">The day its committee reported it begun.</param>
public sealed record VisitUnderWay(Guid Id, string Direction, string Region, Partner[] Partners, string StartedOn, string? PlannedTo, string? Purpose);

/// <param name="ByKind">fair, forum, exhibition, city-days, festival, concert, conference, competition or other.</param>
/// <param name="ByStatus">planned, held or cancelled.</param>
/// <param name="Recent">The ten that began last on or before the day read against (not cancelled), the latest first.</param>
public sealed record OccasionCounts(int Total, IReadOnlyDictionary<string, int> ByKind, IReadOnlyDictionary<string, int> ByStatus, OccasionItem[] Recent);

/// <param name="From">Its first day, a partial date; <paramref name="To"/> its last, when given.</param>
public sealed record OccasionItem(Guid Id, string Kind, string Title, string Region, Partner[] Partners, string From, string? To, string Status);

/// <param name="ByKind">students, teachers, specialists or other.</param>
/// <param name="ByPartner">How many exchanges with each partner (by its key).</param>
public sealed record ExchangeCounts(int Total, IReadOnlyDictionary<string, int> ByKind, IReadOnlyDictionary<string, int> ByPartner);

/// <param name="DaysOverdue">Days since the end of the planned dates (a month or a year counts to its end).</param>
public sealed record OverdueVisit(Guid Id, string Direction, string Region, Partner[] Partners, string PlannedFrom, string? PlannedTo,
    string? Purpose, int DaysOverdue);

/// <param name="Latest">For each region and partner, the figures of its most recent period.</param>
/// <param name="Series">For each region and partner, every period's figures, oldest first.</param>
public sealed record TradeSummary(TradeFigure[] Latest, TradeSeries[] Series);

/// <param name="Months">The length of every period in the series: periods of different lengths are never mixed.</param>
public sealed record TradeSeries(string Region, string Partner, string Flow, string Currency, string Unit, int Months, TradeFigure[] Points);

/// <param name="Qualifiers">The figures the source states roughly (about, at-least, at-most), by name; null when all are exact.
/// A turnover or balance the page completes from qualified exports and imports is qualified as they are.</param>
/// <param name="Id">The trade report's id, to read it from the Trade service (<c>/api/trade/reports/{id}</c>).</param>
public sealed record TradeFigure(string Region, string Partner, string Flow, string PeriodFrom, string PeriodTo, string Currency, string Unit,
    decimal? Exports, decimal? Imports, decimal? Turnover, decimal? Balance, decimal? GrowthPercent, bool Revised,
    IReadOnlyDictionary<string, string>? Qualifiers, Guid Id);
