using Cooperation.Agreements.Places;
using Cooperation.Agreements.Places.Adding;
using Cooperation.Agreements.Places.Confirming;
using Cooperation.Agreements.Places.Merging;
using Cooperation.EventSourcing;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using static Cooperation.Domain.Tests.Samples;

namespace Cooperation.Domain.Tests;

/// <summary>The ministry adds places; a committee proposes one inside its region; only the ministry decides on it.</summary>
public class PlaceTests
{
    private static readonly PlaceNames Names = new("Kurchatovsky District", "Курчатовский район", null);

    private static AddPlace Adding(Actor actor) =>
        new(Guid.NewGuid(), "RU-KRS-KURCHATOVSKY-DISTRICT", PartyLevels.District, "RU", "RU-KRS", "RU-KRS", Names, [], null, null, actor);

    private static readonly AddedPlace Proposed = new(Guid.NewGuid(), "RU-KRS-KURCHATOVSKY-DISTRICT", PartyLevels.District, AddedPlaceStatus.Proposed, Names, []);

    [Fact]
    public void The_ministry_adds_a_place_confirmed_and_a_committee_of_its_region_proposes_one()
    {
        var added = Assert.IsType<PlaceAdded>(Assert.Single(AddingPlaces.Decide(Adding(new Actor("m", Roles.Ministry, null, Served))).Events));
        Assert.False(added.Proposed);
        var proposed = Assert.IsType<PlaceAdded>(Assert.Single(AddingPlaces.Decide(Adding(new Actor("k", Roles.Committee, "RU-KRS", Served))).Events));
        Assert.True(proposed.Proposed);
    }

    [Theory]
    [InlineData(Roles.Committee, "BY-VI")]
    [InlineData(Roles.Committee, "CN-HL")]
    [InlineData(Roles.Auditor, null)]
    public void Anyone_else_is_forbidden_to_add_it(string role, string? region) =>
        Assert.Equal(ErrorKind.Forbidden, AddingPlaces.Decide(Adding(new Actor("x", role, region, Served))).Error?.Kind);

    [Fact]
    public void Only_the_ministry_confirms_and_only_a_proposal()
    {
        Assert.Equal(ErrorKind.Forbidden, ConfirmingPlaces.Decide(Proposed, new Actor("k", Roles.Committee, "RU-KRS", Served), null).Error?.Kind);
        var ministry = new Actor("m", Roles.Ministry, null, Served);
        Assert.IsType<PlaceConfirmed>(Assert.Single(ConfirmingPlaces.Decide(Proposed, ministry, null).Events));
        Assert.Equal(ErrorKind.Conflict, ConfirmingPlaces.Decide(Proposed with { Status = AddedPlaceStatus.Confirmed }, ministry, null).Error?.Kind);
    }

    [Fact]
    public void A_duplicate_merges_only_into_another_place_of_its_level_and_once()
    {
        var ministry = new Actor("m", Roles.Ministry, null, Served);
        var kursk = Gazetteer.BuiltIn.Find("RU-KRS")!;
        Assert.Equal(ErrorKind.Invalid, MergingPlaces.Decide(Proposed, new MergePlace(kursk, null, ministry)).Error?.Kind);
        var other = kursk with { Code = "RU-KRS-KURCHATOV-DISTRICT", Level = PartyLevels.District };
        Assert.IsType<PlaceMerged>(Assert.Single(MergingPlaces.Decide(Proposed, new MergePlace(other, null, ministry)).Events));
        Assert.Equal(ErrorKind.Conflict, MergingPlaces.Decide(Proposed with { Status = AddedPlaceStatus.Merged }, new MergePlace(other, null, ministry)).Error?.Kind);
    }
}
