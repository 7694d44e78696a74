using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cooperation.Agreements.Places.Details;

/// <summary>A place added since the built-in list, as clients see it, with who added it and where it stands.</summary>
/// <param name="MergedInto">The code of the place it was merged into.</param>
public sealed record PlaceDetails(
    Guid Id,
    string Code,
    string Level,
    string Country,
    string Parent,
    PlaceNames Names,
    string[] Aliases,
    AddedPlaceStatus Status,
    string? MergedInto,
    string? RefusalReason,
    Source? Source,
    string? Note,
    long Version,
    string AddedBy,
    DateTimeOffset UpdatedAt) : IView<PlaceDetails>
{
    public PlaceDetails On(DateOnly day) => this;
}

public sealed partial class PlaceDetailsProjection : SingleStreamProjection<PlaceDetails, Guid>
{
    public static PlaceDetails Create(IEvent<PlaceAdded> e) =>
        new(e.Data.PlaceId, e.Data.Code, e.Data.Level, e.Data.Country, e.Data.Parent, e.Data.Names, e.Data.Aliases,
            e.Data.Proposed ? AddedPlaceStatus.Proposed : AddedPlaceStatus.Confirmed, null, null, e.Data.Source, e.Data.Note,
            e.Version, e.UserName ?? "", e.Timestamp);

    public static PlaceDetails Apply(IEvent<PlaceConfirmed> e, PlaceDetails view) => Touch(view, e) with { Status = AddedPlaceStatus.Confirmed };

    public static PlaceDetails Apply(IEvent<PlaceRefused> e, PlaceDetails view) =>
        Touch(view, e) with { Status = AddedPlaceStatus.Refused, RefusalReason = e.Data.Reason };

    public static PlaceDetails Apply(IEvent<PlaceRenamed> e, PlaceDetails view) =>
        Touch(view, e) with { Names = e.Data.Names, Aliases = AddedPlace.WithOldNames(view.Aliases, view.Names) };

    public static PlaceDetails Apply(IEvent<PlaceAliasAdded> e, PlaceDetails view) =>
        Touch(view, e) with { Aliases = [.. view.Aliases.Append(e.Data.Alias).Distinct()] };

    public static PlaceDetails Apply(IEvent<PlaceMerged> e, PlaceDetails view) =>
        Touch(view, e) with { Status = AddedPlaceStatus.Merged, MergedInto = e.Data.Into };

    private static PlaceDetails Touch(PlaceDetails view, IEvent e) => view with { Version = e.Version, UpdatedAt = e.Timestamp };
}
