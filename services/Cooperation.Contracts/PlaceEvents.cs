namespace Cooperation.Contracts.Agreements;

// The gazetteer's places added since its built-in list, published by the Agreements service, which keeps them. Every service
// follows them into its own gazetteer (Cooperation.EventSourcing/KnownPlaces.cs); each event of a place carries its stream
// version in the metadata, so a follower applies them in order.

public sealed record PlaceNamesRef(string En, string Ru, string? Zh);

/// <param name="Code">The place's code: its ISO 3166 code where it has one, otherwise one made from its parent's and its name.</param>
/// <param name="Level">city, district or organisation.</param>
/// <param name="Parent">The code of the place it lies in.</param>
/// <param name="Proposed">Proposed by a committee and not yet confirmed by the ministry: usable meanwhile, marked so.</param>
public sealed record PlaceAdded(EventMetadata Metadata, Guid PlaceId, string Code, string Level, string Country, string Parent,
    PlaceNamesRef Names, string[] Aliases, bool Proposed) : IIntegrationEvent;

public sealed record PlaceConfirmed(EventMetadata Metadata, Guid PlaceId) : IIntegrationEvent;

/// <summary>A proposal the ministry refused: the place is no longer in the gazetteer; records that named it keep it as written.</summary>
public sealed record PlaceRefused(EventMetadata Metadata, Guid PlaceId, string Reason) : IIntegrationEvent;

/// <summary>New names in place of the old ones, which stay aliases.</summary>
public sealed record PlaceRenamed(EventMetadata Metadata, Guid PlaceId, PlaceNamesRef Names) : IIntegrationEvent;

public sealed record PlaceAliasAdded(EventMetadata Metadata, Guid PlaceId, string Alias) : IIntegrationEvent;

/// <summary>A duplicate merged into another place: its code and names now find that place.</summary>
public sealed record PlaceMerged(EventMetadata Metadata, Guid PlaceId, string Into) : IIntegrationEvent;
