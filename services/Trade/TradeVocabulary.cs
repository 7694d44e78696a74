namespace Cooperation.Trade;

/// <summary>The publication a report, a count or a project is taken from.</summary>

public static class TradeVocabulary
{
    public static readonly IReadOnlySet<string> Flows = new HashSet<string> { "goods", "services" };

    /// <summary>How many of the currency each unit counts.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> Units = new Dictionary<string, decimal> { ["thousand"] = 1_000m, ["million"] = 1_000_000m };

    /// <summary>Converts an amount between units exactly (decimal arithmetic).</summary>
    public static decimal? Convert(decimal? amount, string from, string to) =>
        amount is { } a && from != to ? a * Units[from] / Units[to] : amount;
}
