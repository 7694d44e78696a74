using Cooperation.Vocabulary;
using Cooperation.Delegations.Exchanges.Details;

namespace Cooperation.Delegations.Exchanges.Revising;

public sealed record ReviseExchangeRequest(int? Count, string? Reason, IReadOnlyDictionary<string, string?>? Qualifiers = null, SourceInput? Source = null);

public sealed record ReviseExchange(PeopleCount? Count, string Reason, Actor Actor, Source? Source = null);

public static class RevisingExchanges
{
    /// <summary>Corrects the number of people (or gives it, or takes back one the source does not give); the one it replaces stays in the history.</summary>
    public static Decision Decide(Exchange exchange, ReviseExchange command)
    {
        if (exchange.Guard(command.Actor) is { } denied) return denied;
        if (command.Count == exchange.Count) return DomainError.Invalid("count", "The revision changes nothing.");
        return Decision.Of(new ExchangeRevised(exchange.Id, command.Count, command.Reason, command.Source));
    }

    public static RouteGroupBuilder MapRevisingExchanges(this RouteGroupBuilder group) =>
        group.MapWrite("{id:guid}/revisions", HandleAsync, "ReviseExchange", "Corrects the number of people of an exchange, with the reason");

    private static Task<Results<Ok<ExchangeDetails>, Accepted<ValidatedWrite>, ProblemHttpResult>> HandleAsync(
        Guid id, ReviseExchangeRequest request, Validation v, Write write)
    {
        var count = v.People(request.Count, request.Qualifiers);
        var reason = v.Text(request.Reason, "reason", 2000);
        var source = v.Source(request.Source);
        return write.Append<Exchange, ExchangeDetails>(id, request, v, exchange => Decide(exchange, new ReviseExchange(count, reason!, write.Actor, source)));
    }
}
