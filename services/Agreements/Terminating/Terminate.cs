using Cooperation.Agreements.Details;

namespace Cooperation.Agreements.Terminating;

public sealed record TerminateAgreementRequest(string? On, string? Reason);

public sealed record TerminateAgreement(PartialDate On, string Reason, Actor Actor);

public static class Terminating
{
    public static Decision Decide(Agreement agreement, TerminateAgreement command)
    {
        if (agreement.Guard(command.Actor) is { } denied) return denied;
        if (agreement.Status == AgreementStatus.Terminated) return DomainError.Conflict("The agreement is already terminated.");
        if (agreement.SignedOn is { } signed && command.On.End < signed.Start) return DomainError.Invalid("on", "An agreement cannot end before it was signed.");
        return Decision.Of(new AgreementTerminated(agreement.Id, command.On, command.Reason));
    }

    public static RouteGroupBuilder MapTerminating(this RouteGroupBuilder group)
    {
        group.MapPost("{id:guid}/termination", HandleAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("TerminateAgreement")
            .WithSummary("Terminates an agreement, with the date and the reason");
        return group;
    }

    private static async Task<Results<Ok<ValidatedWrite>, Ok<AgreementDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, TerminateAgreementRequest request, WriteContext context, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        var on = v.Date(request.On, "on");
        var reason = v.Text(request.Reason, "reason", 2000);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new TerminateAgreement(on!.Value, reason!, context.Actor);
        var outcome = await session.Append<Agreement>(id, context, request, agreement => Decide(agreement, command), ct);
        return await outcome.RespondOk<AgreementDetails>(session, http, ct);
    }
}
