using Cooperation.Agreements;
using Cooperation.Agreements.AddingPlanItems;
using Cooperation.Agreements.CancellingPlanItems;
using Cooperation.Agreements.CompletingPlanItems;
using Cooperation.Agreements.Details;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using static Cooperation.Domain.Tests.Samples;

namespace Cooperation.Domain.Tests;

public class PlanItemTests
{
    private static readonly Guid ItemId = Guid.NewGuid();
    private static readonly Guid VisitId = Guid.NewGuid();

    private static AgreementRegistered Registered(string kind = AgreementKinds.PlanOfEvents) =>
        new(Id, kind, "Plan of events 2024-2025", [Vitebsk, Heilongjiang], Spheres: [], ValidUntil: null, ParentAgreementId: null, Source: null);

    private static AgreementSigned Signed => new(Id, PartialDate.Parse("2024-01"), null, []);

    private static PlanItemAdded Added(string? due = "2024-09") =>
        new(Id, ItemId, "Days of Heilongjiang culture in Vitebsk", due is null ? null : PartialDate.Parse(due), "culture", "Department of culture");

    private static Agreement Given(params object[] events) => Fold.Into<Agreement>(events);

    private static AddPlanItem Add(Actor? actor = null) =>
        new(ItemId, "Days of Heilongjiang culture in Vitebsk", PartialDate.Parse("2024-09"), "culture", null, actor ?? VitebskClerk);

    private static CompletePlanItem Complete(string on = "2024-05-20", Guid? visitId = null, Actor? actor = null) =>
        new(ItemId, PartialDate.Parse(on), visitId, null, actor ?? VitebskClerk, Today);

    [Fact]
    public void An_item_is_added_to_a_plan_of_events()
    {
        var added = Assert.IsType<PlanItemAdded>(Assert.Single(AddingPlanItems.Decide(Given(Registered(), Signed), Add()).Events));
        Assert.Equal((ItemId, "culture", PartialDate.Parse("2024-09")), (added.ItemId, added.Sphere, added.Due));
    }

    [Fact]
    public void An_item_is_added_to_a_programme() =>
        Assert.Null(AddingPlanItems.Decide(Given(Registered(AgreementKinds.Programme)), Add()).Error);

    [Fact]
    public void An_agreement_that_is_not_a_plan_has_no_items() =>
        Assert.Equal(ErrorKind.Conflict, AddingPlanItems.Decide(Given(Registered("twinning"), Signed), Add()).Error?.Kind);

    [Fact]
    public void A_terminated_plan_takes_no_new_items() =>
        Assert.Equal(ErrorKind.Conflict, AddingPlanItems.Decide(Given(Registered(), Signed, new AgreementTerminated(Id, PartialDate.Parse("2024-03"), "Replaced")), Add()).Error?.Kind);

    [Fact]
    public void A_committee_adds_items_only_to_plans_of_its_territory() =>
        Assert.Equal(ErrorKind.Forbidden, AddingPlanItems.Decide(Given(Registered(), Signed), Add(GomelClerk)).Error?.Kind);

    [Fact]
    public void An_open_item_is_completed_on_a_date_through_a_visit()
    {
        var completed = Assert.IsType<PlanItemCompleted>(Assert.Single(CompletingPlanItems.Decide(Given(Registered(), Signed, Added()), Complete(visitId: VisitId)).Events));
        Assert.Equal((PartialDate.Parse("2024-05-20"), VisitId), (completed.On, completed.VisitId));
    }

    [Fact]
    public void An_overdue_item_can_still_be_completed() =>
        Assert.Null(CompletingPlanItems.Decide(Given(Registered(), Signed, Added("2023")), Complete()).Error);

    [Fact]
    public void An_item_is_completed_once()
    {
        var done = Given(Registered(), Signed, Added(), new PlanItemCompleted(Id, ItemId, PartialDate.Parse("2024-05"), null, null));
        Assert.Equal(ErrorKind.Conflict, CompletingPlanItems.Decide(done, Complete()).Error?.Kind);
    }

    [Fact]
    public void A_cancelled_item_cannot_be_completed() =>
        Assert.Equal(ErrorKind.Conflict, CompletingPlanItems.Decide(Given(Registered(), Signed, Added(), new PlanItemCancelled(Id, ItemId, "No funds")), Complete()).Error?.Kind);

    [Fact]
    public void An_item_cannot_be_completed_in_the_future() =>
        Assert.Equal("on", CompletingPlanItems.Decide(Given(Registered(), Signed, Added()), Complete("2024-07")).Error?.Errors?.Keys.Single());

