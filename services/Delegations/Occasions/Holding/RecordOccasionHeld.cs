using Cooperation.Delegations.Occasions.Details;

namespace Cooperation.Delegations.Occasions.Holding;

/// <param name="Outcomes">What came of it, each as the source says it ("18 documents signed").</param>
public sealed record RecordOccasionHeldRequest(string?[]? Outcomes = null);

public sealed record RecordOccasionHeld(string[] Outcomes, Actor Actor, DateOnly Today);

public static class HoldingOccasions
{
    /// <summary>Records that a planned occasion took place, once it has begun.</summary>
    public static Decision Decide(Occasion occasion, RecordOccasionHeld command)
    {
        if (occasion.Guard(command.Actor) is { } denied) return denied;
        if (occasion.MustBePlanned() is { } notPlanned) return notPlanned;
        if (occasion.From.Start > command.Today) return DomainError.Conflict($"The occasion begins on {occasion.From}: it cannot have been held yet.");
        return Decision.Of(new OccasionHeld(occasion.Id, command.Outcomes));
    }

    public static RouteGroupBuilder MapHoldingOccasions(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/held", HandleAsync, "RecordOccasionHeld", "Records that an occasion took place, with what came of it");

    private static Task<Results<Ok<OccasionDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, RecordOccasionHeldRequest request, Validation v, Write write)
    {
        var outcomes = (v.Items(request.Outcomes, "outcomes") ? request.Outcomes ?? [] : [])
            .Select((o, i) => v.Text(o, $"outcomes[{i}]", 2000) ?? "").ToArray();
        return write.Append<Occasion, OccasionDetails>(id, request, v, occasion => Decide(occasion, new RecordOccasionHeld(outcomes, write.Actor, write.Today)));
    }
}
