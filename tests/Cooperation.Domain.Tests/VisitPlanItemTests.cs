using Cooperation.Delegations;
using Cooperation.Delegations.Completing;
using Cooperation.Delegations.NamingPlanItems;
using Cooperation.Delegations.Planning;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using static Cooperation.Domain.Tests.Samples;

namespace Cooperation.Domain.Tests;

/// <summary>A visit naming the plan item it carries out, and its completion carrying the item for the Agreements service.</summary>
public class VisitPlanItemTests
{
    private static readonly PlanItemLink Item = new(Guid.NewGuid(), Guid.NewGuid());

    private static PlanVisit Plan(Actor actor, Party host, Party[] planParties) =>
        new(Id, VisitVocabulary.Incoming, host, [Heilongjiang], Head: null, D("2024-05"), PlannedTo: null, "Days of culture", Occasion: null, Size: 12,
            Companies: [], CompanyCount: null, actor, PlanItem: Item, PlanAgreementParties: planParties);

    private static VisitPlanned Planned(PlanItemLink? item = null) =>
        new(Id, VisitVocabulary.Incoming, Vitebsk, [Heilongjiang], null, D("2024-05"), null, "Days of culture", null, 12, [], null, PlanItem: item);

    private static Visit Given(params object[] events) => Fold.Into<Visit>(events);

    [Fact]
    public void A_planned_visit_names_the_item_it_carries_out() =>
        Assert.Equal(Item, Assert.IsType<VisitPlanned>(Assert.Single(Planning.Decide(Plan(VitebskClerk, Vitebsk, [Vitebsk, Heilongjiang])).Events)).PlanItem);

    [Fact]
    public void A_committee_cannot_name_an_item_of_another_territorys_plan() =>
        Assert.Equal(ErrorKind.Forbidden, Planning.Decide(Plan(GomelClerk, Gomel, [Vitebsk, Heilongjiang])).Error?.Kind);

    [Fact]
    public void The_completion_of_a_visit_carries_the_item_it_names()
    {
        var completed = Completing.Decide(Given(Planned(Item)), new CompleteVisit(D("2024-05-20"), D("2024-05-22"), null, VitebskClerk, Today));
        Assert.Equal(Item, Assert.IsType<VisitCompleted>(Assert.Single(completed.Events)).PlanItem);
    }

    [Fact]
    public void A_planned_visit_is_given_an_item_later_and_the_same_one_again_changes_nothing()
    {
        var named = Assert.IsType<PlanItemNamed>(Assert.Single(NamingPlanItems.Decide(Given(Planned()), new NamePlanItem(Item, [Vitebsk, Heilongjiang], VitebskClerk)).Events));
        Assert.Equal(Item, named.PlanItem);
        Assert.Empty(NamingPlanItems.Decide(Given(Planned(), named), new NamePlanItem(Item, [Vitebsk, Heilongjiang], VitebskClerk)).Events);
    }

    [Fact]
    public void A_visit_no_longer_planned_names_no_item()
    {
        var completed = Given(Planned(), new VisitCompleted(Id, D("2024-05-20"), D("2024-05-22"), null));
        Assert.Equal(ErrorKind.Conflict, NamingPlanItems.Decide(completed, new NamePlanItem(Item, [Vitebsk, Heilongjiang], VitebskClerk)).Error?.Kind);
    }

    [Fact]
    public void A_visit_names_no_item_of_a_plan_its_committee_may_not_link() =>
        Assert.Equal(ErrorKind.Forbidden, NamingPlanItems.Decide(Given(Planned()), new NamePlanItem(Item, [Gomel, Heilongjiang], VitebskClerk)).Error?.Kind);
}
