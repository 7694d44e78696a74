using Cooperation.Vocabulary;

namespace Cooperation.Domain.Tests;

public class PartialDateTests
{
    [Theory]
    [InlineData("2004", "2004-01-01", "2004-12-31")]
    [InlineData("2007-11", "2007-11-01", "2007-11-30")]
    [InlineData("2012-02", "2012-02-01", "2012-02-29")]
    [InlineData("2002-07-31", "2002-07-31", "2002-07-31")]
    public void A_partial_date_spans_from_its_first_to_its_last_day(string text, string start, string end)
    {
        var date = PartialDate.Parse(text);
        Assert.Equal(DateOnly.Parse(start), date.Start);
        Assert.Equal(DateOnly.Parse(end), date.End);
        Assert.Equal(text, date.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("04")]
    [InlineData("2004-13")]
    [InlineData("2004-02-30")]
    [InlineData("2004-1")]
    [InlineData("November 2007")]
    [InlineData("2004-01-01T00:00")]
    public void Anything_else_is_not_a_date(string text) => Assert.False(PartialDate.TryParse(text, out _));
}

public class GazetteerTests
{
    private static readonly Gazetteer Places = Gazetteer.Default;

    [Theory]
    [InlineData("Хейлунцзян", "CN-HL")]
    [InlineData("Хэйлунцзян", "CN-HL")]
    [InlineData("Heilongjiang Province", "CN-HL")]
    [InlineData("黑龙江", "CN-HL")]
    [InlineData("Hubay", "CN-HB")]
    [InlineData("Hubei", "CN-HB")]
    [InlineData("Витебская область", "BY-VI")]
    [InlineData("Changchun", "CN-JL-CHANGCHUN")]
    [InlineData("Благовещенск", "RU-AMU-BLAGOVESHCHENSK")]
    [InlineData("Minsk", "BY-HM")]
    [InlineData("Курская  область", "RU-KRS")]
    public void Every_spelling_in_the_sources_resolves_to_one_code(string name, string code)
    {
        var found = Places.Lookup(name);
        Assert.Equal(code, Assert.Single(found).Code);
    }

    [Fact]
    public void Cities_and_districts_lie_inside_their_region()
    {
        Assert.Equal("BY-VI", Places.RegionOf("BY-VI-ORSHA-DISTRICT"));
        Assert.Equal("CN-HL", Places.RegionOf("CN-HL-HEIHE"));
        Assert.True(Places.IsWithin("CN-HL-HEIHE", "CN"));
        Assert.Null(Places.RegionOf("BY"));
    }

    [Fact]
    public void The_gazetteer_covers_every_first_level_region_of_belarus_russia_and_china()
    {
        var regions = Places.Places.Where(p => p.Level == PartyLevels.Region).GroupBy(p => p.Country).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(7, regions["BY"]);
        Assert.Equal(83, regions["RU"]);
        Assert.Equal(34, regions["CN"]);
    }

    [Fact]
    public void A_party_named_in_any_spelling_gets_its_code_and_region()
    {
        var (party, error) = new PartyInput(null, "провинция Хэйлунцзян", "region", null, null).Resolve(Places);
        Assert.Null(error);
        Assert.Equal(new Party("CN-HL", "Heilongjiang Province", "region", "CN", "CN-HL"), party);
    }

    [Fact]
    public void An_unknown_place_is_refused_with_its_name()
    {
        var (party, error) = new PartyInput(null, "Atlantis", "city", null, null).Resolve(Places);
        Assert.Null(party);
        Assert.Contains("Atlantis", error);
    }

    [Fact]
    public void A_name_two_places_answer_to_is_refused_naming_both_codes()
    {
        // "Central Mongolia" in a text on China may be Inner Mongolia as well as Mongolia's Töv: the sources leave it open.
        var (party, error) = new PartyInput(null, "Province of Central Mongolia", "region", null, null).Resolve(Places);
        Assert.Null(party);
        Assert.Contains("CN-NM", error);
        Assert.Contains("MN-047", error);
    }

    [Fact]
    public void An_organisation_needs_no_code_but_its_region_must_exist()
    {
        Assert.NotNull(new PartyInput(null, "Vitebsk FEZ", "organisation", "BY", "BY-VI").Resolve(Places).Party);
        Assert.NotNull(new PartyInput(null, "Vitebsk FEZ", "organisation", "BY", "BY-XX").Resolve(Places).Error);
    }

    [Fact]
    public void A_party_known_only_by_its_country_is_unnamed_and_lies_in_no_region()
    {
        var (party, error) = new PartyInput(Code: null, Name: null, Level: null, Country: "CN", Region: null).Resolve(Places);
        Assert.Null(error);
        Assert.Equal(new Party(null, "A party of China, not named", PartyLevels.Unnamed, "CN", null), party);
        var unknown = new PartyInput(Code: null, Name: null, Level: null, Country: "XX", Region: null).Resolve(Places);
        Assert.Equal(("country", true), (unknown.Field, unknown.Party is null));
        Assert.Equal("country", new PartyInput(null, null, PartyLevels.Unnamed, "CN-HL", null).Resolve(Places).Field);
        Assert.Equal("level", new PartyInput(null, "Someone", PartyLevels.Unnamed, "CN", null).Resolve(Places).Field);
    }

    [Fact]
    public void A_committee_may_write_with_an_unnamed_party_beside_its_own_region_but_not_with_it_alone()
    {
        var minsk = new Actor("minsk-city-clerk", Roles.Committee, "BY-HM", Samples.Served);
        var chinese = new PartyInput(Code: null, Name: null, Level: null, Country: "CN", Region: null).Resolve(Places).Party!;
        var city = new PartyInput("BY-HM", Name: null, Level: null, Country: null, Region: null).Resolve(Places).Party!;
        Assert.True(minsk.MayWrite([city, chinese]));
        Assert.False(minsk.MayWrite([chinese]));
        Assert.False(new Actor("ministry", Roles.Ministry, null, Samples.Served).MayWrite([chinese]));
    }
}
