using Cooperation.Vocabulary;
using Cooperation.Agreements.Details;

namespace Cooperation.Agreements.Extending;

public sealed record ExtendAgreementRequest([property: PartialDateText] string? ValidUntil);

public sealed record ExtendAgreement(PartialDate ValidUntil, Actor Actor);

public static class Extending
{
    public static Decision Decide(Agreement agreement, ExtendAgreement command)
    {
        if (agreement.Guard(command.Actor) is { } denied) return denied;
        if (agreement.Status == AgreementStatus.Terminated) return DomainError.Conflict("A terminated agreement cannot be extended.");
        if (agreement.ValidUntil is { } current && command.ValidUntil.End <= current.End)
            return DomainError.Invalid("validUntil", $"An extension must run past the current validity ({current}).");
        if (agreement.SignedOn is { } signed && command.ValidUntil.End < signed.Start)
            return DomainError.Invalid("validUntil", "validUntil cannot come before signedOn.");
        return Decision.Of(new AgreementExtended(agreement.Id, command.ValidUntil));
    }

    public static RouteGroupBuilder MapExtending(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/extension", HandleAsync, "ExtendAgreement",
            "Extends an agreement's validity");

    private static Task<Results<Ok<AgreementDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, ExtendAgreementRequest request, Validation v, Write write)
    {
        var validUntil = v.Date(request.ValidUntil, "validUntil");
        return write.Append<Agreement, AgreementDetails>(id, request, v,
            agreement => Decide(agreement, new ExtendAgreement(validUntil!.Value, write.Actor)));
    }
}
