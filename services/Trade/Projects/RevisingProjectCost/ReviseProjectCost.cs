using Cooperation.Vocabulary;
using Cooperation.Trade.Input;
using Cooperation.Trade.Projects.Details;

namespace Cooperation.Trade.Projects.RevisingProjectCost;

public sealed record ReviseProjectCostRequest(decimal? Cost, [property: OneOf(typeof(Currencies), nameof(Currencies.Iso4217))] string? Currency,
    [property: OneOf(typeof(TradeVocabulary), nameof(TradeVocabulary.Units))] string? CostUnit, string? Reason, SourceInput? Source = null,
    IReadOnlyDictionary<string, string?>? Qualifiers = null);

public sealed record ReviseProjectCost(ProjectCost Cost, string Reason, Actor Actor, Source? Source = null);

public static class RevisingProjectCost
{
    /// <summary>Records a new cost estimate; the earlier ones stay in the project's history.</summary>
    public static Decision Decide(InvestmentProject project, ReviseProjectCost command)
    {
        if (project.Guard(command.Actor) is { } denied) return denied;
        if (project.Status == ProjectStatus.Cancelled) return DomainError.Conflict("The project is cancelled.");
        if (project.Cost == command.Cost) return DomainError.Invalid("cost", "The project already has this cost.");
        return Decision.Of(new InvestmentProjectCostRevised(project.Id, command.Cost, command.Reason, command.Source));
    }

    public static RouteGroupBuilder MapRevisingProjectCost(this RouteGroupBuilder group) =>
        group.MapWrite("projects/{id:guid}/cost", HandleAsync, "ReviseInvestmentProjectCost",
            "Records a project's new cost estimate with the reason");

    private static Task<Results<Ok<InvestmentProjectDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, ReviseProjectCostRequest request, Validation v, Write write)
    {
        var cost = v.Cost(request.Cost, request.Currency, request.CostUnit, request.Qualifiers, required: true);
        var reason = v.Text(request.Reason, "reason", 2000);
        var source = v.Source(request.Source);
        return write.Append<InvestmentProject, InvestmentProjectDetails>(id, request, v,
            project => Decide(project, new ReviseProjectCost(cost!, reason!, write.Actor, source)));
    }
}
