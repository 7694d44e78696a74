using Cooperation.Vocabulary;
using Cooperation.Delegations.VisitCounts.Details;

namespace Cooperation.Delegations.VisitCounts.Counting;

public sealed record VisitCountPeriodInput([property: PartialDateText] string? From, [property: PartialDateText] string? To);

/// <param name="Host">The place that received the visits (incoming) or made them (outgoing): in the committee's territory.</param>
/// <param name="Partner">The other side: a country, a region, a city or an organisation.</param>
public sealed record CountVisitsRequest(
    [property: OneOf(typeof(VisitVocabulary), nameof(VisitVocabulary.Directions))] string? Direction,
    PartyInput? Host,
    PartyInput? Partner,
    VisitCountPeriodInput? Period,
    int? Count,
    IReadOnlyDictionary<string, string?>? Qualifiers = null,
    SourceInput? Source = null,
    string? Note = null);

public sealed record CountVisits(Guid Id, string Direction, Party Host, Party Partner, PartialDate From, PartialDate To, VisitNumber Number,
    Source? Source, string? Note, bool AlreadyCounted, Actor Actor, DateOnly Today);

public static class CountingVisits
{
    /// <summary>Records how many visits a host received from a partner, or made to it, over a period; one per host, partner, direction and period, later numbers for it are revisions.</summary>
    public static Decision Decide(CountVisits command)
    {
        if (!command.Actor.MayWrite([command.Host])) return DomainError.Forbidden("You may count only visits your own territory hosts.");
        if (command.AlreadyCounted)
            return DomainError.Conflict($"The {command.Direction} visits of {command.Host.Name} with {command.Partner.Name} from {command.From} to {command.To} are already counted as {command.Id}; revise the count instead.");
        if (Visit.CheckDates(command.From, command.To, "period.to") is not null) return DomainError.Invalid("period.to", "period.to cannot come before period.from.");
        if (command.From.Start > command.Today) return DomainError.Invalid("period.from", "Visits cannot be counted for a period that has not begun.");
        return Decision.Of(new VisitsCounted(command.Id, command.Direction, command.Host, command.Partner, command.From, command.To, command.Number,
            command.Source, command.Note));
    }

    /// <summary>The count's id follows from what it counts, so the same count recorded twice meets itself.</summary>
    public static Guid IdOf(string direction, Party host, Party partner, PartialDate from, PartialDate to) =>
        NamedIds.From($"visit-count|{direction}|{host.Code ?? host.Name}|{partner.Code ?? $"{partner.Country}:{partner.Name}"}|{from}|{to}");

    public static RouteGroupBuilder MapCountingVisits(this RouteGroupBuilder group) =>
        group.MapWrite("", HandleAsync, "CountVisits",
            "Records how many visits a host received from a partner (incoming) or made to it (outgoing) over a period, when the source gives only the number");

    private static async Task<Results<Created<VisitCountDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        CountVisitsRequest request, Validation v, Write write)
    {
        var direction = v.OneOf(request.Direction, "direction", VisitVocabulary.Directions);
        var host = v.Party(request.Host, "host");
        var partner = v.Party(request.Partner, "partner");
        v.Require(request.Period is not null, "period", "period is required: {from, to}, each a year, a month or a day.");
        var from = request.Period is null ? null : v.Date(request.Period.From, "period.from");
        var to = request.Period is null ? null : v.Date(request.Period.To, "period.to");
        var number = v.Number(request.Count, request.Qualifiers);
        var source = v.Source(request.Source);
        var note = v.Note(request.Note);
        v.Require(host is null || partner is null || (host.Code ?? host.Name) != (partner.Code ?? partner.Name), "partner", "The partner cannot be the host itself.");
        // The id follows from what the request names, so it is looked up only once the request is known to be valid.
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var id = IdOf(direction!, host!, partner!, from!.Value, to!.Value);
        var counted = await write.Session.LoadAsync<VisitCountDetails>(id, write.RequestAborted) is not null;
        var command = new CountVisits(id, direction!, host!, partner!, from.Value, to.Value, number!, source, note, counted, write.Actor, write.Today);
        return await write.Start<VisitCount, VisitCountDetails>(id, request, v, () => Decide(command));
    }
}
