using Cooperation.Vocabulary;
using Cooperation.Delegations.Details;
using Cooperation.Delegations.Input;
using Cooperation.Delegations.Occasions.Details;
using Cooperation.KnownAgreements;

namespace Cooperation.Delegations.Planning;

public sealed record HeadInput(string? Name, string? Position);

public sealed record MemberInput(string? Name, string? Position);

public sealed record PlanVisitRequest(
    [property: OneOf(typeof(VisitVocabulary), nameof(VisitVocabulary.Directions))] string? Direction,
    PartyInput? Host,
    PartyInput?[]? Guests,
    HeadInput? Head,
    [property: PartialDateText] string? PlannedFrom,
    [property: PartialDateText] string? PlannedTo,
    string? Purpose,
    string? Occasion,
    int? Size,
    string?[]? Companies,
    int? CompanyCount,
    SourceInput? Source = null,
    string? Note = null,
    PlanItemInput? PlanItem = null, IReadOnlyDictionary<string, string?>? Qualifiers = null,
    PartyInput? Venue = null,
    MemberInput?[]? Members = null,
    Guid? HeldUnder = null,
    Guid? OccasionId = null);

/// <param name="HeldUnderParties">The parties of the agreement the visit is held under, as this service knows them.</param>
/// <param name="PlanAgreementParties">The parties of the plan the visit carries out an item of, as this service knows them.</param>
public sealed record PlanVisit(Guid Id, string Direction, Party Host, Party[] Guests, Head? Head, PartialDate PlannedFrom, PartialDate? PlannedTo,
    string? Purpose, string? Occasion, int? Size, string[] Companies, int? CompanyCount, Actor Actor, Source? Source = null, string? Note = null,
    PlanItemLink? PlanItem = null, Party[]? PlanAgreementParties = null, IReadOnlyDictionary<string, string>? Qualifiers = null,
    Party? Venue = null, Member[]? Members = null, Guid? HeldUnder = null, Party[]? HeldUnderParties = null, Guid? OccasionId = null);

public static class Planning
{
    private static readonly IReadOnlySet<string> QualifiedNumbers = new HashSet<string> { "size", "companyCount" };

    public static Decision Decide(PlanVisit command)
    {
        if (!command.Actor.MayWrite([command.Host])) return DomainError.Forbidden("You may plan only visits hosted in your own territory.");
        if (Visit.CheckDates(command.PlannedFrom, command.PlannedTo) is { } invalid) return invalid;
        if (command.Guests.Any(g => g.Code is not null && g.Code == command.Host.Code)) return DomainError.Invalid("guests", "The host cannot be its own guest.");
        if (command.Venue is { } venue && new[] { command.Host }.Concat(command.Guests).Any(p => p.Code is not null ? p.Code == venue.Code : p.Name == venue.Name))
            return DomainError.Invalid("venue", "The venue is where the visit is held when that is neither the host nor a guest; leave it out otherwise.");
        // The visit will complete the item: the plan must be one the actor may link, as for a document signed during a visit.
        if (command.PlanItem is not null && !command.Actor.MayLink(command.PlanAgreementParties ?? []))
            return DomainError.Forbidden("You may link only agreements with a party in your own territory.");
        // Held under an agreement: one of the actor's own, as for a plan item.
        if (command.HeldUnder is not null && !command.Actor.MayLink(command.HeldUnderParties ?? []))
            return DomainError.Forbidden("A visit may be held only under an agreement with a party in your own territory.");
        return Decision.Of(new VisitPlanned(command.Id, command.Direction, command.Host, command.Guests, command.Head, command.PlannedFrom,
            command.PlannedTo, command.Purpose, command.Occasion, command.Size, command.Companies, command.CompanyCount,
            command.Source, command.Note, command.PlanItem, command.Qualifiers, command.Venue, command.Members is { Length: > 0 } ? command.Members : null,
            command.HeldUnder, command.OccasionId));
    }

