using Cooperation.Contracts;
using Cooperation.Contracts.Trade;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>One investment project as the dashboard counts it; its region is the place's, its partners the investors.</summary>
/// <param name="Status">proposed, agreed, under-construction, operating or cancelled, as last changed.</param>
public sealed record ProjectRow(
    Guid Id,
    string? Name,
    string? Region,
    Partner[] Partners,
    string? Status,
    decimal? Cost,
    string? Currency,
    string? CostUnit,
    string? CostQualifier,
    Guid? AgreementId,
    DateTimeOffset UpdatedAt,
    SourceRef? Source = null) : IDashboardRow
{
    public static ProjectRow Empty(Guid id) => new(id, null, null, [], null, null, null, null, null, null, DateTimeOffset.MinValue);

    public bool Matches(string? region, string? partner) => Sides.Match(Region, Partners, region, partner);
}

/// <summary>The investment projects' rows over the dashboard's log.</summary>
public sealed partial class ProjectRowProjection() : RowProjection<ProjectRow>(version: 3)
{
    protected override (Guid Row, Func<ProjectRow, ProjectRow> Apply)? Change(IIntegrationEvent contract) => contract switch
    {
        InvestmentProjectRegistered e => (e.ProjectId, row => Registered(row, e)),
        InvestmentProjectStatusChanged e => (e.ProjectId, row => row with { Status = e.Status }),
        InvestmentProjectCostRevised e => (e.ProjectId, row => row with { Cost = e.Cost, Currency = e.Currency, CostUnit = e.CostUnit, CostQualifier = e.CostQualifier }),
        _ => null,
    };

    protected override ProjectRow Empty(Guid id) => ProjectRow.Empty(id);

    protected override ProjectRow Touched(ProjectRow row, DateTimeOffset at) => at > row.UpdatedAt ? row with { UpdatedAt = at } : row;

    private static ProjectRow Registered(ProjectRow row, InvestmentProjectRegistered e)
    {
        var region = Sides.RegionOf(e.Place);
        return row with
        {
            Name = e.Name, Region = region,
            Partners = Sides.PartnersBeside(region, e.Partners),
            // A status change or a cost revision that overtook the registration keeps its own.
            Status = row.Status ?? e.Status, Cost = row.Cost ?? e.Cost, Currency = row.Currency ?? e.Currency, CostUnit = row.CostUnit ?? e.CostUnit,
            CostQualifier = row.Cost is null ? e.CostQualifier : row.CostQualifier, AgreementId = e.AgreementId, Source = e.Source,
        };
    }
}
