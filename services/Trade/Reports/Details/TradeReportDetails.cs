using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cooperation.Trade.Reports.Details;

/// <summary>
/// A trade report as clients see it: the current figures as reported, what follows from them (<see cref="Derived"/>),
/// and every revision with the figures it replaced. The codes and month bounds also serve the list and the series.
/// </summary>
public sealed record TradeReportDetails(
    Guid Id,
    Party Reporter,
    Party Partner,
    PeriodView Period,
    string Flow,
    string? Currency,
    string? Unit,
    decimal? Exports,
    decimal? Imports,
    decimal? Turnover,
    decimal? Balance,
    decimal? GrowthPercent,
    decimal? ExportsGrowthPercent,
    decimal? ImportsGrowthPercent,
    decimal? SharePercent,
    DerivedFigures Derived,
    Commodities Commodities,
    Source? Source,
    string? Note,
    Revision[] Revisions,
    long Version,
    string FiledBy,
    DateTimeOffset FiledAt,
    DateTimeOffset UpdatedAt,
    string? ReporterCode,
    string? ReporterRegion,
    string? PartnerCode,
    string? PartnerCountry,
    int FirstMonth,
    int LastMonth,
    IReadOnlyDictionary<string, string>? Qualifiers = null) : IView<TradeReportDetails>
{
    public TradeReportDetails On(DateOnly day) => this;

    public Figures Figures() => new(Exports, Imports, Turnover, Balance, GrowthPercent, ExportsGrowthPercent, ImportsGrowthPercent, SharePercent, Qualifiers);

    public ReportPeriod ReportPeriod() => new(Period.From, Period.To);

    public TradeReportDetails WithFigures(Figures f) => this with
    {
        Exports = f.Exports, Imports = f.Imports, Turnover = f.Turnover, Balance = f.Balance, GrowthPercent = f.GrowthPercent,
        ExportsGrowthPercent = f.ExportsGrowthPercent, ImportsGrowthPercent = f.ImportsGrowthPercent, SharePercent = f.SharePercent,
        Qualifiers = f.Qualifiers, Derived = DerivedFigures.Of(f),
    };
}

/// <param name="Kind">year, quarter, month, year-to-date or months.</param>
public sealed record PeriodView(PartialDate From, PartialDate To, string Kind, string Label, int Months)
{
    public static PeriodView Of(ReportPeriod p) => new(p.From, p.To, p.Kind, p.Label, p.Months);
}

/// <summary>
/// Money figures the report leaves out but its other figures settle (turnover = exports + imports, balance = exports - imports);
/// <see cref="Qualifiers"/> says which follow from qualified figures and how (about, at-least, at-most).
/// </summary>
public sealed record DerivedFigures(decimal? Exports, decimal? Imports, decimal? Turnover, decimal? Balance, IReadOnlyDictionary<string, string>? Qualifiers = null)
{
    public static DerivedFigures Of(Figures reported)
    {
        var all = reported.Completed();
        var derived = reported.DerivedNames();
        decimal? Only(decimal? reportedValue, decimal? completed) => reportedValue is null ? completed : null;
        return new(Only(reported.Exports, all.Exports), Only(reported.Imports, all.Imports), Only(reported.Turnover, all.Turnover), Only(reported.Balance, all.Balance),
            Vocabulary.Qualifiers.Normalised(derived.Select(n => KeyValuePair.Create(n, all.QualifierOf(n)))));
    }
}

/// <summary>A revision: why, when, by whom, and each figure it changed from what to what.</summary>
public sealed record Revision(long Version, string Reason, FigureChange[] Changes, bool CommoditiesReplaced, DateTimeOffset RecordedAt, string RecordedBy);

/// <param name="FromQualifier">How the replaced figure was qualified (null: exact); <paramref name="ToQualifier"/> the new one.</param>
public sealed record FigureChange(string Figure, decimal? From, decimal? To, string? FromQualifier = null, string? ToQualifier = null);

public sealed partial class TradeReportDetailsProjection : SingleStreamProjection<TradeReportDetails, Guid>
{
    public static TradeReportDetails Create(IEvent<TradeReportFiled> e)
    {
        var d = e.Data;
        // The figures, what follows from them and their qualifiers are set together, by WithFigures.
        return new TradeReportDetails(d.ReportId, d.Reporter, d.Partner, PeriodView.Of(d.Period), d.Flow, d.Currency, d.Unit,
                Exports: null, Imports: null, Turnover: null, Balance: null, GrowthPercent: null, ExportsGrowthPercent: null,
                ImportsGrowthPercent: null, SharePercent: null, Derived: DerivedFigures.Of(Figures.None),
                d.Commodities, d.Source, d.Note, Revisions: [],
                Version: e.Version, FiledBy: e.UserName ?? "", FiledAt: e.Timestamp, UpdatedAt: e.Timestamp,
                ReporterCode: d.Reporter.Code, ReporterRegion: d.Reporter.Region ?? d.Reporter.Code, PartnerCode: d.Partner.Code,
                PartnerCountry: d.Partner.Country, FirstMonth: d.Period.FirstMonth, LastMonth: d.Period.LastMonth)
            .WithFigures(d.Figures);
    }

    public static TradeReportDetails Apply(IEvent<TradeReportRevised> e, TradeReportDetails view)
    {
        var before = view.Figures();
        var after = before.Revise(e.Data.Changes, e.Data.Withdrawn);
        var changes = after.DifferencesFrom(before).Select(n => new FigureChange(n, before[n], after[n], before.QualifierOf(n), after.QualifierOf(n))).ToArray();
        var revision = new Revision(e.Version, e.Data.Reason, changes, e.Data.Commodities is not null, e.Timestamp, e.UserName ?? "");
        return view.WithFigures(after) with
        {
            Commodities = e.Data.Commodities ?? view.Commodities,
            Currency = e.Data.Currency ?? view.Currency,
            Unit = e.Data.Unit ?? view.Unit,
            Revisions = [.. view.Revisions, revision],
            Version = e.Version,
            UpdatedAt = e.Timestamp,
        };
    }
}
