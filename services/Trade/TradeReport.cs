using Cooperation.Vocabulary;

namespace Cooperation.Trade;

/// <summary>What decisions about a trade report need to know.</summary>
public sealed record TradeReport(Guid Id, Party Reporter, string? Currency, string? Unit, Figures Figures, Commodities Commodities)
{
    public static TradeReport Create(TradeReportFiled e) => new(e.ReportId, e.Reporter, e.Currency, e.Unit, e.Figures, e.Commodities);

    public TradeReport Apply(TradeReportRevised e) =>
        this with
        {
            Figures = Figures.Revise(e.Changes, e.Withdrawn),
            Commodities = e.Commodities ?? Commodities,
            Currency = e.Currency ?? Currency,
            Unit = e.Unit ?? Unit,
        };
}
