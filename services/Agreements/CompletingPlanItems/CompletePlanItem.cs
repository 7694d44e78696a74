using Cooperation.Vocabulary;
using Cooperation.Agreements.Details;
using MassTransit;
using Contract = Cooperation.Contracts.Delegations;

namespace Cooperation.Agreements.CompletingPlanItems;

public sealed record CompletePlanItemRequest([property: PartialDateText] string? On, Guid? VisitId, string? Note);

/// <param name="VisitId">The visit that carried the item out, when one did.</param>
public sealed record CompletePlanItem(Guid ItemId, PartialDate On, Guid? VisitId, string? Note, Actor Actor, DateOnly Today);

public static class CompletingPlanItems
{
    /// <summary>Records that an open (or overdue) item was carried out; an item is completed once.</summary>
    public static Decision Decide(Agreement agreement, CompletePlanItem command)
    {
        if (agreement.Guard(command.Actor) is { } denied) return denied;
        if (agreement.Item(command.ItemId) is not { } item) return DomainError.NotFound($"The agreement has no item {command.ItemId}.");
        if (item.State == PlanItemState.Done) return DomainError.Conflict($"The item was already completed on {item.Completion!.On}.");
        if (item.State == PlanItemState.Cancelled) return DomainError.Conflict("A cancelled item cannot be completed.");
        if (command.On.Start > command.Today) return DomainError.Invalid("on", "An item cannot be completed in the future.");
        return Decision.Of(new PlanItemCompleted(agreement.Id, command.ItemId, command.On, command.VisitId, command.Note));
    }

    /// <summary>
    /// The visit that names an item has taken place: the item is done, on the visit's last day. A visit may carry out only
    /// items of agreements its committee may link (<see cref="Territory.MayLink"/>); an item already done through this
    /// visit stays as it is, and one done otherwise or cancelled is left alone, the refusal logged.
    /// </summary>
    public static Decision DecideForVisit(Agreement agreement, Guid itemId, Guid visitId, PartialDate lastDay, Actor actor)
    {
        if (!actor.MayLink(agreement.Parties)) return DomainError.Forbidden("You may link only agreements with a party in your own territory.");
        if (agreement.Item(itemId) is not { } item) return DomainError.Invalid("planItem", $"The agreement has no item {itemId}.");
        if (item.Completion?.VisitId == visitId) return Decision.Of();
        if (item.State is PlanItemState.Done or PlanItemState.Cancelled)
            return DomainError.Invalid("planItem", $"The item is already {item.State.Name()}.");
        return Decision.Of(new PlanItemCompleted(agreement.Id, itemId, lastDay, visitId, null));
    }

    public static RouteGroupBuilder MapCompletingPlanItems(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/items/{itemId:guid}/completion", HandleAsync, "CompletePlanItem",
            "Records that an item of a plan was carried out, on a date, through a visit when one carried it out");

    private static Task<Results<Ok<PlanItemView>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, Guid itemId, CompletePlanItemRequest request, Validation v, Write write)
    {
        var on = v.Date(request.On, "on");
        var note = v.Note(request.Note);
        return write.Append<Agreement, AgreementDetails, PlanItemView>(id, request, v,
            agreement => Decide(agreement, new CompletePlanItem(itemId, on!.Value, request.VisitId, note, write.Actor, write.Today)),
            a => a.Items.FirstOrDefault(i => i.Id == itemId));
    }
}

/// <summary>Completes the plan item a visit names when the visit is completed, once per event.</summary>
public sealed class CompletePlanItemForVisitConsumer(IDocumentSession session, TimeProvider clock, ServedCountries served,
    ILogger<CompletePlanItemForVisitConsumer> logger)
    : IConsumer<Contract.VisitCompleted>
{
    public Task Consume(ConsumeContext<Contract.VisitCompleted> context)
    {
        var message = context.Message;
        if (message.PlanItem is not { } planItem) return Task.CompletedTask;
        var ct = context.CancellationToken;
        return session.HandleOnce(nameof(CompletePlanItemForVisitConsumer), message, clock, async () =>
        {
            var write = message.Reacting(nameof(CompletePlanItemForVisitConsumer), clock, served);
            var lastDay = PartialDate.Parse(message.To);
            var completed = await session.Append<Agreement>(planItem.AgreementId, write, message,
                a => CompletingPlanItems.DecideForVisit(a, planItem.ItemId, message.VisitId, lastDay, write.Actor), ct);
            completed.Settle(logger, message);
        }, ct);
    }
}
