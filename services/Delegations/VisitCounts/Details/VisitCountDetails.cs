using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cooperation.Delegations.VisitCounts.Details;

/// <summary>A count of visits for a period as clients see it, with every correction it had; the region and partner keys serve the list filters.</summary>
/// <param name="Qualifiers">How the source states the count (<c>{"count": "about"}</c>); null when exact.</param>
public sealed record VisitCountDetails(
    Guid Id,
    string Direction,
    Party Host,
    Party Partner,
    VisitCountPeriod Period,
    int Count,
    IReadOnlyDictionary<string, string>? Qualifiers,
    Source? Source,
    string? Note,
    VisitRecount[] Revisions,
    long Version,
    string RecordedBy,
    DateTimeOffset UpdatedAt,
    string[] Regions,
    string[] Partners,
    DateOnly FirstDay,
    DateOnly LastDay) : IView<VisitCountDetails>
{
    public VisitCountDetails On(DateOnly day) => this;
}

public sealed record VisitCountPeriod(PartialDate From, PartialDate To);

public sealed record VisitRecount(long Version, int PreviousCount, string? PreviousQualifier, int Count, string? Qualifier, string Reason,
    DateTimeOffset RecordedAt, string RecordedBy);

public sealed partial class VisitCountDetailsProjection : SingleStreamProjection<VisitCountDetails, Guid>
{
    public static VisitCountDetails Create(IEvent<VisitsCounted> e)
    {
        var d = e.Data;
        return new VisitCountDetails(d.CountId, d.Direction, d.Host, d.Partner, new VisitCountPeriod(d.From, d.To), d.Number.Count,
            VisitCountRules.Qualifiers(d.Number), d.Source, d.Note, [], e.Version, e.UserName ?? "", e.Timestamp,
            Regions: new[] { d.Host.Region, d.Host.Code }.OfType<string>().Distinct().ToArray(),
            Partners: new[] { d.Partner.Code, d.Partner.Region, d.Partner.Country }.OfType<string>().Distinct().ToArray(),
            FirstDay: d.From.Start, LastDay: d.To.End);
    }

    public static VisitCountDetails Apply(IEvent<VisitsRecounted> e, VisitCountDetails view) =>
        view with
        {
            Count = e.Data.Number.Count,
            Qualifiers = VisitCountRules.Qualifiers(e.Data.Number),
            Revisions = [.. view.Revisions, new VisitRecount(e.Version, view.Count, view.Qualifiers.Of("count"), e.Data.Number.Count, e.Data.Number.Qualifier,
                e.Data.Reason, e.Timestamp, e.UserName ?? "")],
            Version = e.Version,
            UpdatedAt = e.Timestamp,
        };
}
