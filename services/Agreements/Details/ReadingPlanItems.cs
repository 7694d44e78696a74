namespace Cooperation.Agreements.Details;

public static class ReadingPlanItems
{
    public static RouteGroupBuilder MapReadingPlanItems(this RouteGroupBuilder group) =>
        group.MapRead("{id:guid}/items/{itemId:guid}", ReadAsync, "GetPlanItem",
            "An item of a plan of events or a programme now: open, done, cancelled, or overdue (open after its due date)");

    private static async Task<Results<Ok<PlanItemView>, ProblemHttpResult>> ReadAsync(
        Guid id, Guid itemId, IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var agreement = await session.LoadAsync<AgreementDetails>(id, ct);
        if (agreement?.On(clock.Today()).Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
            return DomainError.NotFound($"There is no item {itemId} of agreement {id}.").ToProblem();
        http.Response.Headers.ETag = $"\"{agreement.Version}\"";
        return TypedResults.Ok(item);
    }
}
