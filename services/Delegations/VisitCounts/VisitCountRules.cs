namespace Cooperation.Delegations.VisitCounts;

public static class VisitCountRules
{
    /// <summary>The one figure of a count that a source may state roughly.</summary>
    public static readonly IReadOnlySet<string> QualifiedFigures = new HashSet<string> { "count" };

    public const int MaximumCount = 100_000;

    public static IReadOnlyDictionary<string, string>? Qualifiers(VisitNumber number) =>
        number.Qualifier is { } q ? new Dictionary<string, string> { ["count"] = q } : null;

    /// <summary>The count and how the source states it, checked; null when invalid.</summary>
    public static VisitNumber? Number(this Validation v, int? count, IReadOnlyDictionary<string, string?>? qualifiers)
    {
        v.Require(count is not null, "count", "count is required: how many visits the source gives.");
        v.Require(count is null or (>= 0 and <= MaximumCount), "count", $"count must be between 0 and {MaximumCount}.");
        var stated = v.Qualifiers(qualifiers, QualifiedFigures, _ => count is not null);
        return count is { } c ? new VisitNumber(c, stated.Of("count")) : null;
    }
}
