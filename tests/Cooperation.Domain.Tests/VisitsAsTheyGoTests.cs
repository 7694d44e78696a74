using Cooperation.Delegations;
using Cooperation.Delegations.Cancelling;
using Cooperation.Delegations.Completing;
using Cooperation.Delegations.Details;
using Cooperation.Delegations.Planning;
using Cooperation.Delegations.Rescheduling;
using Cooperation.Delegations.Starting;
using Cooperation.Delegations.VisitCounts;
using Cooperation.Delegations.VisitCounts.Counting;
using Cooperation.Delegations.VisitCounts.Recounting;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using static Cooperation.Domain.Tests.Samples;

namespace Cooperation.Domain.Tests;

/// <summary>Visits under way, held at a venue of a third place, with members, under an agreement; and visits counted for a period.</summary>
public class VisitsAsTheyGoTests
{
    private static VisitPlanned Planned(string from = "2024-03", string? to = null, Guid? heldUnder = null) =>
        new(Id, VisitVocabulary.Outgoing, Grodno, [China], null, D(from), to is null ? null : D(to), "Talks", null, null, [], null,
            Venue: Moscow, Members: [new Member("Mikhail Aksyonov", "Minister of Industry")], HeldUnder: heldUnder);

    private static Visit Given(params object[] events) => Fold.Into<Visit>(events);

    private static VisitDetails View(params object[] events) => Fold.Through<VisitDetailsProjection, VisitDetails>(events);

    private static PlanVisit Plan(Party? venue = null, Guid? heldUnder = null, Party[]? heldUnderParties = null) =>
        new(Id, VisitVocabulary.Outgoing, Grodno, [China], null, D("2024-03"), null, null, null, null, [], null, GrodnoClerk,
            Venue: venue, Members: [new Member(null, "Director of the free economic zone")], HeldUnder: heldUnder, HeldUnderParties: heldUnderParties);

    [Fact]
    public void A_visit_reported_begun_is_under_way_and_never_overdue()
    {
        var started = Assert.IsType<VisitStarted>(Assert.Single(Starting.Decide(Given(Planned()), new StartVisit(D("2024-03"), GrodnoClerk, Today)).Events));
        // Its planned month is long past on the day read: under way all the same, until it is completed.
        var view = View(Planned(), started).On(Today.AddYears(3));
        Assert.Equal(VisitStatus.UnderWay, view.Status);
        Assert.Equal(D("2024-03"), view.StartedOn);
        // A visit never begun keeps the overdue rule.
        Assert.Equal(VisitStatus.Overdue, View(Planned()).On(Today).Status);
    }

    [Fact]
    public void A_visit_starts_once_not_in_the_future_and_only_while_planned()
    {
        var error = Starting.Decide(Given(Planned()), new StartVisit(D("2024-07"), GrodnoClerk, Today)).Error;
        Assert.Equal("on", Assert.Single(error!.Errors!).Key);
        Assert.Equal(ErrorKind.Forbidden, Starting.Decide(Given(Planned()), new StartVisit(D("2024-03"), VitebskClerk, Today)).Error?.Kind);
        var underWay = Given(Planned(), new VisitStarted(Id, D("2024-03")));
        Assert.Equal(ErrorKind.Conflict, Starting.Decide(underWay, new StartVisit(D("2024-03"), GrodnoClerk, Today)).Error?.Kind);
        var cancelled = Given(Planned(), new VisitCancelled(Id, "Called off"));
        Assert.Equal(ErrorKind.Conflict, Starting.Decide(cancelled, new StartVisit(D("2024-03"), GrodnoClerk, Today)).Error?.Kind);
    }

    [Fact]
    public void A_visit_under_way_is_completed_not_cancelled_nor_rescheduled_and_cannot_have_ended_before_it_began()
    {
        var underWay = Given(Planned(), new VisitStarted(Id, D("2024-03-10")));
        Assert.IsType<VisitCompleted>(Assert.Single(Completing.Decide(underWay, new CompleteVisit(D("2024-03-10"), D("2024-03-15"), null, GrodnoClerk, Today)).Events));
        var early = Completing.Decide(underWay, new CompleteVisit(D("2024-03-01"), D("2024-03-05"), null, GrodnoClerk, Today)).Error;
        Assert.Equal("to", Assert.Single(early!.Errors!).Key);
        Assert.Equal(ErrorKind.Conflict, Cancelling.Decide(underWay, new CancelVisit("Cut short", GrodnoClerk)).Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, Rescheduling.Decide(underWay, new RescheduleVisit(D("2024-04"), null, null, GrodnoClerk)).Error?.Kind);
        var done = View(Planned(), new VisitStarted(Id, D("2024-03-10")), new VisitCompleted(Id, D("2024-03-10"), D("2024-03-15"), null));
        Assert.Equal(VisitStatus.Completed, done.On(Today).Status);
    }

