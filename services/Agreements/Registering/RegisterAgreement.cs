using Cooperation.Vocabulary;
using Cooperation.Agreements.Details;
using Cooperation.Agreements.Input;

namespace Cooperation.Agreements.Registering;

public sealed record RegisterAgreementRequest(
    [property: OneOf(typeof(AgreementKinds), nameof(AgreementKinds.All))] string? Kind,
    [property: OneOf(typeof(Registering), "RegisteredStatuses")] string? Status,
    string? Title,
    PartyInput?[]? Parties,
    [property: OneOf(typeof(AgreementKinds), nameof(AgreementKinds.Spheres))] string[]? Spheres,
    [property: PartialDateText] string? SignedOn,
    string? Place,
    SignatoryInput?[]? Signatories,
    [property: PartialDateText] string? ValidUntil,
    Guid? ParentAgreementId,
    SourceInput? Source,
    string? Note = null);

public sealed record RegisterAgreement(
    Guid Id,
    string Kind,
    string Title,
    Party[] Parties,
    string[] Spheres,
    PartialDate? SignedOn,
    string? Place,
    Signatory[] Signatories,
    PartialDate? ValidUntil,
    Guid? ParentAgreementId,
    Source? Source,
    Actor Actor,
    DateOnly Today,
    bool Signed = false,
    string? Note = null);

public static class Registering
{
    /// <summary>Registers an agreement: as signed when signedOn is given or it is said to be signed (on a date not known), otherwise as a draft.</summary>
    public static Decision Decide(RegisterAgreement command)
    {
        if (!command.Actor.MayWrite(command.Parties)) return DomainError.Forbidden("You may register only agreements with a party in your own territory.");
        if (command.SignedOn?.Start > command.Today) return DomainError.Invalid("signedOn", "An agreement cannot be signed in the future.");
        if (command.ValidUntil is { } until && command.SignedOn is { } signed && until.End < signed.Start)
            return DomainError.Invalid("validUntil", "validUntil cannot come before signedOn.");

        var registered = new AgreementRegistered(command.Id, command.Kind, command.Title, command.Parties, command.Spheres,
            command.ValidUntil, command.ParentAgreementId, command.Source, command.Note);
        if (command.SignedOn is null && !command.Signed) return Decision.Of(registered);
        return Decision.Of(registered, new AgreementSigned(command.Id, command.SignedOn, command.Place, command.Signatories));
    }

    /// <summary>A plan or programme registered under a parent shows on the parent, which must be one the actor may change.</summary>
    public static Decision Attach(Agreement? parent, RegisterAgreement command)
    {
        if (parent is null) return DomainError.Invalid("parentAgreementId", $"There is no agreement {command.ParentAgreementId}.");
        if (parent.Guard(command.Actor) is { } denied) return denied;
        if (parent.Status == AgreementStatus.Terminated) return DomainError.Invalid("parentAgreementId", "The parent agreement has been terminated.");
        return Decision.Of(new PlanAttached(parent.Id, command.Id, command.Kind, command.Title));
    }

    public static RouteGroupBuilder MapRegistering(this RouteGroupBuilder group) =>
        group.MapWrite("", HandleAsync, "RegisterAgreement",
            "Registers an agreement: signed when signedOn or status signed (the date not known) is given, otherwise a draft");

    private static async Task<Results<Created<AgreementDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        RegisterAgreementRequest request, Validation v, Write write)
    {
        var kind = v.OneOf(request.Kind, "kind", AgreementKinds.All);
        var status = v.OneOf(request.Status, "status", RegisteredStatuses, required: false);
        var title = v.Text(request.Title, "title");
        var parties = v.Parties(request.Parties, "parties", minimum: 2);
        var spheres = request.Spheres ?? [];
        for (var i = 0; i < spheres.Length; i++) v.OneOf(spheres[i], $"spheres[{i}]", AgreementKinds.Spheres);
        var signedOn = v.Date(request.SignedOn, "signedOn", required: false);
        var place = v.Text(request.Place, "place", 200, required: false);
        var signatories = v.Signatories(request.Signatories);
        var validUntil = v.Date(request.ValidUntil, "validUntil", required: false);
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        v.Require(status != "draft" || request.SignedOn is null, "status", "A draft has no signedOn: give status signed or leave signedOn out.");
        var signed = status == "signed" || signedOn is not null;
        v.Require(request.Signatories is null || signed, "signatories", "signatories need signedOn or status signed.");
        // The command goes to the parent's decision as well as to the registration's, so it is made once the request is known to be valid.
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new RegisterAgreement(Guid.CreateVersion7(), kind!, title!, parties, spheres.Distinct().ToArray(), signedOn, place,
            signatories, validUntil, request.ParentAgreementId, source,
            write.Actor, write.Today, signed, note);

        var parent = command.ParentAgreementId is { } parentId ? new Alongside<Agreement>(parentId, p => Attach(p, command)) : null;
        return await write.Start<Agreement, AgreementDetails>(command.Id, request, v, () => Decide(command), parent);
    }

    /// <summary>What a registration may say of the agreement's status: expired and terminated follow from later events.</summary>
    private static readonly IReadOnlySet<string> RegisteredStatuses = new HashSet<string> { "draft", "signed" };
}
