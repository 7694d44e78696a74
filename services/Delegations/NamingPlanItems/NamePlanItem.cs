using Cooperation.Delegations.Details;
using Cooperation.Delegations.Planning;
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

    public static RouteGroupBuilder MapNamingPlanItems(this RouteGroupBuilder group)
    {
        group.MapPost("{id:guid}/plan-item", HandleAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("NameVisitPlanItem")
            .WithSummary("Names the item of a plan of events or a programme that a planned visit carries out; its completion completes the item");
        return group;
    }

    private static async Task<Results<Ok<ValidatedWrite>, Ok<VisitDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, NamePlanItemRequest request, WriteContext context, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        v.Require(request.PlanItem is not null, "planItem", "planItem is required: {agreementId, itemId}.");
        var plan = await v.KnownPlanItemAsync(session, request.PlanItem?.AgreementId, request.PlanItem?.ItemId, request.PlanItem is not null, "planItem", ct);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new NamePlanItem(new PlanItemLink(request.PlanItem!.AgreementId!.Value, request.PlanItem.ItemId!.Value), plan!.Parties ?? [], context.Actor);
        var outcome = await session.Append<Visit>(id, context, request, visit => Decide(visit, command), ct);
        return await outcome.RespondOk<VisitDetails>(session, http, ct);
    }
}
