using Cooperation.Vocabulary;
using Cooperation.Agreements.Details;
using Cooperation.Agreements.Input;

namespace Cooperation.Agreements.Signing;

public sealed record SignAgreementRequest([property: PartialDateText] string? SignedOn, string? Place, SignatoryInput?[]? Signatories);

public sealed record SignAgreement(PartialDate? SignedOn, string? Place, Signatory[] Signatories, Actor Actor, DateOnly Today);

public static class Signing
{
    /// <summary>
    /// Signs a draft, with or without the date; dates a signature recorded without one; refuses anything else.
    /// </summary>
    public static Decision Decide(Agreement agreement, SignAgreement command)
    {
        if (agreement.Guard(command.Actor) is { } denied) return denied;
        var undated = agreement is { Status: AgreementStatus.Signed, SignedOn: null };
        if (undated && command.SignedOn is null)
            return DomainError.Conflict("The agreement is already signed, on a date not known: give signedOn to record the date.");
        if (agreement.Status != AgreementStatus.Draft && !undated) return DomainError.Conflict($"The agreement is already {agreement.Status.Name()}.");
        if (command.SignedOn?.Start > command.Today) return DomainError.Invalid("signedOn", "An agreement cannot be signed in the future.");
        if (agreement.ValidUntil is { } until && command.SignedOn is { } signedOn && until.End < signedOn.Start)
            return DomainError.Invalid("signedOn", "signedOn is after the agreement's validity.");
        return undated
            ? Decision.Of(new SignatureDated(agreement.Id, command.SignedOn!.Value, command.Place, command.Signatories))
            : Decision.Of(new AgreementSigned(agreement.Id, command.SignedOn, command.Place, command.Signatories));
    }

    public static RouteGroupBuilder MapSigning(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/signature", HandleAsync, "SignAgreement",
            "Records the signing of a draft agreement, with signedOn or on a date not known; "
            + "with signedOn, dates an agreement signed on a date not known");

    private static Task<Results<Ok<AgreementDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, SignAgreementRequest request, Validation v, Write write)
    {
        var signedOn = v.Date(request.SignedOn, "signedOn", required: false);
        var place = v.Text(request.Place, "place", 200, required: false);
        var signatories = v.Signatories(request.Signatories);
        return write.Append<Agreement, AgreementDetails>(id, request, v,
            agreement => Decide(agreement, new SignAgreement(signedOn, place, signatories, write.Actor, write.Today)));
    }
}
