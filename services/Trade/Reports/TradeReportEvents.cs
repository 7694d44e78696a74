namespace Cooperation.Trade.Reports;

// Stored event type names (trade_report_filed, ...) are a contract: renaming a record needs a mapping.

public sealed record TradeReportFiled(
    Guid ReportId,
    Party Reporter,
    Party Partner,
    ReportPeriod Period,
    string Flow,
    string? Currency,
    string? Unit,
    Figures Figures,
    Commodities Commodities,
    Source? Source,
    string? Note);

/// <summary>
/// New values for some figures, figures withdrawn, new commodity lists, or the currency and unit a report without
/// money figures lacked; what is not named stays.
/// </summary>
public sealed record TradeReportRevised(
    Guid ReportId,
    Figures Changes,
    string[] Withdrawn,
    Commodities? Commodities,
    string? Currency,
    string? Unit,
    string Reason,
    Source? Source = null);

public sealed record Commodities(Commodity[] Exports, Commodity[] Imports)
{
    public static readonly Commodities None = new([], []);

    public bool IsEmpty => Exports.Length == 0 && Imports.Length == 0;
}

/// <param name="HsCode">Harmonized System code: a chapter (2 digits), heading (4), subheading (6) or national line (8, 10).</param>
/// <param name="Value">In the report's currency and unit.</param>
/// <param name="SharePercent">Its share of the report's exports (or imports).</param>
/// <param name="GrowthPercent">Its change against the same period a year earlier.</param>
/// <param name="Qualifiers">value, sharePercent or growthPercent as the source states them roughly ("nearly 30 percent"); null when exact.</param>
public sealed record Commodity(string Name, string? HsCode, decimal? Value, decimal? SharePercent, decimal? GrowthPercent,
    IReadOnlyDictionary<string, string>? Qualifiers = null)
{
    public static readonly IReadOnlySet<string> FigureNames = new HashSet<string> { "value", "sharePercent", "growthPercent" };

    public bool Equals(Commodity? other) =>
        other is not null && Name == other.Name && HsCode == other.HsCode && Value == other.Value && SharePercent == other.SharePercent
        && GrowthPercent == other.GrowthPercent && FigureNames.All(n => Qualifiers.Of(n) == other.Qualifiers.Of(n));

    public override int GetHashCode() => HashCode.Combine(Name, HsCode, Value, SharePercent, GrowthPercent);
}
