namespace Cooperation.Trade.CompanyCounts;

// Stored event type names (foreign_invested_companies_counted, ...) are a contract: renaming a record needs a mapping.

/// <summary>How many companies with foreign investment a place had on a day, optionally from one investor country.</summary>
/// <param name="Investor">The investors' country, or null for foreign investment of any origin.</param>
/// <param name="JointVentures">Companies with local and foreign capital.</param>
/// <param name="ForeignOwned">Companies wholly owned by foreign investors.</param>
public sealed record ForeignInvestedCompaniesCounted(
    Guid CountId,
    Party Place,
    Party? Investor,
    PartialDate AsOf,
    CompanyNumbers Numbers,
    Source? Source,
    string? Note);

public sealed record ForeignInvestedCompaniesRecounted(Guid CountId, CompanyNumbers Numbers, string Reason, Source? Source = null);

public sealed record CompanyNumbers(int Total, int? JointVentures, int? ForeignOwned)
{
    /// <summary>The fields that contradict: joint ventures and foreign-owned companies are the two kinds that make the total.</summary>
    public IReadOnlyDictionary<string, string[]> Contradictions()
    {
        var errors = new Dictionary<string, string[]>();
        if (JointVentures is { } j && ForeignOwned is { } f && j + f != Total)
            foreach (var field in new[] { "total", "jointVentures", "foreignOwned" })
                errors[field] = [$"jointVentures ({j}) + foreignOwned ({f}) must equal total ({Total})."];
        else if (JointVentures > Total) errors["jointVentures"] = [$"jointVentures ({JointVentures}) cannot exceed total ({Total})."];
        else if (ForeignOwned > Total) errors["foreignOwned"] = [$"foreignOwned ({ForeignOwned}) cannot exceed total ({Total})."];
        return errors;
    }
}
