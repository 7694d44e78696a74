using Cooperation.EventSourcing;
using Cooperation.ServiceDefaults;
using Cooperation.Trade.CompanyCounts;
using Cooperation.Vocabulary;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cooperation.Trade.RecountingCompanies;

public sealed record RecountCompaniesRequest(int? Total, int? JointVentures, int? ForeignOwned, string? Reason);

public sealed record RecountCompanies(CompanyNumbers Numbers, string Reason, Actor Actor);

public static class RecountingCompanies
{
    /// <summary>Corrects a count; the numbers it replaces stay in the history.</summary>
    public static Decision Decide(CompanyCount count, RecountCompanies command)
    {
        if (!command.Actor.MayWrite([count.Place])) return DomainError.Forbidden("This count is not of your territory.");
        if (command.Numbers == count.Numbers) return DomainError.Invalid("total", "The revision changes nothing.");
        var contradictions = command.Numbers.Contradictions();
        return contradictions.Count > 0
            ? DomainError.Invalid(contradictions)
            : Decision.Of(new ForeignInvestedCompaniesRecounted(count.Id, command.Numbers, command.Reason));
    }

    public static RouteGroupBuilder MapRecountingCompanies(this RouteGroupBuilder group)
    {
        group.MapPost("foreign-invested-companies/{id:guid}/revisions", HandleAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("ReviseForeignInvestedCompanies")
            .WithSummary("Corrects a count of companies with foreign investment, with the reason");
        return group;
    }

    private static async Task<Results<Ok<CompanyCountDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, RecountCompaniesRequest request, WriteContext context, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        var numbers = CountingCompanies.CountingCompanies.Numbers(request.Total, request.JointVentures, request.ForeignOwned, v, totalRequired: true);
        var reason = v.Text(request.Reason, "reason", 2000);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new RecountCompanies(numbers!, reason!, context.Actor);
        var outcome = await session.Append<CompanyCount>(id, context, request, count => Decide(count, command), ct);
        return await outcome.RespondOk<CompanyCountDetails>(session, http, ct);
    }
}
