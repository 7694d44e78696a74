using Contract = Cooperation.Contracts.Trade;
using Cooperation.Contracts;
using Cooperation.Trade.CompanyCounts;
using Cooperation.Trade.Projects;
using Cooperation.Trade.Reports;
using JasperFx.Events;

namespace Cooperation.Trade;

/// <summary>Stored trade events as the integration contracts other services read.</summary>
public sealed class TradeIntegrationEvents : IIntegrationEventMap
{
    public string Service => "trade";

    public IIntegrationEvent? Map(IEvent stored, EventMetadata metadata) => stored.Data switch
    {
        TradeReportFiled e => new Contract.TradeReportFiled(metadata, e.ReportId, e.Reporter.ToRef(), e.Partner.ToRef(), e.Period.From.ToString(),
            e.Period.To.ToString(), e.Flow, e.Currency, e.Unit, ToContract(e.Figures), ToRefs(e.Commodities.Exports), ToRefs(e.Commodities.Imports),
            e.Source.ToRef()),
        TradeReportRevised e => new Contract.TradeReportRevised(metadata, e.ReportId, ToContract(e.Changes), e.Withdrawn,
            e.Commodities is null ? null : ToRefs(e.Commodities.Exports), e.Commodities is null ? null : ToRefs(e.Commodities.Imports),
            e.Currency, e.Unit, e.Reason),
        InvestmentProjectRegistered e => new Contract.InvestmentProjectRegistered(metadata, e.ProjectId, e.Name, e.Place.ToRef(),
            e.Partners.Select(ContractRefs.ToRef).ToArray(), e.Cost?.Amount, e.Cost?.Currency, e.Cost?.Unit, e.Status.Name(), e.AgreementId, e.Cost?.Qualifier, e.Source.ToRef()),
        InvestmentProjectStatusChanged e => new Contract.InvestmentProjectStatusChanged(metadata, e.ProjectId, e.Status.Name(), e.On?.ToString(), e.Reason),
        InvestmentProjectCostRevised e => new Contract.InvestmentProjectCostRevised(metadata, e.ProjectId, e.Cost.Amount, e.Cost.Currency, e.Cost.Unit, e.Reason, e.Cost.Qualifier),
        ForeignInvestedCompaniesCounted e => new Contract.ForeignInvestedCompaniesCounted(metadata, e.CountId, e.Place.ToRef(),
            e.Investor is null ? null : e.Investor.ToRef(), e.AsOf.ToString(), e.Numbers.Total, e.Numbers.JointVentures, e.Numbers.ForeignOwned, e.Numbers.Qualifiers,
            e.Source.ToRef()),
        ForeignInvestedCompaniesRecounted e => new Contract.ForeignInvestedCompaniesRecounted(metadata, e.CountId, e.Numbers.Total,
            e.Numbers.JointVentures, e.Numbers.ForeignOwned, e.Reason, e.Numbers.Qualifiers, e.Source.ToRef()),
        _ => null,
    };

    private static Contract.TradeFigures ToContract(Figures f) =>
        new(f.Exports, f.Imports, f.Turnover, f.Balance, f.GrowthPercent, f.ExportsGrowthPercent, f.ImportsGrowthPercent, f.SharePercent, f.Qualifiers);

    private static Contract.CommodityRef[] ToRefs(Commodity[] items) =>
        items.Select(c => new Contract.CommodityRef(c.Name, c.HsCode, c.Value, c.SharePercent, c.GrowthPercent, c.Qualifiers)).ToArray();
}
