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

    public static RouteGroupBuilder MapCancellingPlanItems(this RouteGroupBuilder group)
    {
        group.MapPost("{id:guid}/items/{itemId:guid}/cancellation", HandleAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("CancelPlanItem")
            .WithSummary("Cancels an item of a plan that will not be carried out, with the reason");
        return group;
    }

    private static async Task<Results<Ok<ValidatedWrite>, Ok<PlanItemView>, ProblemHttpResult>> HandleAsync(
        Guid id, Guid itemId, CancelPlanItemRequest request, WriteContext context, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        var reason = v.Text(request.Reason, "reason", 2000);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new CancelPlanItem(itemId, reason!, context.Actor);
        var outcome = await session.Append<Agreement>(id, context, request, agreement => Decide(agreement, command), ct);
        return await outcome.RespondOk<AgreementDetails, PlanItemView>(session, http, a => a.Items.FirstOrDefault(i => i.Id == itemId), ct);
    }
}
