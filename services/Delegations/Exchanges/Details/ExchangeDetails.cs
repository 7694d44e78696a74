using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cooperation.Delegations.Exchanges.Details;

/// <summary>An exchange of people as clients see it, with every correction of its count; the region and partner keys serve the list filters.</summary>
/// <param name="Qualifiers">How the source states the count (<c>{"count": "at-most"}</c>); null when exact.</param>
public sealed record ExchangeDetails(
    Guid Id,
    string Kind,
    string Direction,
    ExchangeSide From,
    ExchangeSide To,
    ExchangePeriod Period,
    string? AcademicYear,
    int? Count,
    IReadOnlyDictionary<string, string>? Qualifiers,
    string? Subject,
    InstitutionOpened? Opened,
    Source? Source,
    string? Note,
    ExchangeRevision[] Revisions,
    long Version,
    string RecordedBy,
    DateTimeOffset UpdatedAt,
    string[] Regions,
    string[] Partners,
    DateOnly FirstDay,
    DateOnly LastDay) : IView<ExchangeDetails>
{
    public ExchangeDetails On(DateOnly day) => this;
}

public sealed record ExchangePeriod(PartialDate From, PartialDate To);

public sealed record ExchangeRevision(long Version, int? PreviousCount, string? PreviousQualifier, int? Count, string? Qualifier, string Reason,
    DateTimeOffset RecordedAt, string RecordedBy);

public sealed partial class ExchangeDetailsProjection : SingleStreamProjection<ExchangeDetails, Guid>
{
    public static ExchangeDetails Create(IEvent<ExchangeRecorded> e)
    {
        var d = e.Data;
        return new ExchangeDetails(d.ExchangeId, d.Kind, d.Direction, d.From, d.To, new ExchangePeriod(d.PeriodFrom, d.PeriodTo), d.AcademicYear,
            d.Count?.Count, ExchangeRules.Qualifiers(d.Count), d.Subject, d.Opened, d.Source, d.Note, [], e.Version, e.UserName ?? "", e.Timestamp,
            Regions: new[] { d.Home.Place.Region, d.Home.Place.Code }.OfType<string>().Distinct().ToArray(),
            Partners: new[] { d.Partner.Place.Code, d.Partner.Place.Region, d.Partner.Place.Country }.OfType<string>().Distinct().ToArray(),
            FirstDay: d.PeriodFrom.Start, LastDay: d.PeriodTo.End);
    }

    public static ExchangeDetails Apply(IEvent<ExchangeRevised> e, ExchangeDetails view) =>
        view with
        {
            Count = e.Data.Count?.Count,
            Qualifiers = ExchangeRules.Qualifiers(e.Data.Count),
            Revisions = [.. view.Revisions, new ExchangeRevision(e.Version, view.Count, view.Qualifiers.Of("count"), e.Data.Count?.Count,
                e.Data.Count?.Qualifier, e.Data.Reason, e.Timestamp, e.UserName ?? "")],
            Version = e.Version,
            UpdatedAt = e.Timestamp,
        };
}
