using Cooperation.Contracts;
using Cooperation.Contracts.Trade;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>One trade report as the dashboard charts it: the reporter's region, the partner, the period, the current figures and the source it was filed from.</summary>
public sealed record TradeReportRow(
    Guid Id,
    string? Region,
    Partner? Partner,
    string? Flow,
    string? PeriodFrom,
    string? PeriodTo,
    string? Currency,
    string? Unit,
    decimal? Exports,
    decimal? Imports,
    decimal? Turnover,
    decimal? Balance,
    decimal? GrowthPercent,
    int Revisions,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, string>? Qualifiers = null,
    SourceRef? Source = null) : IDashboardRow
{
    public static TradeReportRow Empty(Guid id) => new(id, null, null, null, null, null, null, null, null, null, null, null, null, 0, DateTimeOffset.MinValue);

    private static readonly string[] Shown = ["exports", "imports", "turnover", "balance", "growthPercent"];

    /// <summary>The qualifiers of the figures the row shows, as they stand after <paramref name="changes"/> (a figure given anew takes its own).</summary>
    public IReadOnlyDictionary<string, string>? QualifiersAfter(TradeFigures changes, string[] withdrawn)
    {
        var given = new Dictionary<string, decimal?>
        {
            ["exports"] = changes.Exports, ["imports"] = changes.Imports, ["turnover"] = changes.Turnover, ["balance"] = changes.Balance,
            ["growthPercent"] = changes.GrowthPercent,
        };
        string? After(string n) => given[n] is not null ? changes.Qualifiers.Of(n)
            : withdrawn.Contains(n, StringComparer.OrdinalIgnoreCase) ? null : Qualifiers.Of(n);
        return Cooperation.Vocabulary.Qualifiers.Normalised(Shown.Select(n => KeyValuePair.Create(n, After(n))));
    }

    /// <summary>The last day of the period, by which the series are ordered.</summary>
    public DateOnly? PeriodEnd => PartialDate.TryParse(PeriodTo, out var to) ? to.End : null;

    /// <summary>How many months the period spans, from the first month of its start to the last of its end.</summary>
    public int Months => PartialDate.TryParse(PeriodFrom, out var from) && PeriodEnd is { } end
        ? (end.Year - from.Start.Year) * 12 + end.Month - from.Start.Month + 1
        : 0;

    public bool Matches(string? region, string? partner) => Sides.Match(Region, Partner is null ? [] : [Partner], region, partner);
}

/// <summary>The trade reports' rows over the dashboard's log: a revision replaces the figures it names, withdraws others.</summary>
public sealed partial class TradeReportRowProjection() : RowProjection<TradeReportRow>(version: 5)
{
    protected override (Guid Row, Func<TradeReportRow, TradeReportRow> Apply)? Change(IIntegrationEvent contract) => contract switch
    {
        TradeReportFiled e => (e.ReportId, row => Filed(row, e)),
        TradeReportRevised e => (e.ReportId, row => Revised(row, e)),
        _ => null,
    };

    protected override TradeReportRow Empty(Guid id) => TradeReportRow.Empty(id);

    protected override TradeReportRow Touched(TradeReportRow row, DateTimeOffset at) => at > row.UpdatedAt ? row with { UpdatedAt = at } : row;

    private static TradeReportRow Filed(TradeReportRow row, TradeReportFiled e)
    {
        var filed = row with
        {
            Region = Sides.RegionOf(e.Reporter), Partner = Sides.ToPartner(e.Partner), Flow = e.Flow, PeriodFrom = e.PeriodFrom, PeriodTo = e.PeriodTo,
            Source = e.Source,
        };
        // A revision that overtook the filing keeps its figures.
        return row.Revisions > 0 ? filed : filed with
        {
            Currency = e.Currency, Unit = e.Unit, Exports = e.Figures.Exports, Imports = e.Figures.Imports, Turnover = e.Figures.Turnover,
            Balance = e.Figures.Balance, GrowthPercent = e.Figures.GrowthPercent, Qualifiers = row.QualifiersAfter(e.Figures, []),
        };
    }

    private static TradeReportRow Revised(TradeReportRow row, TradeReportRevised e)
    {
        bool Withdrawn(string name) => e.Withdrawn.Contains(name, StringComparer.OrdinalIgnoreCase);
        decimal? Next(decimal? change, decimal? was, string name) => change ?? (Withdrawn(name) ? null : was);
        return row with
        {
            Currency = e.Currency ?? row.Currency, Unit = e.Unit ?? row.Unit,
            Exports = Next(e.Changes.Exports, row.Exports, "exports"),
            Imports = Next(e.Changes.Imports, row.Imports, "imports"),
            Turnover = Next(e.Changes.Turnover, row.Turnover, "turnover"),
            Balance = Next(e.Changes.Balance, row.Balance, "balance"),
            GrowthPercent = Next(e.Changes.GrowthPercent, row.GrowthPercent, "growthPercent"),
            Qualifiers = row.QualifiersAfter(e.Changes, e.Withdrawn),
            Revisions = row.Revisions + 1,
        };
    }
}
