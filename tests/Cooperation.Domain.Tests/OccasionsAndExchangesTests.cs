using Cooperation.Delegations.Exchanges;
using Cooperation.Delegations.Exchanges.Details;
using Cooperation.Delegations.Exchanges.Recording;
using Cooperation.Delegations.Exchanges.Revising;
using Cooperation.Delegations.Occasions;
using Cooperation.Delegations.Occasions.Cancelling;
using Cooperation.Delegations.Occasions.Details;
using Cooperation.Delegations.Occasions.Holding;
using Cooperation.Delegations.Occasions.Registering;
using Cooperation.Delegations.Occasions.Revising;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using static Cooperation.Domain.Tests.Samples;

namespace Cooperation.Domain.Tests;

/// <summary>Occasions (fairs, forums, city days) and exchanges of people: who may write them and how they change.</summary>
public class OccasionsAndExchangesTests
{
    private static OccasionDescription Fair(Party participant, string from = "2012-06") =>
        new("fair", "23rd Harbin International Economic and Trade Fair", "Harbin International Economic and Trade Fair", 23, Heilongjiang, D(from), null,
            [], [participant]);

    private static Occasion Given(params object[] events) => Fold.Into<Occasion>(events);

    [Fact]
    public void An_occasion_is_registered_by_a_committee_taking_part_and_revised_only_within_its_territory()
    {
        var registered = Assert.IsType<OccasionRegistered>(Assert.Single(RegisteringOccasions.Decide(new RegisterOccasion(Id, Fair(Vitebsk), null, null, VitebskClerk)).Events));
        Assert.Equal(ErrorKind.Forbidden, RegisteringOccasions.Decide(new RegisterOccasion(Id, Fair(Vitebsk), null, null, GomelClerk)).Error?.Kind);
        var occasion = Given(registered);
        Assert.Equal(ErrorKind.Forbidden, RevisingOccasions.Decide(occasion, new ReviseOccasion(Fair(Gomel), "Moved", null, VitebskClerk)).Error?.Kind);
        var revised = RevisingOccasions.Decide(occasion, new ReviseOccasion(Fair(Vitebsk, "2012-06-14"), "The days", null, VitebskClerk));
        var view = Fold.Through<OccasionDetailsProjection, OccasionDetails>([registered, .. revised.Events]);
        Assert.Equal((D("2012-06-14"), "The days"), (view.From, Assert.Single(view.Revisions).Reason));
        Assert.Contains("BY-VI", view.Regions);
        Assert.Contains("CN", view.Partners);
    }

    [Fact]
    public void An_occasion_is_held_once_it_has_begun_and_neither_held_nor_cancelled_twice()
    {
        var planned = Given(new OccasionRegistered(Id, Fair(Vitebsk, "2024-07"), null, null));
        Assert.Equal(ErrorKind.Conflict, HoldingOccasions.Decide(planned, new RecordOccasionHeld([], VitebskClerk, Today)).Error?.Kind);
        var began = Given(new OccasionRegistered(Id, Fair(Vitebsk, "2024-06"), null, null));
        Assert.IsType<OccasionHeld>(Assert.Single(HoldingOccasions.Decide(began, new RecordOccasionHeld(["A stand"], VitebskClerk, Today)).Events));
        var held = Given(new OccasionRegistered(Id, Fair(Vitebsk), null, null), new OccasionHeld(Id, []));
        Assert.Equal(ErrorKind.Conflict, CancellingOccasions.Decide(held, new CancelOccasion("Late", VitebskClerk)).Error?.Kind);
        var cancelled = Given(new OccasionRegistered(Id, Fair(Vitebsk), null, null), new OccasionCancelled(Id, "Postponed"));
        Assert.Equal(ErrorKind.Conflict, HoldingOccasions.Decide(cancelled, new RecordOccasionHeld([], VitebskClerk, Today)).Error?.Kind);
        Assert.Equal(ErrorKind.Conflict, RevisingOccasions.Decide(cancelled, new ReviseOccasion(Fair(Vitebsk), "x", null, VitebskClerk)).Error?.Kind);
    }

    private static ExchangeRecorded Students(string direction, int? count = 18) =>
        new(Id, "students", direction, new ExchangeSide(China, null), new ExchangeSide(Grodno, "Yanka Kupala State University of Grodno"), D("2007"), D("2007"),
            null, count is null ? null : new PeopleCount(count.Value, null), null, new InstitutionOpened("China Cultural Centre", D("2007-03-22")), null, null);

    [Fact]
    public void An_exchange_is_written_by_the_committee_of_the_side_that_sends_or_receives_and_its_count_revised_with_the_one_replaced()
    {
        Assert.IsType<ExchangeRecorded>(Assert.Single(RecordingExchanges.Decide(new RecordExchange(Students("received"), GrodnoClerk)).Events));
        // Sent: the committee's side is from, which is China here.
        Assert.Equal(ErrorKind.Forbidden, RecordingExchanges.Decide(new RecordExchange(Students("sent"), GrodnoClerk)).Error?.Kind);
        var exchange = Fold.Into<Exchange>([Students("received")]);
        Assert.Equal(ErrorKind.Forbidden, RevisingExchanges.Decide(exchange, new ReviseExchange(new PeopleCount(20, null), "x", VitebskClerk)).Error?.Kind);
        Assert.Equal("count", Assert.Single(RevisingExchanges.Decide(exchange, new ReviseExchange(new PeopleCount(18, null), "x", GrodnoClerk)).Error!.Errors!).Key);
        var revised = RevisingExchanges.Decide(exchange, new ReviseExchange(new PeopleCount(100, Qualifiers.AtMost), "Up to 100", GrodnoClerk));
        var view = Fold.Through<ExchangeDetailsProjection, ExchangeDetails>([Students("received"), .. revised.Events]);
        Assert.Equal((100, "at-most", 18), (view.Count, view.Qualifiers.Of("count"), Assert.Single(view.Revisions).PreviousCount));
        Assert.Equal(["BY-HR"], view.Regions);
        Assert.Equal(["CN"], view.Partners);
    }
}