    [Fact]
    public void An_item_the_plan_does_not_list_is_not_found() =>
        Assert.Equal(ErrorKind.NotFound, CompletingPlanItems.Decide(Given(Registered(), Signed), Complete()).Error?.Kind);

    [Fact]
    public void A_completed_visit_completes_the_item_it_names_on_its_last_day()
    {
        var decision = CompletingPlanItems.DecideForVisit(Given(Registered(), Signed, Added()), ItemId, VisitId, PartialDate.Parse("2024-05-22"), VitebskClerk);
        var completed = Assert.IsType<PlanItemCompleted>(Assert.Single(decision.Events));
        Assert.Equal((PartialDate.Parse("2024-05-22"), VisitId), (completed.On, completed.VisitId));
    }

    [Fact]
    public void An_item_already_done_through_the_visit_stays_as_it_is()
    {
        var done = Given(Registered(), Signed, Added(), new PlanItemCompleted(Id, ItemId, PartialDate.Parse("2024-05-22"), VisitId, null));
        var decision = CompletingPlanItems.DecideForVisit(done, ItemId, VisitId, PartialDate.Parse("2024-05-22"), VitebskClerk);
        Assert.Null(decision.Error);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_visit_does_not_complete_an_item_done_otherwise_or_cancelled()
    {
        var done = Given(Registered(), Signed, Added(), new PlanItemCompleted(Id, ItemId, PartialDate.Parse("2024-04"), null, null));
        var cancelled = Given(Registered(), Signed, Added(), new PlanItemCancelled(Id, ItemId, "No funds"));
        Assert.Equal("planItem", CompletingPlanItems.DecideForVisit(done, ItemId, VisitId, PartialDate.Parse("2024-05"), VitebskClerk).Error?.Errors?.Keys.Single());
        Assert.Equal("planItem", CompletingPlanItems.DecideForVisit(cancelled, ItemId, VisitId, PartialDate.Parse("2024-05"), VitebskClerk).Error?.Errors?.Keys.Single());
    }

    [Fact]
    public void An_open_item_is_cancelled_with_its_reason() =>
        Assert.Equal("No funds", Assert.IsType<PlanItemCancelled>(Assert.Single(
            CancellingPlanItems.Decide(Given(Registered(), Signed, Added()), new CancelPlanItem(ItemId, "No funds", VitebskClerk)).Events)).Reason);

    [Fact]
    public void A_completed_item_cannot_be_cancelled()
    {
        var done = Given(Registered(), Signed, Added(), new PlanItemCompleted(Id, ItemId, PartialDate.Parse("2024-05"), null, null));
        Assert.Equal(ErrorKind.Conflict, CancellingPlanItems.Decide(done, new CancelPlanItem(ItemId, "Late", VitebskClerk)).Error?.Kind);
    }

    [Theory]
    [InlineData("2024-05-31", "overdue")]
    [InlineData("2024-06-01", "open")]
    [InlineData("2024-05", "overdue")]
    [InlineData("2024-06", "open")]
    [InlineData("2023", "overdue")]
    [InlineData("2024", "open")]
    public void An_open_item_reads_as_overdue_once_its_due_date_has_passed_a_month_or_a_year_counting_to_its_end(string due, string state)
    {
        var view = Fold.Through<AgreementDetailsProjection, AgreementDetails>(Registered(), Signed, Added(due)).On(Today);
        Assert.Equal(state, Assert.Single(view.Items).State.Name());
    }

    [Fact]
    public void An_item_with_no_due_date_is_never_overdue() =>
        Assert.Equal(PlanItemState.Open, Assert.Single(Fold.Through<AgreementDetailsProjection, AgreementDetails>(Registered(), Added(null)).On(Today).Items).State);

    [Fact]
    public void A_plan_shows_its_progress_and_other_kinds_none()
    {
        var second = Guid.NewGuid();
        var third = Guid.NewGuid();
        var view = Fold.Through<AgreementDetailsProjection, AgreementDetails>(Registered(), Signed, Added("2024-03"),
            Added("2024-12") with { ItemId = second }, Added("2024-12") with { ItemId = third },
            new PlanItemCompleted(Id, second, PartialDate.Parse("2024-05"), null, null), new PlanItemCancelled(Id, third, "No funds")).On(Today);
        Assert.Equal(new PlanProgress(Done: 1, Open: 0, Overdue: 1, Cancelled: 1, Total: 3), view.Progress);
        Assert.Null(Fold.Through<AgreementDetailsProjection, AgreementDetails>(Registered("twinning")).On(Today).Progress);
    }
}
