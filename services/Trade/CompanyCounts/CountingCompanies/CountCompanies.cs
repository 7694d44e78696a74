using Cooperation.Trade.CompanyCounts.Details;
using Cooperation.Trade.Input;

namespace Cooperation.Trade.CompanyCounts.CountingCompanies;

/// <param name="Region">The place counted: a region, or a city or district in it.</param>
/// <param name="Partner">The investors' country; leave out for foreign investment of any origin.</param>
public sealed record CountCompaniesRequest(
    string? Region,
    PartyInput? Partner,
    string? AsOf,
    int? Total,
    int? JointVentures,
    int? ForeignOwned,
    SourceInput? Source,
    string? Note,
    IReadOnlyDictionary<string, string?>? Qualifiers = null);

public sealed record CountCompanies(
    Guid Id,
    Party Place,
    Party? Investor,
    PartialDate AsOf,
    CompanyNumbers Numbers,
    Source? Source,
    string? Note,
    bool AlreadyCounted,
    Actor Actor,
    DateOnly Today);

public static class CountingCompanies
{
    /// <summary>Records a count of companies with foreign investment: one per place, investor country and day; later numbers for it are revisions.</summary>
    public static Decision Decide(CountCompanies command)
    {
        if (!command.Actor.MayWrite([command.Place])) return DomainError.Forbidden("You may count only companies in your own territory.");
        if (command.AlreadyCounted)
            return DomainError.Conflict($"A count for {command.Place.Name} as of {command.AsOf} is already recorded as {command.Id}; revise it instead.");
        if (command.AsOf.Start > command.Today) return DomainError.Invalid("asOf", "A count cannot be as of a future day.");
        if (command.Numbers.Contradictions() is { Count: > 0 } contradictions) return DomainError.Invalid(contradictions);
        return Decision.Of(new ForeignInvestedCompaniesCounted(command.Id, command.Place, command.Investor, command.AsOf, command.Numbers,
            command.Source, command.Note));
    }

    /// <summary>The count's id follows from what it counts, so the same count recorded twice meets itself.</summary>
    public static Guid IdOf(Party place, Party? investor, PartialDate asOf) =>
        NamedIds.From($"company-count|{place.Code}|{investor?.Code}|{asOf}");

    public static RouteGroupBuilder MapCountingCompanies(this RouteGroupBuilder group) =>
        group.MapWrite("foreign-invested-companies", HandleAsync, "CountForeignInvestedCompanies",
            "Records how many companies with foreign investment a region has on a day, joint ventures and foreign-owned");

    private static async Task<Results<Created<CompanyCountDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        CountCompaniesRequest request, Validation v, Write write)
    {
        var place = v.Place(request.Region, "region");
        var investor = request.Partner is null ? null : v.Party(request.Partner, "partner");
        v.Require(investor is null || investor.Level == PartyLevels.Country, "partner", "partner is the investors' country.");
        var asOf = v.Date(request.AsOf, "asOf");
        var numbers = v.CompanyNumbers(request.Total, request.JointVentures, request.ForeignOwned, request.Qualifiers);
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        // The id follows from what the request names, so it is looked up only once the request is known to be valid.
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var id = IdOf(place!, investor, asOf!.Value);
        var counted = await write.Session.LoadAsync<CompanyCountDetails>(id, write.RequestAborted) is not null;
        var command = new CountCompanies(id, place!, investor, asOf.Value, numbers!, source, note, counted, write.Actor, write.Today);
        return await write.Start<CompanyCount, CompanyCountDetails>(id, request, v, () => Decide(command));
    }
}
