using Cooperation.Vocabulary;
using Cooperation.Delegations.Details;

namespace Cooperation.Delegations.RecordingProgramme;

public sealed record ProgrammeItemInput([property: PartialDateText] string? On, [property: OneOf(typeof(VisitVocabulary), nameof(VisitVocabulary.ProgrammeKinds))] string? Kind, string? Description);

public sealed record RecordProgrammeRequest(ProgrammeItemInput?[]? Items);

public sealed record RecordProgramme(ProgrammeItem[] Items, Actor Actor);

public static class RecordingProgramme
{
    /// <summary>Adds meetings, enterprise visits, forums, exhibitions or concerts to the visit's programme, planned or held.</summary>
    public static Decision Decide(Visit visit, RecordProgramme command)
    {
        if (visit.Guard(command.Actor) is { } denied) return denied;
        if (visit.Status == VisitStatus.Cancelled) return DomainError.Conflict("The visit was cancelled.");
        return Decision.Of(new ProgrammeRecorded(visit.Id, command.Items));
    }

    public static RouteGroupBuilder MapRecordingProgramme(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/programme", HandleAsync, "RecordVisitProgramme",
            "Adds items to a visit's programme: meetings, enterprise visits, forums, exhibitions, concerts");

    private static Task<Results<Ok<VisitDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, RecordProgrammeRequest request, Validation v, Write write)
    {
        v.Require(request.Items is { Length: >= 1 }, "items", "items needs at least 1 entry.");
        var items = (v.Items(request.Items, "items") ? request.Items ?? [] : []).Select((item, i) => new ProgrammeItem(
            v.Date(item?.On, $"items[{i}].on", required: false),
            v.OneOf(item?.Kind, $"items[{i}].kind", VisitVocabulary.ProgrammeKinds) ?? "",
            v.Text(item?.Description, $"items[{i}].description", 2000) ?? "")).ToArray();
        return write.Append<Visit, VisitDetails>(id, request, v,
            visit => Decide(visit, new RecordProgramme(items, write.Actor)));
    }
}
