using Cooperation.EventSourcing;
using Cooperation.KnownAgreements;
using Cooperation.ServiceDefaults;
using Cooperation.Trade.Filing;
using Cooperation.Trade.ProjectDetails;
using Cooperation.Vocabulary;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cooperation.Trade.RegisteringProjects;

/// <param name="Region">Where the project is: a region, or a city or district in it (code or any known name).</param>
/// <param name="CostUnit">thousand or million; million when not given.</param>
public sealed record RegisterProjectRequest(
    string? Name,
    string? Region,
    PartyInput?[]? Partners,
    decimal? Cost,
    string? Currency,
    string? CostUnit,
    string? Status,
    Guid? AgreementId,
    string? Description,
    SourceInput? Source);

public sealed record RegisterProject(
    Guid Id,
    string Name,
    Party Place,
    Party[] Partners,
    ProjectCost? Cost,
    string Status,
    Guid? AgreementId,
    string? Description,
    Source? Source,
    Actor Actor);

public static class RegisteringProjects
{
    public static Decision Decide(RegisterProject command) =>
        !command.Actor.MayWrite([command.Place])
            ? DomainError.Forbidden("You may register only projects in your own territory.")
            : Decision.Of(new InvestmentProjectRegistered(command.Id, command.Name, command.Place, command.Partners, command.Cost, command.Status,
                command.AgreementId, command.Description, command.Source));

    public static RouteGroupBuilder MapRegisteringProjects(this RouteGroupBuilder group)
    {
        group.MapPost("projects", HandleAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("RegisterInvestmentProject")
            .WithSummary("Registers an investment project: where, with whom, its cost, its status and the agreement it stems from");
        return group;
    }

    private static async Task<Results<Created<InvestmentProjectDetails>, ProblemHttpResult>> HandleAsync(
        RegisterProjectRequest request, WriteContext context, IDocumentSession session, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        var name = v.Text(request.Name, "name", 500);
        var place = PlaceOf(request.Region, "region", v);
        var partners = v.Parties(request.Partners, "partners", minimum: 1);
        var status = v.OneOf(request.Status ?? "proposed", "status", ProjectStatuses.All);
        var cost = Cost(request.Cost, request.Currency, request.CostUnit, v);
        var description = v.Text(request.Description, "description", 4000, required: false);
        var source = Filing.Filing.ReadSource(request.Source, v);
        await v.KnownAgreementAsync(session, request.AgreementId, "agreementId", ct);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var command = new RegisterProject(Guid.CreateVersion7(), name!, place!, partners, cost, status!, request.AgreementId, description, source, context.Actor);
        var outcome = await session.Start<InvestmentProject>(command.Id, context, request, () => Decide(command), ct);
        return await outcome.RespondCreated<InvestmentProjectDetails>(session, http, ct);
    }

    /// <summary>A place where something is: a country, a region, or a city or district, by code or any known name.</summary>
    internal static Party? PlaceOf(string? text, string field, Validation v)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, $"{field} is required: a region code such as BY-MI, or a city or district in it.");
            return null;
        }
        var party = v.Party(new PartyInput(Gazetteer.Default.Find(text) is null ? null : text, text, null, null, null), field);
        v.Require(party is null || party.Level != PartyLevels.Organisation, field, $"{field} must be a place.");
        return party;
    }

    internal static ProjectCost? Cost(decimal? amount, string? currency, string? unit, Validation v, bool required = false)
    {
        if (amount is null)
        {
            if (required) v.Add("cost", "cost is required.");
            v.Require(currency is null && unit is null, "cost", "currency and costUnit come with a cost.");
            return null;
        }
        v.Require(amount is >= 0 and <= 1_000_000_000_000_000m, "cost", "cost cannot be negative.");
        v.Require(currency is not null, "currency", "currency is required with a cost (an ISO 4217 code such as USD).");
        Filing.Filing.Currency(currency, v);
        var costUnit = v.OneOf(unit ?? "million", "costUnit", TradeVocabulary.Units.Keys.ToHashSet());
        return currency is null || costUnit is null ? null : new ProjectCost(amount.Value, currency, costUnit);
    }
}
