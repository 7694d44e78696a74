namespace Cooperation.Contracts.Trade;

/// <summary>Figures as reported: money in the report's currency and unit, growth in percent against the same period a year earlier.</summary>
/// <param name="Qualifiers">The figures the source states roughly, by name: <c>{"turnover": "about"}</c> (about, at-least,
/// at-most); null, or a figure not named, is exact, as in every message sent before qualifiers existed.</param>
public sealed record TradeFigures(
    decimal? Exports,
    decimal? Imports,
    decimal? Turnover,
    decimal? Balance,
    decimal? GrowthPercent,
    decimal? ExportsGrowthPercent,
    decimal? ImportsGrowthPercent,
    decimal? SharePercent,
    IReadOnlyDictionary<string, string>? Qualifiers = null);

/// <param name="Qualifiers">value, sharePercent, growthPercent as the source states them roughly; null when exact.</param>
public sealed record CommodityRef(string Name, string? HsCode, decimal? Value, decimal? SharePercent, decimal? GrowthPercent,
    IReadOnlyDictionary<string, string>? Qualifiers = null);

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
    CommodityRef[] ImportCommodities,
    SourceRef? Source = null) : IIntegrationEvent;

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
    Guid? AgreementId,
    string? CostQualifier = null,
    SourceRef? Source = null) : IIntegrationEvent;

public sealed record InvestmentProjectStatusChanged(EventMetadata Metadata, Guid ProjectId, string Status, string? On, string? Reason) : IIntegrationEvent;

/// <param name="CostQualifier">about, at-least or at-most when the source states the cost roughly; null when exact.</param>
public sealed record InvestmentProjectCostRevised(EventMetadata Metadata, Guid ProjectId, decimal Cost, string Currency, string CostUnit, string Reason,
    string? CostQualifier = null) : IIntegrationEvent;

/// <param name="Investor">The investors' country, or null for foreign investment of any origin.</param>
/// <param name="Source">The document the count was taken from; null when none was given.</param>
public sealed record ForeignInvestedCompaniesCounted(
    EventMetadata Metadata,
    Guid CountId,
    PartyRef Place,
    PartyRef? Investor,
    string AsOf,
    int Total,
    int? JointVentures,
    int? ForeignOwned,
    IReadOnlyDictionary<string, string>? Qualifiers = null,
    SourceRef? Source = null) : IIntegrationEvent;

/// <param name="Source">The document the corrected count was taken from; null when none was given.</param>
public sealed record ForeignInvestedCompaniesRecounted(
    EventMetadata Metadata,
    Guid CountId,
    int Total,
    int? JointVentures,
    int? ForeignOwned,
    string Reason,
    IReadOnlyDictionary<string, string>? Qualifiers = null,
    SourceRef? Source = null) : IIntegrationEvent;
