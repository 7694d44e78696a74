namespace Cooperation.Agreements.Places;

// Stored event type names (place_added, ...) are a contract: renaming a record needs a mapping.

/// <summary>A place added to the gazetteer: by the ministry or an admin, or proposed by a committee inside its region.</summary>
/// <param name="Code">Its ISO 3166 code where it has one, otherwise one made from its parent's code and its English name.</param>
public sealed record PlaceAdded(Guid PlaceId, string Code, string Level, string Country, string Parent, PlaceNames Names, string[] Aliases,
    bool Proposed, Source? Source = null, string? Note = null);

public sealed record PlaceConfirmed(Guid PlaceId, string? Note = null);

public sealed record PlaceRefused(Guid PlaceId, string Reason);

/// <summary>New names; the old ones stay aliases, so what was written with them still finds the place.</summary>
public sealed record PlaceRenamed(Guid PlaceId, PlaceNames Names, Source? Source = null, string? Note = null);

public sealed record PlaceAliasAdded(Guid PlaceId, string Alias, Source? Source = null);

/// <summary>A duplicate merged into another place: its code and names find that place from then on.</summary>
public sealed record PlaceMerged(Guid PlaceId, string Into, string? Note = null);

/// <summary>What decisions about a place added since the built-in list need to know.</summary>
public sealed record AddedPlace(Guid Id, string Code, string Level, AddedPlaceStatus Status, PlaceNames Names, string[] Aliases)
{
    public static AddedPlace Create(PlaceAdded e) =>
        new(e.PlaceId, e.Code, e.Level, e.Proposed ? AddedPlaceStatus.Proposed : AddedPlaceStatus.Confirmed, e.Names, e.Aliases);

    public AddedPlace Apply(PlaceConfirmed e) => this with { Status = AddedPlaceStatus.Confirmed };

    public AddedPlace Apply(PlaceRefused e) => this with { Status = AddedPlaceStatus.Refused };

    public AddedPlace Apply(PlaceRenamed e) => this with { Names = e.Names, Aliases = WithOldNames(Aliases, Names) };

    public AddedPlace Apply(PlaceAliasAdded e) => this with { Aliases = [.. Aliases.Append(e.Alias).Distinct()] };

    public AddedPlace Apply(PlaceMerged e) => this with { Status = AddedPlaceStatus.Merged };

    public static string[] WithOldNames(string[] aliases, PlaceNames old) =>
        [.. aliases.Concat(new[] { old.En, old.Ru, old.Zh }.OfType<string>()).Distinct()];

    /// <summary>The gazetteer is the ministry's: it (and admins) change places; a committee only proposes one.</summary>
    public static DomainError? Guard(Actor actor) =>
        actor.Role is Roles.Ministry or Roles.Admin ? null : DomainError.Forbidden("Only the ministry changes the gazetteer's places; a committee may propose one.");

    /// <summary>A place refused or merged is no longer in the gazetteer: nothing more is done to it.</summary>
    public DomainError? InUse() => Status switch
    {
        AddedPlaceStatus.Refused => DomainError.Conflict($"{Code} was refused."),
        AddedPlaceStatus.Merged => DomainError.Conflict($"{Code} was merged into another place."),
        _ => null,
    };
}
