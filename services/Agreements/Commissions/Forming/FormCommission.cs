using Cooperation.Vocabulary;
using Cooperation.Agreements.Commissions.Details;

namespace Cooperation.Agreements.Commissions.Forming;

public sealed record FormCommissionRequest(
    [property: OneOf(typeof(CommissionKinds), nameof(CommissionKinds.All))] string? Kind,
    string? Title,
    PartyInput?[]? Parties,
    Guid? FoundingAgreementId,
    [property: PartialDateText] string? FormedOn,
    SourceInput? Source,
    string? Note = null);

public sealed record FormCommission(
    Guid Id, string Kind, string Title, Party[] Parties, Guid? FoundingAgreementId, PartialDate? FormedOn, Source? Source, string? Note,
    Actor Actor, DateOnly Today);

public static class Forming
{
    /// <summary>Forms a commission, working group or council of parties one of which lies in the actor's territory.</summary>
    public static Decision Decide(FormCommission command)
    {
        if (!command.Actor.MayWrite(command.Parties)) return DomainError.Forbidden("You may form only bodies with a party in your own territory.");
        if (command.FormedOn?.Start > command.Today) return DomainError.Invalid("formedOn", "A body cannot be formed in the future.");
        return Decision.Of(new CommissionFormed(command.Id, command.Kind, command.Title, command.Parties, command.FoundingAgreementId,
            command.FormedOn, command.Source, command.Note));
    }

    /// <summary>A body set up by an agreement shows on the agreement, which must be one the actor may change and still in force or to be signed.</summary>
    public static Decision SetUp(Agreement? agreement, FormCommission command)
    {
        if (agreement is null) return DomainError.Invalid("foundingAgreementId", $"There is no agreement {command.FoundingAgreementId}.");
        if (agreement.Guard(command.Actor) is { } denied) return denied;
        if (agreement.Status == AgreementStatus.Terminated)
            return DomainError.Invalid("foundingAgreementId", "The founding agreement has been terminated.");
        return Decision.Of(new CommissionSetUp(agreement.Id, command.Id, command.Kind, command.Title));
    }

    public static RouteGroupBuilder MapForming(this RouteGroupBuilder group) =>
        group.MapWrite("", HandleAsync, "FormCommission",
            "Forms a commission, working group or council: its kind, parties, the agreement that set it up and when it was formed");

    private static async Task<Results<Created<CommissionDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        FormCommissionRequest request, Validation v, Write write)
    {
        var kind = v.OneOf(request.Kind, "kind", CommissionKinds.All);
        var title = v.Text(request.Title, "title");
        var parties = v.Parties(request.Parties, "parties", minimum: 2);
        var formedOn = v.Date(request.FormedOn, "formedOn", required: false);
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new FormCommission(Guid.CreateVersion7(), kind!, title!, parties, request.FoundingAgreementId, formedOn, source, note,
            write.Actor, write.Today);
        var founding = command.FoundingAgreementId is { } agreementId ? new Alongside<Agreement>(agreementId, a => SetUp(a, command)) : null;
        return await write.Start<Commission, CommissionDetails>(command.Id, request, v, () => Decide(command), founding);
    }
}
