namespace Cooperation.Delegations.Occasions;

/// <summary>An occasion's status: announced until it is reported held or cancelled.</summary>
public enum OccasionStatus { Planned, Held, Cancelled }

/// <summary>What decisions about an occasion (a fair, a forum, city days: an event that is not a visit) need to know.</summary>
/// <param name="Parties">The venue, organisers and participants: whose committees may change it.</param>
public sealed record Occasion(Guid Id, OccasionStatus Status, Party[] Parties, PartialDate From)
{
    public static Occasion Create(OccasionRegistered e) => new(e.OccasionId, OccasionStatus.Planned, e.Description.Parties(), e.Description.From);

    public Occasion Apply(OccasionRevised e) => this with { Parties = e.Description.Parties(), From = e.Description.From };

    public Occasion Apply(OccasionHeld e) => this with { Status = OccasionStatus.Held };

    public Occasion Apply(OccasionCancelled e) => this with { Status = OccasionStatus.Cancelled };

    /// <summary>Committees change the occasions held in, organised by or taken part in by their territory; the ministry national ones; admins any.</summary>
    public DomainError? Guard(Actor actor) =>
        actor.MayWrite(Parties) ? null : DomainError.Forbidden("This occasion has no venue, organiser or participant in your territory.");

    public DomainError? MustBePlanned() =>
        Status == OccasionStatus.Planned ? null : DomainError.Conflict($"The occasion is already {Status.Name()}.");
}

public static class OccasionVocabulary
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>
        { "fair", "forum", "exhibition", "city-days", "festival", "concert", "conference", "competition", "other" };
}
