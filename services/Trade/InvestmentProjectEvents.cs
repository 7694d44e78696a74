using Cooperation.Vocabulary;

namespace Cooperation.Trade;

// Stored event type names (investment_project_registered, ...) are a contract: renaming a record needs a mapping.

/// <param name="Place">Where the project is: a region, or a city or district in it.</param>
/// <param name="AgreementId">The agreement the project stems from, as the Agreements service knows it.</param>
public sealed record InvestmentProjectRegistered(
    Guid ProjectId,
    string Name,
    Party Place,
    Party[] Partners,
    ProjectCost? Cost,
    string Status,
    Guid? AgreementId,
    string? Description,
    Source? Source);

public sealed record InvestmentProjectStatusChanged(Guid ProjectId, string Status, PartialDate? On, string? Reason);

public sealed record InvestmentProjectCostRevised(Guid ProjectId, ProjectCost Cost, string Reason);

/// <param name="Unit">thousand or million of the currency.</param>
public sealed record ProjectCost(decimal Amount, string Currency, string Unit);

public static class ProjectStatuses
{
    public const string Cancelled = "cancelled";
    public const string Operating = "operating";

    /// <summary>The road a project travels, in order; it may skip stages but not go back. Cancelling ends it anywhere.</summary>
    public static readonly IReadOnlyList<string> Road = ["proposed", "agreed", "under-construction", Operating];

    public static readonly IReadOnlySet<string> All = new HashSet<string>(Road) { Cancelled };

    public static bool IsFinal(string status) => status is Operating or Cancelled;
}
