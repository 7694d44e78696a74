using Cooperation.Vocabulary;

namespace Cooperation.Trade;

/// <summary>What decisions about an investment project need to know.</summary>
public sealed record InvestmentProject(Guid Id, Party Place, string Status, ProjectCost? Cost)
{
    public static InvestmentProject Create(InvestmentProjectRegistered e) => new(e.ProjectId, e.Place, e.Status, e.Cost);

    public InvestmentProject Apply(InvestmentProjectStatusChanged e) => this with { Status = e.Status };

    public InvestmentProject Apply(InvestmentProjectCostRevised e) => this with { Cost = e.Cost };
}
