using Cooperation.Vocabulary;
using Cooperation.Agreements.Details;

namespace Cooperation.Agreements.Terminating;

public sealed record TerminateAgreementRequest([property: PartialDateText] string? On, string? Reason);

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

    public static RouteGroupBuilder MapTerminating(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/termination", HandleAsync, "TerminateAgreement",
            "Terminates an agreement, with the date and the reason");

    private static Task<Results<Ok<AgreementDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, TerminateAgreementRequest request, Validation v, Write write)
    {
        var on = v.Date(request.On, "on");
        var reason = v.Text(request.Reason, "reason", 2000);
        return write.Append<Agreement, AgreementDetails>(id, request, v,
            agreement => Decide(agreement, new TerminateAgreement(on!.Value, reason!, write.Actor)));
    }
}
