namespace Cooperation.Contracts.Trade;

/// <summary>Figures as reported: money in the report's currency and unit, growth in percent against the same period a year earlier.</summary>
public sealed record TradeFigures(
    decimal? Exports,
    decimal? Imports,
    decimal? Turnover,
    decimal? Balance,
    decimal? GrowthPercent,
    decimal? ExportsGrowthPercent,
    decimal? ImportsGrowthPercent,
    decimal? SharePercent);

public sealed record CommodityRef(string Name, string? HsCode, decimal? Value, decimal? SharePercent, decimal? GrowthPercent);

/// <param name="PeriodFrom">A year ("2009") or a month ("2012-01").</param>
/// <param name="Unit">thousand or million of the currency; null, like the currency, for a report without money figures.</param>
public sealed record TradeReportFiled(
    EventMetadata Metadata,
    Guid ReportId,
    PartyRef Reporter,
    PartyRef Partner,
    string PeriodFrom,
    string PeriodTo,
    string Flow,
    string? Currency,
    string? Unit,
    TradeFigures Figures,
    CommodityRef[] ExportCommodities,
    CommodityRef[] ImportCommodities) : IIntegrationEvent;

/// <param name="Changes">The figures the revision sets; those it does not name stay as they were.</param>
/// <param name="Withdrawn">Names of figures the revision removes.</param>
/// <param name="ExportCommodities">The new list when the revision replaces it, otherwise null.</param>
public sealed record TradeReportRevised(
    EventMetadata Metadata,
    Guid ReportId,
    TradeFigures Changes,
    string[] Withdrawn,
    CommodityRef[]? ExportCommodities,
    CommodityRef[]? ImportCommodities,
    string? Currency,
    string? Unit,
    string Reason) : IIntegrationEvent;

/// <param name="Status">proposed, agreed, under-construction, operating or cancelled.</param>
public sealed record InvestmentProjectRegistered(
    EventMetadata Metadata,
    Guid ProjectId,
    string Name,
    PartyRef Place,
    PartyRef[] Partners,
    decimal? Cost,
    string? Currency,
    string? CostUnit,
    string Status,
    Guid? AgreementId) : IIntegrationEvent;

public sealed record InvestmentProjectStatusChanged(EventMetadata Metadata, Guid ProjectId, string Status, string? On, string? Reason) : IIntegrationEvent;

public sealed record InvestmentProjectCostRevised(EventMetadata Metadata, Guid ProjectId, decimal Cost, string Currency, string CostUnit, string Reason) : IIntegrationEvent;

/// <param name="Investor">The investors' country, or null for foreign investment of any origin.</param>
public sealed record ForeignInvestedCompaniesCounted(
    EventMetadata Metadata,
    Guid CountId,
    PartyRef Place,
    PartyRef? Investor,
    string AsOf,
    int Total,
    int? JointVentures,
    int? ForeignOwned) : IIntegrationEvent;

public sealed record ForeignInvestedCompaniesRecounted(
    EventMetadata Metadata,
    Guid CountId,
    int Total,
    int? JointVentures,
    int? ForeignOwned,
    string Reason) : IIntegrationEvent;
