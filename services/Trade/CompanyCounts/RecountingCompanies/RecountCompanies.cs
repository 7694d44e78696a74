using Cooperation.Trade.CompanyCounts.Details;
using Cooperation.Trade.Input;

namespace Cooperation.Trade.CompanyCounts.RecountingCompanies;

public sealed record RecountCompaniesRequest(int? Total, int? JointVentures, int? ForeignOwned, string? Reason, SourceInput? Source = null,
    IReadOnlyDictionary<string, string?>? Qualifiers = null);

public sealed record RecountCompanies(CompanyNumbers Numbers, string Reason, Actor Actor, Source? Source = null);

public static class RecountingCompanies
{
    /// <summary>Corrects a count; the numbers it replaces stay in the history.</summary>
    public static Decision Decide(CompanyCount count, RecountCompanies command)
    {
        if (count.Guard(command.Actor) is { } denied) return denied;
        if (command.Numbers == count.Numbers) return DomainError.Invalid("total", "The revision changes nothing.");
        if (command.Numbers.Contradictions() is { Count: > 0 } contradictions) return DomainError.Invalid(contradictions);
        return Decision.Of(new ForeignInvestedCompaniesRecounted(count.Id, command.Numbers, command.Reason, command.Source));
    }

    public static RouteGroupBuilder MapRecountingCompanies(this RouteGroupBuilder group) =>
        group.MapWrite("foreign-invested-companies/{id:guid}/revisions", HandleAsync, "ReviseForeignInvestedCompanies",
            "Corrects a count of companies with foreign investment, with the reason");

    private static Task<Results<Ok<CompanyCountDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, RecountCompaniesRequest request, Validation v, Write write)
    {
        var numbers = v.CompanyNumbers(request.Total, request.JointVentures, request.ForeignOwned, request.Qualifiers);
        var reason = v.Text(request.Reason, "reason", 2000);
        var source = v.Source(request.Source);
        return write.Append<CompanyCount, CompanyCountDetails>(id, request, v,
            count => Decide(count, new RecountCompanies(numbers!, reason!, write.Actor, source)));
    }
}
