namespace Cooperation.Trade.Projects;

/// <summary>What decisions about an investment project need to know.</summary>
public sealed record InvestmentProject(Guid Id, Party Place, ProjectStatus Status, ProjectCost? Cost)
{
    public static InvestmentProject Create(InvestmentProjectRegistered e) => new(e.ProjectId, e.Place, e.Status, e.Cost);

    public InvestmentProject Apply(InvestmentProjectStatusChanged e) => this with { Status = e.Status };

    public InvestmentProject Apply(InvestmentProjectCostRevised e) => this with { Cost = e.Cost };

    /// <summary>Committees change the projects in their territory; the ministry national ones; admins any.</summary>
    public DomainError? Guard(Actor actor) =>
        actor.MayWrite([Place]) ? null : DomainError.Forbidden("This project is not in your territory.");
}
