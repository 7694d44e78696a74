using Cooperation.Agreements;
using Cooperation.Agreements.LinkingVisits;
using Cooperation.Agreements.Registering;
using Cooperation.Delegations;
using Cooperation.Delegations.RecordingDocuments;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using static Cooperation.Domain.Tests.Samples;

namespace Cooperation.Domain.Tests;

/// <summary>A committee writes only records of its own territory, every stream a write touches included.</summary>
public class TerritoryTests
{
    [Fact]
    public void A_committee_writes_records_with_a_party_in_its_region_a_city_or_district_inside_it_counting()
    {
        Assert.True(VitebskClerk.MayWrite([Vitebsk, Heilongjiang]));
        Assert.True(VitebskClerk.MayWrite([Orsha, Heilongjiang]));
        Assert.False(GrodnoClerk.MayWrite([Vitebsk, Heilongjiang]));
        Assert.True(new Actor("moscow-clerk", Roles.Committee, "RU-MOW", Served).MayWrite([Moscow, Vitebsk]));
    }

    [Theory]
    [InlineData("CN-HL")]
    [InlineData("CN")]
    [InlineData("BY-VI-ORSHA-DISTRICT")]
    [InlineData(null)]
    public void A_committee_of_a_region_the_system_does_not_serve_writes_nothing(string? region) =>
        Assert.False(new Actor("partner", Roles.Committee, region, Served).MayWrite([Vitebsk, Heilongjiang, Orsha, China]));

    [Fact]
    public void Only_the_first_level_regions_of_the_served_countries_have_committees()
    {
        Assert.True(Served.Serves("BY-VI"));
        Assert.True(Served.Serves("RU-MOW"));
        Assert.False(Served.Serves("CN-HL"));
        Assert.False(Served.Serves("BY"));
    }

    [Fact]
    public void The_countries_served_arrive_with_the_actor()
    {
        var moscowClerk = new Actor("moscow-clerk", Roles.Committee, "RU-MOW", Served);
        Assert.True(moscowClerk.MayWrite([Moscow, Vitebsk]));
        Assert.False((moscowClerk with { Served = new ServedCountries(["BY"]) }).MayWrite([Moscow, Vitebsk]));
        Assert.True(new ServedCountries([" by "]).Serves("BY-VI"));
    }

    [Fact]
    public void An_organisation_grants_no_territory_whatever_it_declares()
    {
        var declared = new Party("BY-HR", "anything", PartyLevels.Organisation, "BY", "BY-HR");
        Assert.False(GrodnoClerk.MayWrite([Heilongjiang, declared]));
        Assert.False(GrodnoClerk.MayWrite([Heilongjiang, new Party(null, "anything", PartyLevels.Organisation, "BY", "BY-HR")]));
    }

    [Fact]
    public void An_organisation_the_gazetteer_knows_lies_where_the_gazetteer_places_it()
    {
        var (university, error) = new PartyInput(null, "Belarusian State University of Transport", PartyLevels.Organisation, null, "BY-HR").Resolve(Gazetteer.Default);
        Assert.Null(error);
        Assert.Equal("BY-HO", university!.Region);
        Assert.True(new Actor("gomel-clerk", Roles.Committee, "BY-HO", Served).MayWrite([university, Heilongjiang]));
        Assert.False(GrodnoClerk.MayWrite([university, Heilongjiang]));
        var (claimed, _) = new PartyInput("BY-HR", "anything", PartyLevels.Organisation, null, "BY-HR").Resolve(Gazetteer.Default);
        Assert.False(GrodnoClerk.MayWrite([claimed!, Heilongjiang]));
    }

    [Fact]
    public void A_party_counts_where_the_gazetteer_places_it_not_where_the_record_says()
    {
        var misplaced = new Party("BY-VI", "Vitebsk Oblast", "region", "BY", "BY-HR");
        Assert.False(GrodnoClerk.MayWrite([misplaced, Heilongjiang]));
    }

    [Fact]
    public void The_ministry_writes_national_level_records_admins_anything_auditors_nothing()
    {
        Assert.True(new Actor("m", Roles.Ministry, null, Served).MayWrite([Vitebsk, China]));
        Assert.False(new Actor("m", Roles.Ministry, null, Served).MayWrite([Vitebsk, Heilongjiang]));
        Assert.True(new Actor("a", Roles.Admin, null, Served).MayWrite([Heilongjiang]));
        Assert.False(new Actor("x", Roles.Auditor, "BY-VI", Served).MayWrite([Vitebsk]));
    }

    private static Agreement VitebskAgreement(Guid id) =>
        Fold.Into<Agreement>([new AgreementRegistered(id, "twinning", "Twinning", [Vitebsk, Heilongjiang], Spheres: [], ValidUntil: null, ParentAgreementId: null, Source: null)]);

    [Fact]
    public void A_plan_cannot_be_attached_to_another_committees_agreement()
    {
        var parent = VitebskAgreement(Guid.NewGuid());
        var plan = new RegisterAgreement(Guid.NewGuid(), "plan-of-events", "Plan", [Grodno, Heilongjiang], Spheres: [], SignedOn: null, Place: null,
            Signatories: [], ValidUntil: null, ParentAgreementId: parent.Id, Source: null, GrodnoClerk, Today);
        Assert.Null(Registering.Decide(plan).Error);
        Assert.Equal(ErrorKind.Forbidden, Registering.Attach(parent, plan).Error?.Kind);
    }

    [Fact]
    public void A_visit_is_linked_only_to_an_agreement_of_the_visits_committee()
    {
        var agreement = VitebskAgreement(Guid.NewGuid());
        var link = new LinkVisit(agreement.Id, Guid.NewGuid(), Guid.NewGuid(), "Memorandum", null);
        Assert.Equal(ErrorKind.Forbidden, LinkingVisits.Decide(agreement, link, GrodnoClerk).Error?.Kind);
        Assert.IsType<VisitLinked>(Assert.Single(LinkingVisits.Decide(agreement, link, VitebskClerk).Events));
        // A state visit's documents are the regions' agreements: the ministry links them, though it may not amend them.
        var ministry = new Actor("ministry-officer", Roles.Ministry, null, Served);
        Assert.IsType<VisitLinked>(Assert.Single(LinkingVisits.Decide(agreement, link, ministry).Events));
        Assert.False(ministry.MayWrite([Vitebsk, Heilongjiang]));
    }

    [Fact]
    public void A_document_on_a_committees_own_visit_cannot_name_another_committees_agreement()
    {
        var visitId = Guid.NewGuid();
        var visit = Fold.Into<Visit>([new VisitPlanned(visitId, VisitVocabulary.Incoming, Grodno, [Heilongjiang], null, PartialDate.Parse("2024-09"), null,
            "Talks", null, 12, [], null)]);
        RecordDocument Naming(Party[]? agreementParties) => new(Guid.NewGuid(), "Memorandum", "memorandum", [Grodno, Heilongjiang], null, Guid.NewGuid(),
            Guid.NewGuid(), GrodnoClerk, Today, agreementParties);

        Assert.Equal(ErrorKind.Forbidden, RecordingDocuments.Decide(visit, Naming([Vitebsk, Heilongjiang])).Error?.Kind);
        Assert.Equal(ErrorKind.Forbidden, RecordingDocuments.Decide(visit, Naming(null)).Error?.Kind);
        Assert.Null(RecordingDocuments.Decide(visit, Naming([Grodno, Heilongjiang])).Error);
    }
}
