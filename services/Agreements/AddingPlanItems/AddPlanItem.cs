using Cooperation.Vocabulary;
using Cooperation.Agreements.Details;

namespace Cooperation.Agreements.AddingPlanItems;

public sealed record AddPlanItemRequest(string? Title, [property: PartialDateText] string? Due, [property: OneOf(typeof(AgreementKinds), nameof(AgreementKinds.Spheres))] string? Sphere, string? Responsible);

public sealed record AddPlanItem(Guid ItemId, string Title, PartialDate? Due, string? Sphere, string? Responsible, Actor Actor);

public static class AddingPlanItems
{
    /// <summary>Lists an item on a plan of events or a programme that is still in force or yet to be signed.</summary>
    public static Decision Decide(Agreement agreement, AddPlanItem command)
    {
        if (agreement.Guard(command.Actor) is { } denied) return denied;
        if (!agreement.IsPlan) return DomainError.Conflict($"Only a plan of events or a programme has items; this agreement is a {agreement.Kind}.");
        if (agreement.Status == AgreementStatus.Terminated) return DomainError.Conflict("A terminated plan takes no new items.");
        if (agreement.Items.Length >= Agreement.MaxItems) return DomainError.Conflict($"A plan lists at most {Agreement.MaxItems} items.");
        return Decision.Of(new PlanItemAdded(agreement.Id, command.ItemId, command.Title, command.Due, command.Sphere, command.Responsible));
    }

    public static RouteGroupBuilder MapAddingPlanItems(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/items", HandleAsync, "AddPlanItem",
            "Adds an item to a plan of events or a programme: what is to be done, by when (a partial date), in which sphere, by whom");

    private static Task<Results<Created<PlanItemView>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, AddPlanItemRequest request, Validation v, Write write)
    {
        var title = v.Text(request.Title, "title", 1000);
        var due = v.Date(request.Due, "due", required: false);
        var sphere = v.OneOf(request.Sphere, "sphere", AgreementKinds.Spheres, required: false);
        var responsible = v.Text(request.Responsible, "responsible", v.Limits.Name, required: false);
        // The item this write added is the last one of the agreement as the write left it, on a retry as on the first answer.
        return write.AppendCreated<Agreement, AgreementDetails, PlanItemView>(id, request, v,
            agreement => Decide(agreement, new AddPlanItem(Guid.CreateVersion7(), title!, due, sphere, responsible, write.Actor)),
            a => (a.Items[^1].Id, a.Items[^1]));
    }
}
