using Cooperation.Agreements.Details;

namespace Cooperation.Agreements.CancellingPlanItems;

public sealed record CancelPlanItemRequest(string? Reason);

public sealed record CancelPlanItem(Guid ItemId, string Reason, Actor Actor);

public static class CancellingPlanItems
{
    /// <summary>Takes an item that was not carried out off the plan, with the reason; a done item stays done.</summary>
    public static Decision Decide(Agreement agreement, CancelPlanItem command)
    {
        if (agreement.Guard(command.Actor) is { } denied) return denied;
        if (agreement.Item(command.ItemId) is not { } item) return DomainError.NotFound($"The agreement has no item {command.ItemId}.");
        if (item.State == PlanItemState.Done) return DomainError.Conflict("A completed item cannot be cancelled.");
        if (item.State == PlanItemState.Cancelled) return DomainError.Conflict("The item is already cancelled.");
        return Decision.Of(new PlanItemCancelled(agreement.Id, command.ItemId, command.Reason));
    }

    public static RouteGroupBuilder MapCancellingPlanItems(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/items/{itemId:guid}/cancellation", HandleAsync, "CancelPlanItem",
            "Cancels an item of a plan that will not be carried out, with the reason");

    private static Task<Results<Ok<PlanItemView>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, Guid itemId, CancelPlanItemRequest request, Validation v, Write write)
    {
        var reason = v.Text(request.Reason, "reason", 2000);
        return write.Append<Agreement, AgreementDetails, PlanItemView>(id, request, v,
            agreement => Decide(agreement, new CancelPlanItem(itemId, reason!, write.Actor)),
            a => a.Items.FirstOrDefault(i => i.Id == itemId));
    }
}
