namespace Cooperation.Delegations.Exchanges;

/// <summary>What decisions about an exchange of people need to know.</summary>
public sealed record Exchange(Guid Id, Party Home, PeopleCount? Count)
{
    public static Exchange Create(ExchangeRecorded e) => new(e.ExchangeId, e.Home.Place, e.Count);

    public Exchange Apply(ExchangeRevised e) => this with { Count = e.Count };

    /// <summary>Committees change the exchanges their territory sends or receives; the ministry national ones; admins any.</summary>
    public DomainError? Guard(Actor actor) =>
        actor.MayWrite([Home]) ? null : DomainError.Forbidden("This exchange is not of your territory.");
}

public static class ExchangeRules
{
    public static readonly IReadOnlySet<string> QualifiedFigures = new HashSet<string> { "count" };

    public const int MaximumCount = 100_000;

    public static IReadOnlyDictionary<string, string>? Qualifiers(PeopleCount? count) =>
        count?.Qualifier is { } q ? new Dictionary<string, string> { ["count"] = q } : null;

    /// <summary>The number of people and how the source states it, checked; null when not given or invalid.</summary>
    public static PeopleCount? People(this Validation v, int? count, IReadOnlyDictionary<string, string?>? qualifiers)
    {
        v.Require(count is null or (>= 1 and <= MaximumCount), "count", $"count must be between 1 and {MaximumCount} people.");
        var stated = v.Qualifiers(qualifiers, QualifiedFigures, _ => count is not null);
        return count is { } c ? new PeopleCount(c, stated.Of("count")) : null;
    }
}
