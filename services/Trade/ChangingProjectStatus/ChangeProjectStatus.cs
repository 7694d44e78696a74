using Cooperation.EventSourcing;
using Cooperation.ServiceDefaults;
using Cooperation.Trade.ProjectDetails;
using Cooperation.Vocabulary;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cooperation.Trade.ChangingProjectStatus;

public sealed record ChangeProjectStatusRequest(string? Status, string? On, string? Reason);

public sealed record ChangeProjectStatus(string Status, PartialDate? On, string? Reason, Actor Actor, DateOnly Today);

public static class ChangingProjectStatus
{
    /// <summary>Moves a project along its road (proposed, agreed, under construction, operating), or cancels it, with the reason.</summary>
    public static Decision Decide(InvestmentProject project, ChangeProjectStatus command)
    {
        if (!command.Actor.MayWrite([project.Place])) return DomainError.Forbidden("This project is not in your territory.");
        if (ProjectStatuses.IsFinal(project.Status)) return DomainError.Conflict($"The project is {project.Status}; its status no longer changes.");
        if (command.Status == project.Status) return DomainError.Conflict($"The project is already {project.Status}.");
        if (command.Status != ProjectStatuses.Cancelled &&
            ProjectStatuses.Road.ToList().IndexOf(command.Status) < ProjectStatuses.Road.ToList().IndexOf(project.Status))
            return DomainError.Invalid("status", $"A project does not go back from {project.Status} to {command.Status}; cancel it and register a new one.");
        if (command.Status == ProjectStatuses.Cancelled && command.Reason is null)
            return DomainError.Invalid("reason", "A cancellation needs its reason.");
        if (command.On is { } on && on.Start > command.Today)
            return DomainError.Invalid("on", "A status change cannot be dated in the future.");
        return Decision.Of(new InvestmentProjectStatusChanged(project.Id, command.Status, command.On, command.Reason));
    }

    public static RouteGroupBuilder MapChangingProjectStatus(this RouteGroupBuilder group)
    {
        group.MapPost("projects/{id:guid}/status", HandleAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("ChangeInvestmentProjectStatus")
            .WithSummary("Moves a project to its next status (agreed, under-construction, operating) or cancels it");
        return group;
    }

    private static async Task<Results<Ok<InvestmentProjectDetails>, ProblemHttpResult>> HandleAsync(
        Guid id, ChangeProjectStatusRequest request, WriteContext context, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        var status = v.OneOf(request.Status, "status", ProjectStatuses.All);
        var on = v.Date(request.On, "on", required: false);
        var reason = v.Text(request.Reason, "reason", 2000, required: false);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new ChangeProjectStatus(status!, on, reason, context.Actor, context.Today);
        var outcome = await session.Append<InvestmentProject>(id, context, request, project => Decide(project, command), ct);
        return await outcome.RespondOk<InvestmentProjectDetails>(session, http, ct);
    }
}
