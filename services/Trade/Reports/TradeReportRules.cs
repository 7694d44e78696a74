namespace Cooperation.Trade.Reports;

/// <summary>What a report's content must satisfy as a whole, on filing and after every revision.</summary>
public static class TradeReportRules
{
    public static DomainError? Check(Figures figures, Commodities commodities, string? currency, string? unit)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (figures.Reported.Any() is false && commodities.IsEmpty)
            Add("figures", "A report needs at least one figure or commodity.");
        var hasMoney = figures.HasMoney || commodities.Exports.Concat(commodities.Imports).Any(c => c.Value is not null);
        if (hasMoney && currency is null) Add("currency", "currency is required with money figures (an ISO 4217 code such as USD).");
        if (hasMoney && unit is null) Add("unit", $"unit is required with money figures: one of {string.Join(", ", TradeVocabulary.Units.Keys)}.");

        var contradictions = FigureRules.Contradictions(figures);
        foreach (var contradiction in contradictions)
            foreach (var field in contradiction.Fields)
                Add(field, contradiction.Message);

        CheckCommodities(commodities.Exports, figures.Exports, "commodities.exports", "exports", Add);
        CheckCommodities(commodities.Imports, figures.Imports, "commodities.imports", "imports", Add);

        if (errors.Count == 0) return null;
        var suspects = contradictions.Count > 0 ? FigureRules.Suspects(figures) : [];
        var detail = suspects.Length == 1
            ? $"The figures contradict each other; without {suspects[0]} the others agree."
            : contradictions.Count > 0 ? "The figures contradict each other." : "The request has invalid fields.";
        return new DomainError(ErrorKind.Invalid, detail, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    private static void CheckCommodities(Commodity[] items, decimal? total, string field, string totalName, Action<string, string> add)
    {
        var values = items.Where(c => c.Value is not null).Select(c => Bounds.Of(c.Value!.Value)).ToArray();
        if (total is { } t && values.Length > 0 && values.Sum(b => b.Low!.Value) > Bounds.Of(t).High)
            add(field, $"the commodity values add up to {values.Sum(b => b.Middle!.Value)}, more than the {totalName} ({t}) they are part of.");
        var shares = items.Where(c => c.SharePercent is not null).Select(c => Bounds.Of(c.SharePercent!.Value)).ToArray();
        if (shares.Length > 0 && shares.Sum(b => b.Low!.Value) > 100m)
            add(field, "the commodity shares add up to more than 100 percent.");
    }
}
