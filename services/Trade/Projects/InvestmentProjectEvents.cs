using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cooperation.Trade.Projects;

// Stored event type names (investment_project_registered, ...) are a contract: renaming a record needs a mapping.

/// <param name="Place">Where the project is: a region, or a city or district in it.</param>
/// <param name="AgreementId">The agreement the project stems from, as the Agreements service knows it.</param>
public sealed record InvestmentProjectRegistered(
    Guid ProjectId,
    string Name,
    Party Place,
    Party[] Partners,
    ProjectCost? Cost,
    ProjectStatus Status,
    Guid? AgreementId,
    string? Description,
    Source? Source,
    string? Note = null);

public sealed record InvestmentProjectStatusChanged(Guid ProjectId, ProjectStatus Status, PartialDate? On, string? Reason);

public sealed record InvestmentProjectCostRevised(Guid ProjectId, ProjectCost Cost, string Reason, Source? Source = null);

/// <param name="Unit">thousand or million of the currency.</param>
/// <param name="Qualifier">about, at-least or at-most when the source states the cost roughly; null when exact.</param>
public sealed record ProjectCost(decimal Amount, string Currency, string Unit, string? Qualifier = null);

/// <summary>
/// The road a project travels, declared in its order: it may skip stages but not go back. Cancelling ends it anywhere.
/// The names are what the events store and clients send and see.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProjectStatus>))]
public enum ProjectStatus
{
    [JsonStringEnumMemberName("proposed")] Proposed,
    [JsonStringEnumMemberName("agreed")] Agreed,
    [JsonStringEnumMemberName("under-construction")] UnderConstruction,
    [JsonStringEnumMemberName("operating")] Operating,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

public static class ProjectStatuses
{
    public static readonly IReadOnlyDictionary<string, ProjectStatus> ByName = Enum.GetValues<ProjectStatus>().ToDictionary(s => s.Name());

    public static readonly IReadOnlySet<string> Names = ByName.Keys.ToHashSet();

    /// <summary>The status as JSON writes it: under-construction.</summary>
    public static string Name(this ProjectStatus status) => JsonSerializer.Serialize(status).Trim('"');

    public static bool IsFinal(this ProjectStatus status) => status is ProjectStatus.Operating or ProjectStatus.Cancelled;
}
