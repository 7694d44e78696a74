namespace Cooperation.Trade.Reports;

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

    /// <summary>Committees change the reports whose reporter lies in their territory; the ministry national ones; admins any.</summary>
    public DomainError? Guard(Actor actor) =>
        actor.MayWrite([Reporter]) ? null : DomainError.Forbidden("This report's reporter is not in your territory.");
}