    [Fact]
    public void A_venue_is_a_third_place_and_members_go_beside_the_head()
    {
        var planned = Assert.IsType<VisitPlanned>(Assert.Single(Planning.Decide(Plan(venue: Moscow)).Events));
        Assert.Equal(Moscow, planned.Venue);
        Assert.Equal("Director of the free economic zone", Assert.Single(planned.Members!).Position);
        var view = View(Planned());
        Assert.Equal("RU-MOW", view.Venue!.Code);
        Assert.Equal("Mikhail Aksyonov", Assert.Single(view.Members!).Name);
        // The host's or a guest's own place is no venue of its own.
        var error = Planning.Decide(Plan(venue: China)).Error;
        Assert.Equal("venue", Assert.Single(error!.Errors!).Key);
    }

    [Fact]
    public void A_visit_is_held_under_an_agreement_of_the_committees_own_territory()
    {
        var agreement = Guid.NewGuid();
        var planned = Assert.IsType<VisitPlanned>(Assert.Single(Planning.Decide(Plan(heldUnder: agreement, heldUnderParties: [Grodno, China])).Events));
        Assert.Equal(agreement, planned.HeldUnder);
        Assert.Equal(agreement, View(Planned(heldUnder: agreement)).HeldUnder);
        Assert.Equal(ErrorKind.Forbidden, Planning.Decide(Plan(heldUnder: agreement, heldUnderParties: [Vitebsk, China])).Error?.Kind);
    }

    private static CountVisits Count(Actor actor, string from = "2011", string to = "2011", bool counted = false, int count = 22) =>
        new(Guid.NewGuid(), VisitVocabulary.Incoming, Grodno, China, D(from), D(to), new VisitNumber(count, null), null, null, counted, actor, Today);

    [Fact]
    public void Visits_are_counted_for_a_past_period_in_the_committees_territory_once()
    {
        var counted = Assert.IsType<VisitsCounted>(Assert.Single(CountingVisits.Decide(Count(GrodnoClerk)).Events));
        Assert.Equal(22, counted.Number.Count);
        Assert.Equal(ErrorKind.Forbidden, CountingVisits.Decide(Count(VitebskClerk)).Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, CountingVisits.Decide(Count(GrodnoClerk, counted: true)).Error?.Kind);
        Assert.Equal("period.to", Assert.Single(CountingVisits.Decide(Count(GrodnoClerk, "2011", "2010")).Error!.Errors!).Key);
        Assert.Equal("period.from", Assert.Single(CountingVisits.Decide(Count(GrodnoClerk, "2025", "2025")).Error!.Errors!).Key);
        // The same count of the same visits meets itself.
        Assert.Equal(CountingVisits.IdOf("incoming", Grodno, China, D("2011"), D("2011")), CountingVisits.IdOf("incoming", Grodno, China, D("2011"), D("2011")));
        Assert.NotEqual(CountingVisits.IdOf("incoming", Grodno, China, D("2011"), D("2011")), CountingVisits.IdOf("outgoing", Grodno, China, D("2011"), D("2011")));
    }

    [Fact]
    public void A_recount_changes_the_number_or_its_qualifier()
    {
        var count = Fold.Into<VisitCount>(new VisitsCounted(Id, "incoming", Grodno, China, D("2011"), D("2011"), new VisitNumber(22, null), null, null));
        Assert.Equal("count", Assert.Single(RecountingVisits.Decide(count, new RecountVisits(new VisitNumber(22, null), "Same", GrodnoClerk)).Error!.Errors!).Key);
        Assert.IsType<VisitsRecounted>(Assert.Single(RecountingVisits.Decide(count, new RecountVisits(new VisitNumber(22, Qualifiers.AtLeast), "More than 22", GrodnoClerk)).Events));
        Assert.Equal(ErrorKind.Forbidden, RecountingVisits.Decide(count, new RecountVisits(new VisitNumber(23, null), "Recount", VitebskClerk)).Error?.Kind);
    }
}
