using Cooperation.Contracts.Delegations;
using Cooperation.Vocabulary;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>One delegation visit as the dashboard counts it; its region is the host's, its partners the guests.</summary>
public sealed record VisitRow(
    Guid Id,
    string? Direction,
    string? Region,
    Partner[] Partners,
    string? PlannedFrom,
    string? PlannedTo,
    string? Purpose,
    string? Occasion,
    string? CompletedFrom,
    bool Cancelled,
    int Documents,
    DateTimeOffset UpdatedAt)
{
    public static VisitRow Empty(Guid id) => new(id, null, null, [], null, null, null, null, null, false, 0, DateTimeOffset.MinValue);

    /// <summary>The year it took place, or is planned for.</summary>
    public int? Year => PartialDate.TryParse(CompletedFrom ?? PlannedFrom, out var date) ? date.Year : null;

    /// <summary>The last planned day; a month or a year counts to its end.</summary>
    public DateOnly? LastDay => PartialDate.TryParse(PlannedTo ?? PlannedFrom, out var date) ? date.End : null;

    /// <summary>planned, completed, cancelled, or overdue (still planned after its last planned day), on a given day.</summary>
    public string StatusOn(DateOnly day) =>
        Cancelled ? "cancelled"
        : CompletedFrom is not null ? "completed"
        : LastDay < day ? "overdue"
        : "planned";

    public bool Matches(string? region, string? partner) =>
        (region is null || string.Equals(Region, region, StringComparison.OrdinalIgnoreCase))
        && (partner is null || Partners.Any(p => string.Equals(p.Key, partner, StringComparison.OrdinalIgnoreCase)
                                                  || string.Equals(p.Country, partner, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>How each visit contract changes a visit's row; tolerant of arrival out of order.</summary>
public static class VisitRows
{
    public static VisitRow Apply(VisitRow? row, VisitPlanned e)
    {
        var region = Sides.RegionOf(e.Host);
        var current = row ?? VisitRow.Empty(e.VisitId);
        return Touch(current, e.Metadata.RecordedAt) with
        {
            Direction = e.Direction, Region = region,
            Partners = e.Guests.Where(g => Sides.RegionOf(g) != region).Select(Sides.ToPartner).DistinctBy(p => p.Key).ToArray(),
            // A reschedule that overtook the plan keeps its dates.
            PlannedFrom = current.PlannedFrom ?? e.PlannedFrom, PlannedTo = current.PlannedFrom is null ? e.PlannedTo : current.PlannedTo,
            Purpose = e.Purpose, Occasion = e.Occasion,
        };
    }

    public static VisitRow Apply(VisitRow? row, VisitRescheduled e) =>
        Touch(row ?? VisitRow.Empty(e.VisitId), e.Metadata.RecordedAt) with { PlannedFrom = e.PlannedFrom, PlannedTo = e.PlannedTo };

    public static VisitRow Apply(VisitRow? row, DocumentSignedDuringVisit e)
    {
        var current = row ?? VisitRow.Empty(e.VisitId);
        return Touch(current, e.Metadata.RecordedAt) with { Documents = current.Documents + 1 };
    }

    public static VisitRow Apply(VisitRow? row, VisitCompleted e) =>
        Touch(row ?? VisitRow.Empty(e.VisitId), e.Metadata.RecordedAt) with { CompletedFrom = e.From };

    public static VisitRow Apply(VisitRow? row, VisitCancelled e) =>
        Touch(row ?? VisitRow.Empty(e.VisitId), e.Metadata.RecordedAt) with { Cancelled = true };

    private static VisitRow Touch(VisitRow row, DateTimeOffset at) => row.UpdatedAt >= at ? row : row with { UpdatedAt = at };
}
