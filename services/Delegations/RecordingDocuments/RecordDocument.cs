using Cooperation.Vocabulary;
using Cooperation.Delegations.Details;
using Cooperation.KnownAgreements;

namespace Cooperation.Delegations.RecordingDocuments;

public sealed record RecordDocumentRequest(string? Title, [property: OneOf(typeof(AgreementKinds), nameof(AgreementKinds.All))] string? Kind, PartyInput?[]? Parties, [property: PartialDateText] string? SignedOn, Guid? AgreementId);

/// <param name="AgreementId">The existing agreement the document is, or null when the Agreements service is to register it.</param>
/// <param name="AgreementParties">The parties of the existing agreement, as this service knows them.</param>
public sealed record RecordDocument(Guid DocumentId, string Title, string Kind, Party[] Parties, PartialDate? SignedOn, Guid? AgreementId,
    Guid NewAgreementId, Actor Actor, DateOnly Today, Party[]? AgreementParties = null);

public static class RecordingDocuments
{
    /// <summary>
    /// A document signed during the visit. It is an agreement: the one named, or a new one that the Agreements service
    /// registers under an id chosen here, so the visit shows it at once.
    /// </summary>
    public static Decision Decide(Visit visit, RecordDocument command)
    {
        if (visit.Guard(command.Actor) is { } denied) return denied;
        if (visit.Status == VisitStatus.Cancelled) return DomainError.Conflict("The visit was cancelled.");
        if (command.SignedOn?.Start > command.Today) return DomainError.Invalid("signedOn", "A document cannot be signed in the future.");
        // A new agreement is registered from the document: its parties must be in the actor's territory, as on any registration.
        if (command.AgreementId is null && !command.Actor.MayWrite(command.Parties))
            return DomainError.Forbidden("You may register only agreements with a party in your own territory.");
        // An existing agreement gets the visit linked to it: it must be one the actor may link.
        if (command.AgreementId is not null && !command.Actor.MayLink(command.AgreementParties ?? []))
            return DomainError.Forbidden("You may link only agreements with a party in your own territory.");
        return Decision.Of(new DocumentSigned(visit.Id, command.DocumentId, command.Title, command.Kind, command.Parties, command.SignedOn,
            command.AgreementId ?? command.NewAgreementId, command.AgreementId is null));
    }

    public static RouteGroupBuilder MapRecordingDocuments(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/documents", HandleAsync, "RecordVisitDocument",
            "Records a document signed during the visit; a new agreement is registered from it, or agreementId links an existing one");

    private static async Task<Results<Ok<VisitDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, RecordDocumentRequest request, Validation v, Write write)
    {
        var title = v.Text(request.Title, "title", 1000);
        var kind = v.OneOf(request.Kind, "kind", AgreementKinds.All);
        var parties = v.Parties(request.Parties, "parties", minimum: 2);
        // Undated when the source does not date it: a new agreement is then registered as a draft.
        var signedOn = v.Date(request.SignedOn, "signedOn", required: false);
        var agreement = await v.KnownAgreementAsync(write.Session, request.AgreementId, "agreementId", write.RequestAborted);
        return await write.Append<Visit, VisitDetails>(id, request, v,
            visit => Decide(visit, new RecordDocument(Guid.CreateVersion7(), title!, kind!, parties, signedOn, request.AgreementId, Guid.CreateVersion7(),
                write.Actor, write.Today, agreement?.Parties)));
    }
}
