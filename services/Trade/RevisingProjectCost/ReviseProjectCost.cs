using Cooperation.EventSourcing;
using Cooperation.ServiceDefaults;
using Cooperation.Trade.ProjectDetails;
using Cooperation.Trade.RegisteringProjects;
using Cooperation.Vocabulary;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cooperation.Trade.RevisingProjectCost;

public sealed record ReviseProjectCostRequest(decimal? Cost, string? Currency, string? CostUnit, string? Reason);

public sealed record ReviseProjectCost(ProjectCost Cost, string Reason, Actor Actor);

public static class RevisingProjectCost
{
    /// <summary>Records a new cost estimate; the earlier ones stay in the project's history.</summary>
    public static Decision Decide(InvestmentProject project, ReviseProjectCost command) =>
        !command.Actor.MayWrite([project.Place]) ? DomainError.Forbidden("This project is not in your territory.")
        : project.Status == ProjectStatuses.Cancelled ? DomainError.Conflict("The project is cancelled.")
        : project.Cost == command.Cost ? DomainError.Invalid("cost", "The project already has this cost.")
        : Decision.Of(new InvestmentProjectCostRevised(project.Id, command.Cost, command.Reason));

    public static RouteGroupBuilder MapRevisingProjectCost(this RouteGroupBuilder group)
    {
        group.MapPost("projects/{id:guid}/cost", HandleAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("ReviseInvestmentProjectCost")
            .WithSummary("Records a project's new cost estimate with the reason");
        return group;
    }

    private static async Task<Results<Ok<InvestmentProjectDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, ReviseProjectCostRequest request, WriteContext context, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        var cost = RegisteringProjects.RegisteringProjects.Cost(request.Cost, request.Currency, request.CostUnit, v, required: true);
        var reason = v.Text(request.Reason, "reason", 2000);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new ReviseProjectCost(cost!, reason!, context.Actor);
        var outcome = await session.Append<InvestmentProject>(id, context, request, project => Decide(project, command), ct);
        return await outcome.RespondOk<InvestmentProjectDetails>(session, http, ct);
    }
}
