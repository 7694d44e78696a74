using Cooperation.Vocabulary;
using Cooperation.Agreements.Details;

namespace Cooperation.Agreements.Amending;

public sealed record AmendAgreementRequest(string? Summary, [property: PartialDateText] string? EffectiveOn, SourceInput? Source = null);

public sealed record AmendAgreement(string Summary, PartialDate EffectiveOn, Actor Actor, Source? Source = null);

public static class Amending
{
    public static Decision Decide(Agreement agreement, AmendAgreement command)
    {
        if (agreement.Guard(command.Actor) is { } denied) return denied;
        if (agreement.Status == AgreementStatus.Terminated) return DomainError.Conflict("A terminated agreement cannot be amended.");
        if (agreement.SignedOn is { } signed && command.EffectiveOn.End < signed.Start)
            return DomainError.Invalid("effectiveOn", "An amendment cannot take effect before the agreement was signed.");
        return Decision.Of(new AgreementAmended(agreement.Id, command.Summary, command.EffectiveOn, command.Source));
    }

    public static RouteGroupBuilder MapAmending(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/amendments", HandleAsync, "AmendAgreement",
            "Records an amendment to an agreement");

    private static Task<Results<Ok<AgreementDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, AmendAgreementRequest request, Validation v, Write write)
    {
        var summary = v.Text(request.Summary, "summary", 2000);
        var effectiveOn = v.Date(request.EffectiveOn, "effectiveOn");
        var source = v.Source(request.Source);
        return write.Append<Agreement, AgreementDetails>(id, request, v,
            agreement => Decide(agreement, new AmendAgreement(summary!, effectiveOn!.Value, write.Actor, source)));
    }
}
