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

        CheckCommodities(commodities.Exports, figures, Figures.ExportsField, "commodities.exports", Add);
        CheckCommodities(commodities.Imports, figures, Figures.ImportsField, "commodities.imports", Add);

        if (errors.Count == 0) return null;
        var suspects = contradictions.Count > 0 ? FigureRules.Suspects(figures) : [];
        var detail = suspects.Length == 1
            ? $"The figures contradict each other; without {suspects[0]} the others agree."
            : contradictions.Count > 0 ? "The figures contradict each other." : "The request has invalid fields.";
        return new DomainError(ErrorKind.Invalid, detail, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>Commodities are part of their flow: their values (each at its least, when qualified) cannot exceed it, nor their shares 100.</summary>
    private static void CheckCommodities(Commodity[] items, Figures figures, string totalName, string field, Action<string, string> add)
    {
        var values = items.Where(c => c.Value is not null).Select(c => Bounds.Of(c.Value!.Value, c.Qualifiers.Of("value")).AtLeastZero()).ToArray();
        var least = values.Sum(b => b.Low!.Value);
        if (figures[totalName] is not null && values.Length > 0 && least > Bounds.Of(figures[totalName], figures.QualifierOf(totalName), Bounds.Any).High)
            add(field, $"the commodity values add up to {items.Sum(c => c.Value ?? 0m)}, more than the {totalName} ({figures.Format(totalName)}) they are part of.");
        var shares = items.Where(c => c.SharePercent is not null).Select(c => Bounds.Of(c.SharePercent!.Value, c.Qualifiers.Of("sharePercent")).AtLeastZero()).ToArray();
        if (shares.Length > 0 && shares.Sum(b => b.Low!.Value) > 100m)
            add(field, "the commodity shares add up to more than 100 percent.");
    }
}
