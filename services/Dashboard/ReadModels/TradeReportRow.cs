using Cooperation.Contracts.Trade;
using Cooperation.Vocabulary;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>One trade report as the dashboard charts it: the reporter's region, the partner, the period and the current figures.</summary>
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
    DateTimeOffset UpdatedAt)
{
    public static TradeReportRow Empty(Guid id) => new(id, null, null, null, null, null, null, null, null, null, null, null, null, 0, DateTimeOffset.MinValue);

    /// <summary>The last day of the period, by which the series are ordered.</summary>
    public DateOnly? PeriodEnd => PartialDate.TryParse(PeriodTo, out var to) ? to.End : null;

    /// <summary>How many months the period spans, from the first month of its start to the last of its end.</summary>
    public int Months => PartialDate.TryParse(PeriodFrom, out var from) && PeriodEnd is { } end
        ? (end.Year - from.Start.Year) * 12 + end.Month - from.Start.Month + 1
        : 0;

    public bool Matches(string? region, string? partner) =>
        (region is null || string.Equals(Region, region, StringComparison.OrdinalIgnoreCase))
        && (partner is null || string.Equals(Partner?.Key, partner, StringComparison.OrdinalIgnoreCase)
                            || string.Equals(Partner?.Country, partner, StringComparison.OrdinalIgnoreCase));
}

/// <summary>How each trade report contract changes a report's row: a revision replaces the figures it names, withdraws others.</summary>
public static class TradeReportRows
{
    public static TradeReportRow Apply(TradeReportRow? row, TradeReportFiled e)
    {
        var current = row ?? TradeReportRow.Empty(e.ReportId);
        var filed = current with
        {
            Region = Sides.RegionOf(e.Reporter), Partner = Sides.ToPartner(e.Partner), Flow = e.Flow, PeriodFrom = e.PeriodFrom, PeriodTo = e.PeriodTo,
        };
        // A revision that overtook the filing keeps its figures.
        return Touch(current.Revisions > 0 ? filed : filed with
        {
            Currency = e.Currency, Unit = e.Unit, Exports = e.Figures.Exports, Imports = e.Figures.Imports, Turnover = e.Figures.Turnover,
            Balance = e.Figures.Balance, GrowthPercent = e.Figures.GrowthPercent,
        }, e.Metadata.RecordedAt);
    }

    public static TradeReportRow Apply(TradeReportRow? row, TradeReportRevised e)
    {
        var current = row ?? TradeReportRow.Empty(e.ReportId);
        bool Withdrawn(string name) => e.Withdrawn.Contains(name, StringComparer.OrdinalIgnoreCase);
        decimal? Next(decimal? change, decimal? was, string name) => change ?? (Withdrawn(name) ? null : was);
        return Touch(current, e.Metadata.RecordedAt) with
        {
            Currency = e.Currency ?? current.Currency, Unit = e.Unit ?? current.Unit,
            Exports = Next(e.Changes.Exports, current.Exports, "exports"),
            Imports = Next(e.Changes.Imports, current.Imports, "imports"),
            Turnover = Next(e.Changes.Turnover, current.Turnover, "turnover"),
            Balance = Next(e.Changes.Balance, current.Balance, "balance"),
            GrowthPercent = Next(e.Changes.GrowthPercent, current.GrowthPercent, "growthPercent"),
            Revisions = current.Revisions + 1,
        };
    }

    private static TradeReportRow Touch(TradeReportRow row, DateTimeOffset at) => row.UpdatedAt >= at ? row : row with { UpdatedAt = at };
}