    public static RouteGroupBuilder MapPlanning(this RouteGroupBuilder group) =>
        group.MapWrite("", HandleAsync, "PlanVisit",
            "Plans an incoming or outgoing visit; the dates may be partial (2019, 2019-10, 2019-10-14); planItem names the item of a plan it carries out, "
            + "heldUnder the agreement it is held under, venue where it is held when neither the host nor a guest, members who go beside the head, "
            + "occasionId the occasion (a fair, a forum) it is made to");

    private static async Task<Results<Created<VisitDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        PlanVisitRequest request, Validation v, Write write)
    {
        var direction = v.OneOf(request.Direction, "direction", VisitVocabulary.Directions);
        var host = v.Party(request.Host, "host");
        var guests = v.Parties(request.Guests, "guests", minimum: 1);
        var head = request.Head is null ? null : new Head(v.Text(request.Head.Name, "head.name", 200, required: false), v.Text(request.Head.Position, "head.position", 300, required: false));
        v.Require(request.Head is null || head is { Name: not null } or { Position: not null }, "head", "head needs a name or a position.");
        var plannedFrom = v.Date(request.PlannedFrom, "plannedFrom");
        var plannedTo = v.Date(request.PlannedTo, "plannedTo", required: false);
        var purpose = v.Text(request.Purpose, "purpose", 1000, required: false);
        var occasion = v.Text(request.Occasion, "occasion", 500, required: false);
        v.Require(request.Size is null or (>= 1 and <= 10_000), "size", "size must be between 1 and 10000 people.");
        var companies = Companies(request.Companies, v);
        v.Require(request.CompanyCount is null or (>= 1 and <= 10_000), "companyCount", "companyCount must be between 1 and 10000.");
        v.Require(request.CompanyCount is null || request.CompanyCount >= companies.Length, "companyCount", "companyCount cannot be less than the companies named.");
        // "more than 100 people": the size (or the count of companies) as the source states it.
        var qualifiers = v.Qualifiers(request.Qualifiers, QualifiedNumbers, n => (n == "size" ? request.Size : request.CompanyCount) is not null);
        var venue = request.Venue is null ? null : v.Party(request.Venue, "venue");
        var members = Members(request.Members, v);
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        var heldUnder = await v.KnownAgreementAsync(write.Session, request.HeldUnder, "heldUnder", write.RequestAborted);
        var plan = await v.KnownPlanItemAsync(write.Session, request.PlanItem?.AgreementId, request.PlanItem?.ItemId, request.PlanItem is not null,
            "planItem", write.RequestAborted);
        v.Require(request.OccasionId is null || await write.Session.LoadAsync<OccasionDetails>(request.OccasionId.Value, write.RequestAborted) is not null,
            "occasionId", "No occasion is registered under this id: register it at /api/delegations/occasions first.");
        var id = Guid.CreateVersion7();
        return await write.Start<Visit, VisitDetails>(id, request, v, () => Decide(new PlanVisit(id, direction!, host!, guests, head, plannedFrom!.Value,
            plannedTo, purpose, occasion, Size: request.Size, companies, CompanyCount: request.CompanyCount, write.Actor, source, note,
            PlanItem: plan is null ? null : request.PlanItem!.Link(), PlanAgreementParties: plan?.Parties, qualifiers,
            venue, members, request.HeldUnder, heldUnder?.Parties, request.OccasionId)));
    }

    private static Member[] Members(MemberInput?[]? members, Validation v)
    {
        if (!v.Items(members, "members")) return [];
        return (members ?? []).Select((m, i) =>
        {
            var name = v.Text(m?.Name, $"members[{i}].name", 200, required: false);
            var position = v.Text(m?.Position, $"members[{i}].position", 300, required: false);
            v.Require(name is not null || position is not null, $"members[{i}]", $"members[{i}] needs a name or a position.");
            return new Member(name, position);
        }).ToArray();
    }

    private static string[] Companies(string?[]? companies, Validation v) =>
        (v.Items(companies, "companies") ? companies ?? [] : []).Select((c, i) => v.Text(c, $"companies[{i}]", 300) ?? "").Distinct().ToArray();
}
