using Cooperation.Agreements;
using Cooperation.Delegations;
using Cooperation.Delegations.Details;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using Xunit.Sdk;
using static Cooperation.Domain.Tests.Samples;

namespace Cooperation.Domain.Tests;

/// <summary>The helper that builds the other tests' state must refuse a history the state cannot take.</summary>
public class FoldTests
{
    private static readonly AgreementRegistered Registered = new(Id, "twinning", "Twinning", [Vitebsk], [], PartialDate.Parse("2020"), null, null);
    private static readonly VisitCancelled Cancelled = new(Id, "No budget");

    [Fact]
    public void An_event_the_state_has_no_Apply_for_fails_instead_of_being_skipped() =>
        Assert.Contains("no public Apply that takes VisitCancelled", Assert.Throws<FailException>(() => Fold.Into<Agreement>(Registered, Cancelled)).Message);

    [Fact]
    public void A_first_event_the_state_has_no_Create_for_fails() =>
        Assert.Contains("no public Create that takes VisitCancelled", Assert.Throws<FailException>(() => Fold.Into<Visit>(Cancelled)).Message);

    [Fact]
    public void A_projection_folds_the_events_wrapped_with_their_versions()
    {
        var planned = new VisitPlanned(Id, VisitVocabulary.Incoming, Vitebsk, [], null, PartialDate.Parse("2024-05"), null, "Talks", null, 12, [], null);
        var view = Fold.Through<VisitDetailsProjection, VisitDetails>(planned, new VisitRescheduled(Id, PartialDate.Parse("2024-06"), null, null), Cancelled);
        Assert.Equal(("cancelled", 3L), (view.Status.Name(), view.Version));
        Assert.Throws<FailException>(() => Fold.Through<VisitDetailsProjection, VisitDetails>(planned, Registered));
    }
}
