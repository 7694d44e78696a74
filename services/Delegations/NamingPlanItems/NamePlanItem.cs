using Cooperation.Delegations.Details;
using Cooperation.Delegations.Input;
using Cooperation.KnownAgreements;

namespace Cooperation.Delegations.NamingPlanItems;

public sealed record NamePlanItemRequest(PlanItemInput? PlanItem);

/// <param name="AgreementParties">The parties of the plan, as this service knows them.</param>
public sealed record NamePlanItem(PlanItemLink PlanItem, Party[] AgreementParties, Actor Actor);

public static class NamingPlanItems
{
    /// <summary>A planned visit is to carry out an item of a plan, in place of any it named before; naming the same one again changes nothing.</summary>
    public static Decision Decide(Visit visit, NamePlanItem command)
    {
        if (visit.Guard(command.Actor) is { } denied) return denied;
        if (visit.MustBePlanned() is { } notPlanned) return notPlanned;
        if (!command.Actor.MayLink(command.AgreementParties)) return DomainError.Forbidden("You may link only agreements with a party in your own territory.");
        if (visit.PlanItem == command.PlanItem) return Decision.Of();
        return Decision.Of(new PlanItemNamed(visit.Id, command.PlanItem));
    }

    public static RouteGroupBuilder MapNamingPlanItems(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/plan-item", HandleAsync, "NameVisitPlanItem",
            "Names the item of a plan of events or a programme that a planned visit carries out; its completion completes the item");

    private static async Task<Results<Ok<VisitDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, NamePlanItemRequest request, Validation v, Write write)
    {
        v.Require(request.PlanItem is not null, "planItem", "planItem is required: {agreementId, itemId}.");
        var plan = await v.KnownPlanItemAsync(write.Session, request.PlanItem?.AgreementId, request.PlanItem?.ItemId, request.PlanItem is not null,
            "planItem", write.RequestAborted);
        return await write.Append<Visit, VisitDetails>(id, request, v,
            visit => Decide(visit, new NamePlanItem(request.PlanItem!.Link(), plan!.Parties ?? [], write.Actor)));
    }
}
