using Cooperation.Vocabulary;
using Cooperation.Trade.Input;
using Cooperation.Trade.Projects.Details;

namespace Cooperation.Trade.Projects.ChangingProjectStatus;

public sealed record ChangeProjectStatusRequest([property: OneOf(typeof(ProjectStatus))] string? Status, [property: PartialDateText] string? On, string? Reason);

public sealed record ChangeProjectStatus(ProjectStatus Status, PartialDate? On, string? Reason, Actor Actor, DateOnly Today);

public static class ChangingProjectStatus
{
    /// <summary>Moves a project along its road (proposed, agreed, under construction, operating), or cancels it, with the reason.</summary>
    public static Decision Decide(InvestmentProject project, ChangeProjectStatus command)
    {
        if (project.Guard(command.Actor) is { } denied) return denied;
        if (project.Status.IsFinal()) return DomainError.Conflict($"The project is {project.Status.Name()}; its status no longer changes.");
        if (command.Status == project.Status) return DomainError.Conflict($"The project is already {project.Status.Name()}.");
        // The statuses are declared in the road's order.
        if (command.Status != ProjectStatus.Cancelled && command.Status < project.Status)
            return DomainError.Invalid("status", $"A project does not go back from {project.Status.Name()} to {command.Status.Name()}; cancel it and register a new one.");
        if (command.Status == ProjectStatus.Cancelled && command.Reason is null) return DomainError.Invalid("reason", "A cancellation needs its reason.");
        if (command.On is { } on && on.Start > command.Today) return DomainError.Invalid("on", "A status change cannot be dated in the future.");
        return Decision.Of(new InvestmentProjectStatusChanged(project.Id, command.Status, command.On, command.Reason));
    }

    public static RouteGroupBuilder MapChangingProjectStatus(this RouteGroupBuilder group) =>
        group.MapWrite("projects/{id:guid}/status", HandleAsync, "ChangeInvestmentProjectStatus",
            "Moves a project to its next status (agreed, under-construction, operating) or cancels it");

    private static Task<Results<Ok<InvestmentProjectDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, ChangeProjectStatusRequest request, Validation v, Write write)
    {
        var status = v.ProjectStatus(request.Status, "status");
        var on = v.Date(request.On, "on", required: false);
        var reason = v.Text(request.Reason, "reason", 2000, required: false);
        return write.Append<InvestmentProject, InvestmentProjectDetails>(id, request, v,
            project => Decide(project, new ChangeProjectStatus(status!.Value, on, reason, write.Actor, write.Today)));
    }
}
