namespace Cooperation.Contracts;

/// <summary>
/// Every integration event implements this marker, so one fanout exchange, <see cref="IntegrationEvents.Exchange"/>,
/// carries them all.
/// </summary>
public interface IIntegrationEvent
{
    EventMetadata Metadata { get; }
}

public static class IntegrationEvents
{
    public const string Exchange = "cooperation.events";

    /// <summary>Bumped only when a contract changes in a way an existing consumer would misread.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Set on messages re-published for an auditor, so they can never be mistaken for live ones.</summary>
    public const string ReplayHeader = "cooperation-replay";
}

/// <param name="EventId">The stored event's id; consumers deduplicate by it.</param>
/// <param name="Service">The service whose event store holds the event: agreements, delegations, trade.</param>
/// <param name="Sequence">The event's position in its service's global order.</param>
public sealed record EventMetadata(
    Guid EventId,
    string Service,
    string EventType,
    int SchemaVersion,
    Guid StreamId,
    long Version,
    long Sequence,
    DateTimeOffset RecordedAt,
    ActorRef Actor,
    string? CorrelationId);

/// <param name="Sub">The authenticated subject.</param>
/// <param name="Role">committee, ministry, auditor or admin.</param>
/// <param name="Region">For a committee, the ISO 3166-2 code of its territory.</param>
public sealed record ActorRef(string Sub, string Role, string? Region);

public sealed record PartyRef(string? Code, string Name, string Level, string? Country, string? Region);

/// <summary>Where a record's facts come from: the document's title, the words it says them in, where in it (a page, a section, a file), a link.</summary>
public sealed record SourceRef(string Title, string? Url, string? Quote, string? Locator);
