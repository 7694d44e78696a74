using Cooperation.Vocabulary;
using Cooperation.Delegations.Occasions.Details;

namespace Cooperation.Delegations.Occasions.Revising;

/// <summary>The occasion as it now reads, whole, with the reason for the change.</summary>
public sealed record ReviseOccasionRequest(
    [property: OneOf(typeof(OccasionVocabulary), nameof(OccasionVocabulary.Kinds))] string? Kind,
    string? Title,
    string? Series,
    int? Edition,
    PartyInput? Venue,
    [property: PartialDateText] string? From,
    [property: PartialDateText] string? To,
    PartyInput?[]? Organisers,
    PartyInput?[]? Participants,
    string? Reason,
    SourceInput? Source = null);

public sealed record ReviseOccasion(OccasionDescription Description, string Reason, Source? Source, Actor Actor);

public static class RevisingOccasions
{
    /// <summary>Replaces what an occasion is (dates, venue, participants...); the description it replaces stays in the history.</summary>
    public static Decision Decide(Occasion occasion, ReviseOccasion command)
    {
        if (occasion.Guard(command.Actor) is { } denied) return denied;
        if (!command.Actor.MayWrite(command.Description.Parties()))
            return DomainError.Forbidden("The revised occasion would have no venue, organiser or participant in your territory.");
        if (occasion.Status == OccasionStatus.Cancelled) return DomainError.Conflict("The occasion is cancelled.");
        return Decision.Of(new OccasionRevised(occasion.Id, command.Description, command.Reason, command.Source));
    }

    public static RouteGroupBuilder MapRevisingOccasions(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/revisions", HandleAsync, "ReviseOccasion", "Revises an occasion: what it now is, whole, with the reason");

    private static Task<Results<Ok<OccasionDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, ReviseOccasionRequest request, Validation v, Write write)
    {
        var description = v.Describe(request.Kind, request.Title, request.Series, request.Edition, request.Venue, request.From, request.To,
            request.Organisers, request.Participants);
        var reason = v.Text(request.Reason, "reason", 2000);
        var source = v.Source(request.Source);
        return write.Append<Occasion, OccasionDetails>(id, request, v, occasion => Decide(occasion, new ReviseOccasion(description!, reason!, source, write.Actor)));
    }
}
