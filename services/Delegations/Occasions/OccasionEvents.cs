namespace Cooperation.Delegations.Occasions;

// Stored event type names (occasion_registered, ...) are a contract: renaming a record needs a mapping.

/// <summary>An event that is not a visit (a fair, a forum, city days, a concert), registered by a committee whose territory holds, organises or takes part in it.</summary>
public sealed record OccasionRegistered(Guid OccasionId, OccasionDescription Description, Source? Source, string? Note);

/// <summary>What an occasion is; a revision replaces it whole, the one before staying in the history.</summary>
/// <param name="Series">The recurring event it is an edition of ("Harbin International Economic and Trade Fair").</param>
/// <param name="Edition">Its number in the series (23 for the 23rd).</param>
/// <param name="Venue">Where it is held: a city, a region or an organisation.</param>
/// <param name="Organisers">Who holds it.</param>
/// <param name="Participants">Places and organisations taking part, beside the organisers.</param>
public sealed record OccasionDescription(
    string Kind,
    string Title,
    string? Series,
    int? Edition,
    Party? Venue,
    PartialDate From,
    PartialDate? To,
    Party[] Organisers,
    Party[] Participants)
{
    public Party[] Parties() => [.. Venue is null ? [] : new[] { Venue }, .. Organisers, .. Participants];
}

public sealed record OccasionRevised(Guid OccasionId, OccasionDescription Description, string Reason, Source? Source = null);

/// <summary>The occasion took place; what came of it, as the source tells it.</summary>
public sealed record OccasionHeld(Guid OccasionId, string[] Outcomes);

public sealed record OccasionCancelled(Guid OccasionId, string Reason);
