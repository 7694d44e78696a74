using Cooperation.Vocabulary;
using Cooperation.KnownAgreements;
using Cooperation.Trade.Input;
using Cooperation.Trade.Projects.Details;

namespace Cooperation.Trade.Projects.RegisteringProjects;

/// <param name="Region">Where the project is: a region, or a city or district in it (code or any known name).</param>
/// <param name="CostUnit">thousand or million; million when not given.</param>
/// <param name="Qualifiers"><c>{"cost": "about"}</c> (or at-least, at-most) when the source states the cost roughly.</param>
public sealed record RegisterProjectRequest(
    string? Name,
    string? Region,
    PartyInput?[]? Partners,
    decimal? Cost,
    [property: OneOf(typeof(Currencies), nameof(Currencies.Iso4217))] string? Currency,
    [property: OneOf(typeof(TradeVocabulary), nameof(TradeVocabulary.Units))] string? CostUnit,
    [property: OneOf(typeof(ProjectStatus))] string? Status,
    Guid? AgreementId,
    string? Description,
    SourceInput? Source,
    string? Note = null,
    IReadOnlyDictionary<string, string?>? Qualifiers = null);

public sealed record RegisterProject(
    Guid Id,
    string Name,
    Party Place,
    Party[] Partners,
    ProjectCost? Cost,
    ProjectStatus Status,
    Guid? AgreementId,
    string? Description,
    Source? Source,
    Actor Actor,
    string? Note = null);

public static class RegisteringProjects
{
    public static Decision Decide(RegisterProject command)
    {
        if (!command.Actor.MayWrite([command.Place])) return DomainError.Forbidden("You may register only projects in your own territory.");
        return Decision.Of(new InvestmentProjectRegistered(command.Id, command.Name, command.Place, command.Partners, command.Cost, command.Status,
            command.AgreementId, command.Description, command.Source, command.Note));
    }

    public static RouteGroupBuilder MapRegisteringProjects(this RouteGroupBuilder group) =>
        group.MapWrite("projects", HandleAsync, "RegisterInvestmentProject",
            "Registers an investment project: where, with whom, its cost, its status and the agreement it stems from");

    private static async Task<Results<Created<InvestmentProjectDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        RegisterProjectRequest request, Validation v, Write write)
    {
        var name = v.Text(request.Name, "name", 500);
        var place = v.Place(request.Region, "region");
        var partners = v.Parties(request.Partners, "partners", minimum: 1);
        var status = request.Status is null ? ProjectStatus.Proposed : v.ProjectStatus(request.Status, "status");
        var cost = v.Cost(request.Cost, request.Currency, request.CostUnit, request.Qualifiers);
        var description = v.Text(request.Description, "description", 4000, required: false);
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        await v.KnownAgreementAsync(write.Session, request.AgreementId, "agreementId", write.RequestAborted);
        var id = Guid.CreateVersion7();
        return await write.Start<InvestmentProject, InvestmentProjectDetails>(id, request, v,
            () => Decide(new RegisterProject(id, name!, place!, partners, cost, status!.Value, request.AgreementId, description, source, write.Actor, note)));
    }
}
