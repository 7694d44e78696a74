using Cooperation.Agreements.Details;

namespace Cooperation.Agreements.Extending;

public sealed record ExtendAgreementRequest(string? ValidUntil);

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

    public static RouteGroupBuilder MapExtending(this RouteGroupBuilder group)
    {
        group.MapPost("{id:guid}/extension", HandleAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("ExtendAgreement")
            .WithSummary("Extends an agreement's validity");
        return group;
    }

    private static async Task<Results<Ok<ValidatedWrite>, Ok<AgreementDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, ExtendAgreementRequest request, WriteContext context, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        var validUntil = v.Date(request.ValidUntil, "validUntil");
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new ExtendAgreement(validUntil!.Value, context.Actor);
        var outcome = await session.Append<Agreement>(id, context, request, agreement => Decide(agreement, command), ct);
        return await outcome.RespondOk<AgreementDetails>(session, http, ct);
    }
}
