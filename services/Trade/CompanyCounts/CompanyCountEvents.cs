using Cooperation.Trade.Reports;

namespace Cooperation.Trade.CompanyCounts;

// Stored event type names (foreign_invested_companies_counted, ...) are a contract: renaming a record needs a mapping.

/// <summary>How many companies with foreign investment a place had on a day, optionally from one investor country.</summary>
/// <param name="Investor">The investors' country, or null for foreign investment of any origin.</param>
public sealed record ForeignInvestedCompaniesCounted(
    Guid CountId,
    Party Place,
    Party? Investor,
    PartialDate AsOf,
    CompanyNumbers Numbers,
    Source? Source,
    string? Note);

public sealed record ForeignInvestedCompaniesRecounted(Guid CountId, CompanyNumbers Numbers, string Reason, Source? Source = null);

/// <param name="JointVentures">Companies with local and foreign capital.</param>
/// <param name="ForeignOwned">Companies wholly owned by foreign investors.</param>
/// <param name="Qualifiers">The numbers the source states roughly ("more than 50"): total, jointVentures, foreignOwned by name; null when exact.</param>
public sealed record CompanyNumbers(int Total, int? JointVentures, int? ForeignOwned, IReadOnlyDictionary<string, string>? Qualifiers = null)
{
    /// <summary>
    /// The fields that contradict: joint ventures and foreign-owned companies are the two kinds that make the total. A qualified
    /// number stands for the range it states, as a trade figure does.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Contradictions()
    {
        var errors = new Dictionary<string, string[]>();
        var total = Range("total", Total);
        if (JointVentures is { } j && ForeignOwned is { } f && !(Range("jointVentures", j) + Range("foreignOwned", f)).Overlaps(total))
            foreach (var field in new[] { "total", "jointVentures", "foreignOwned" })
                errors[field] = [$"jointVentures ({Describe("jointVentures", j)}) + foreignOwned ({Describe("foreignOwned", f)}) must equal total ({Describe("total", Total)})."];
        else if (JointVentures is { } jv && Range("jointVentures", jv).Low > total.High)
            errors["jointVentures"] = [$"jointVentures ({Describe("jointVentures", jv)}) cannot exceed total ({Describe("total", Total)})."];
        else if (ForeignOwned is { } fo && Range("foreignOwned", fo).Low > total.High)
            errors["foreignOwned"] = [$"foreignOwned ({Describe("foreignOwned", fo)}) cannot exceed total ({Describe("total", Total)})."];
        return errors;
    }

    private Bounds Range(string name, int value) => Bounds.OfCount(value, Qualifiers.Of(name));

    private string Describe(string name, int value) => Vocabulary.Qualifiers.Describe(value, Qualifiers.Of(name));

    public bool Equals(CompanyNumbers? other) =>
        other is not null && Total == other.Total && JointVentures == other.JointVentures && ForeignOwned == other.ForeignOwned
        && new[] { "total", "jointVentures", "foreignOwned" }.All(n => Qualifiers.Of(n) == other.Qualifiers.Of(n));

    public override int GetHashCode() => HashCode.Combine(Total, JointVentures, ForeignOwned);
}
