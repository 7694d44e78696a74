using Cooperation.Contracts;
using Cooperation.Contracts.Delegations;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>
/// One occasion (a fair, a forum, a festival) as the dashboard counts it; its region is the recording committee's, its partners
/// the other organisers, participants and venue. From and To are partial dates; Source the document it was registered from;
/// Series and Edition the recurring occasion it is an edition of, and which; Venue the place it is held at, by its own code (a city, not its region).
/// </summary>
public sealed record OccasionRow(
    Guid Id,
    string? Kind,
    string? Title,
    string? Region,
    Partner[] Partners,
    string? From,
    string? To,
    bool Held,
    bool Cancelled,
    DateTimeOffset UpdatedAt,
    SourceRef? Source = null,
    string? Series = null,
    int? Edition = null,
    Partner? Venue = null) : IDashboardRow
{
    public static OccasionRow Empty(Guid id) => new(id, null, null, null, [], null, null, false, false, DateTimeOffset.MinValue);

    /// <summary>cancelled, held (reported held), or planned (neither yet).</summary>
    public string Status => Cancelled ? "cancelled" : Held ? "held" : "planned";

    /// <summary>The first day it may begin on (a month or a year counts from its first day).</summary>
    public DateOnly? FirstDay => PartialDate.TryParse(From, out var from) ? from.Start : null;

    public bool Matches(string? region, string? partner) => Sides.Match(Region, Partners, region, partner);
}

/// <summary>The occasions' rows over the dashboard's log: a revision replaces what the occasion is.</summary>
public sealed partial class OccasionRowProjection() : RowProjection<OccasionRow>(version: 2)
{
    protected override (Guid Row, Func<OccasionRow, OccasionRow> Apply)? Change(IIntegrationEvent contract) => contract switch
    {
        OccasionRegistered e => (e.OccasionId, row => Described(row, e.Occasion, e.Metadata.Actor) with { Source = e.Source }),
        OccasionRevised e => (e.OccasionId, row => Described(row, e.Occasion, e.Metadata.Actor)),
        OccasionHeld e => (e.OccasionId, row => row with { Held = true }),
        OccasionCancelled e => (e.OccasionId, row => row with { Cancelled = true }),
        _ => null,
    };

    protected override OccasionRow Empty(Guid id) => OccasionRow.Empty(id);

    protected override OccasionRow Touched(OccasionRow row, DateTimeOffset at) => at > row.UpdatedAt ? row with { UpdatedAt = at } : row;

    private static OccasionRow Described(OccasionRow row, OccasionRef occasion, ActorRef actor)
    {
        var (region, partners) = Sides.Of([.. occasion.Organisers, .. occasion.Participants, .. occasion.Venue is { } venue ? [venue] : Array.Empty<PartyRef>()], actor);
        return row with
        {
            Kind = occasion.Kind, Title = occasion.Title, Series = occasion.Series, Edition = occasion.Edition,
            Venue = occasion.Venue is { } place ? new Partner(place.Code ?? place.Name, place.Name, place.Country) : null, Region = region, Partners = partners, From = occasion.From, To = occasion.To,
        };
    }
}
