using Cooperation.Vocabulary;
using Cooperation.Delegations.Occasions.Details;

namespace Cooperation.Delegations.Occasions.Registering;

/// <param name="Series">The recurring event it is an edition of.</param>
/// <param name="Edition">Its number in the series: 23 for the 23rd.</param>
/// <param name="Venue">Where it is held.</param>
/// <param name="From">Its first day, or the month or year when that is all the source gives.</param>
public sealed record RegisterOccasionRequest(
    [property: OneOf(typeof(OccasionVocabulary), nameof(OccasionVocabulary.Kinds))] string? Kind,
    string? Title,
    string? Series,
    int? Edition,
    PartyInput? Venue,
    [property: PartialDateText] string? From,
    [property: PartialDateText] string? To,
    PartyInput?[]? Organisers = null,
    PartyInput?[]? Participants = null,
    SourceInput? Source = null,
    string? Note = null);

public sealed record RegisterOccasion(Guid Id, OccasionDescription Description, Source? Source, string? Note, Actor Actor);

public static class RegisteringOccasions
{
    /// <summary>Registers an occasion whose venue, organisers or participants include the actor's territory.</summary>
    public static Decision Decide(RegisterOccasion command)
    {
        if (!command.Actor.MayWrite(command.Description.Parties()))
            return DomainError.Forbidden("You may register only occasions held in, organised by or taken part in by your own territory.");
        return Decision.Of(new OccasionRegistered(command.Id, command.Description, command.Source, command.Note));
    }

    public static RouteGroupBuilder MapRegisteringOccasions(this RouteGroupBuilder group) =>
        group.MapWrite("", HandleAsync, "RegisterOccasion",
            "Registers an occasion that is not a visit (a fair, a forum, an exhibition, city days, a festival, a concert, a conference, a competition), "
            + "with its series and edition, venue, partial dates, organisers and participants");

    private static Task<Results<Created<OccasionDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        RegisterOccasionRequest request, Validation v, Write write)
    {
        var description = v.Describe(request.Kind, request.Title, request.Series, request.Edition, request.Venue, request.From, request.To,
            request.Organisers, request.Participants);
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        var id = Guid.CreateVersion7();
        return write.Start<Occasion, OccasionDetails>(id, request, v, () => Decide(new RegisterOccasion(id, description!, source, note, write.Actor)));
    }
}
