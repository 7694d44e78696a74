using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cooperation.Trade.Projects.Details;

/// <summary>An investment project as clients see it, with the road it has travelled and every cost estimate it had.</summary>
/// <param name="Region">The first-level region the project lies in.</param>
public sealed record InvestmentProjectDetails(
    Guid Id,
    string Name,
    Party Place,
    string? Region,
    Party[] Partners,
    ProjectCost? Cost,
    ProjectStatus Status,
    Guid? AgreementId,
    string? Description,
    Source? Source,
    string? Note,
    StatusStep[] StatusHistory,
    CostEstimate[] CostHistory,
    long Version,
    string RegisteredBy,
    DateTimeOffset UpdatedAt,
    string[] PartnerCodes,
    string[] PartnerCountries,
    string SearchText) : IView<InvestmentProjectDetails>
{
    public InvestmentProjectDetails On(DateOnly day) => this;
}

public sealed record StatusStep(ProjectStatus Status, PartialDate? On, string? Reason, DateTimeOffset RecordedAt);

public sealed record CostEstimate(ProjectCost Cost, string? Reason, DateTimeOffset RecordedAt);

public sealed partial class InvestmentProjectDetailsProjection : SingleStreamProjection<InvestmentProjectDetails, Guid>
{
    public static InvestmentProjectDetails Create(IEvent<InvestmentProjectRegistered> e)
    {
        var d = e.Data;
        return new InvestmentProjectDetails(d.ProjectId, d.Name, d.Place, d.Place.Region ?? d.Place.Code, d.Partners, d.Cost, d.Status, d.AgreementId,
            d.Description, d.Source, d.Note, [new StatusStep(d.Status, null, null, e.Timestamp)],
            d.Cost is null ? [] : [new CostEstimate(d.Cost, null, e.Timestamp)],
            e.Version, e.UserName ?? "", e.Timestamp,
            d.Partners.Select(p => p.Code).OfType<string>().Distinct().ToArray(),
            d.Partners.Select(p => p.Country).OfType<string>().Distinct().ToArray(),
            string.Join(" ", d.Partners.Select(p => p.Name).Prepend(d.Place.Name).Prepend(d.Name)).ToLowerInvariant());
    }

    public static InvestmentProjectDetails Apply(IEvent<InvestmentProjectStatusChanged> e, InvestmentProjectDetails view) =>
        view with
        {
            Status = e.Data.Status,
            StatusHistory = [.. view.StatusHistory, new StatusStep(e.Data.Status, e.Data.On, e.Data.Reason, e.Timestamp)],
            Version = e.Version,
            UpdatedAt = e.Timestamp,
        };

    public static InvestmentProjectDetails Apply(IEvent<InvestmentProjectCostRevised> e, InvestmentProjectDetails view) =>
        view with
        {
            Cost = e.Data.Cost,
            CostHistory = [.. view.CostHistory, new CostEstimate(e.Data.Cost, e.Data.Reason, e.Timestamp)],
            Version = e.Version,
            UpdatedAt = e.Timestamp,
        };
}
