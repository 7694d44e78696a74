using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cooperation.Delegations.Occasions.Details;

/// <summary>An occasion as clients see it; the region and partner keys and the day bounds serve the list filters.</summary>
/// <param name="Visits">The visits made to it: those whose <c>occasionId</c> names it, as they read now.</param>
public sealed record OccasionDetails(
    Guid Id,
    string Kind,
    string Title,
    string? Series,
    int? Edition,
    Party? Venue,
    PartialDate From,
    PartialDate? To,
    Party[] Organisers,
    Party[] Participants,
    OccasionStatus Status,
    string[] Outcomes,
    string? CancellationReason,
    Source? Source,
    string? Note,
    OccasionRevision[] Revisions,
    long Version,
    string RegisteredBy,
    DateTimeOffset UpdatedAt,
    string[] Regions,
    string[] Partners,
    DateOnly FirstDay,
    DateOnly LastDay,
    OccasionVisit[]? Visits = null) : IView<OccasionDetails>
{
    public OccasionDetails On(DateOnly day) => this;
}

/// <summary>A revision: the reason for it; what it replaced is in the history.</summary>
public sealed record OccasionRevision(long Version, string Reason, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>A visit made to an occasion, as it reads now.</summary>
public sealed record OccasionVisit(Guid Id, string Direction, Party Host, Party[] Guests, VisitStatus Status, PartialDate PlannedFrom);

public sealed partial class OccasionDetailsProjection : SingleStreamProjection<OccasionDetails, Guid>
{
    public static OccasionDetails Create(IEvent<OccasionRegistered> e) =>
        Describe(new OccasionDetails(e.Data.OccasionId, "", "", null, null, null, default, null, [], [], OccasionStatus.Planned, [], null,
            e.Data.Source, e.Data.Note, [], e.Version, e.UserName ?? "", e.Timestamp, [], [], default, default), e.Data.Description);

    public static OccasionDetails Apply(IEvent<OccasionRevised> e, OccasionDetails view) =>
        Describe(view, e.Data.Description) with
        {
            Revisions = [.. view.Revisions, new OccasionRevision(e.Version, e.Data.Reason, e.Timestamp, e.UserName ?? "")],
            Source = e.Data.Source ?? view.Source,
            Version = e.Version,
            UpdatedAt = e.Timestamp,
        };

    public static OccasionDetails Apply(IEvent<OccasionHeld> e, OccasionDetails view) =>
        view with { Status = OccasionStatus.Held, Outcomes = e.Data.Outcomes, Version = e.Version, UpdatedAt = e.Timestamp };

    public static OccasionDetails Apply(IEvent<OccasionCancelled> e, OccasionDetails view) =>
        view with { Status = OccasionStatus.Cancelled, CancellationReason = e.Data.Reason, Version = e.Version, UpdatedAt = e.Timestamp };

    /// <summary>The view's description, and the keys the list filters by: every party's place and region, and every party's place, region and country.</summary>
    private static OccasionDetails Describe(OccasionDetails view, OccasionDescription d)
    {
        var parties = d.Parties();
        return view with
        {
            Kind = d.Kind,
            Title = d.Title,
            Series = d.Series,
            Edition = d.Edition,
            Venue = d.Venue,
            From = d.From,
            To = d.To,
            Organisers = d.Organisers,
            Participants = d.Participants,
            Regions = parties.SelectMany(p => new[] { p.Region, p.Code }).OfType<string>().Distinct().ToArray(),
            Partners = parties.SelectMany(p => new[] { p.Code, p.Region, p.Country }).OfType<string>().Distinct().ToArray(),
            FirstDay = d.From.Start,
            LastDay = (d.To ?? d.From).End,
        };
    }
}
