using Cooperation.Contracts;
using Cooperation.Contracts.Delegations;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>One delegation visit as the dashboard counts it; its region is the host's, its partners the guests; Source the document it was planned from.</summary>
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
    DateTimeOffset UpdatedAt,
    string? CompletedTo = null,
    SourceRef? Source = null,
    string? StartedOn = null) : IDashboardRow
{
    public static VisitRow Empty(Guid id) => new(id, null, null, [], null, null, null, null, null, false, 0, DateTimeOffset.MinValue);

    /// <summary>The year it took place, or is planned for.</summary>
    public int? Year => PartialDate.TryParse(CompletedFrom ?? PlannedFrom, out var date) ? date.Year : null;

    /// <summary>The last planned day; a month or a year counts to its end.</summary>
    public DateOnly? LastDay => PartialDate.TryParse(PlannedTo ?? PlannedFrom, out var date) ? date.End : null;

    /// <summary>
    /// planned, under-way (its committee reported it begun, and it is not completed), completed, cancelled, or overdue (still
    /// planned, never begun, after its last planned day), on a given day.
    /// </summary>
    public string StatusOn(DateOnly day) =>
        Cancelled ? "cancelled"
        : CompletedFrom is not null ? "completed"
        : StartedOn is not null ? "under-way"
        : LastDay < day ? "overdue"
        : "planned";

    public bool Matches(string? region, string? partner) => Sides.Match(Region, Partners, region, partner);
}

/// <summary>The visits' rows over the dashboard's log: how each visit contract changes its row.</summary>
public sealed partial class VisitRowProjection() : RowProjection<VisitRow>(version: 4)
{
    protected override (Guid Row, Func<VisitRow, VisitRow> Apply)? Change(IIntegrationEvent contract) => contract switch
    {
        VisitPlanned e => (e.VisitId, row => Planned(row, e)),
        VisitRescheduled e => (e.VisitId, row => row with { PlannedFrom = e.PlannedFrom, PlannedTo = e.PlannedTo }),
        DocumentSignedDuringVisit e => (e.VisitId, row => row with { Documents = row.Documents + 1 }),
        VisitStarted e => (e.VisitId, row => row with { StartedOn = e.On }),
        VisitCompleted e => (e.VisitId, row => row with { CompletedFrom = e.From, CompletedTo = e.To }),
        VisitCancelled e => (e.VisitId, row => row with { Cancelled = true }),
        _ => null,
    };

    protected override VisitRow Empty(Guid id) => VisitRow.Empty(id);

    protected override VisitRow Touched(VisitRow row, DateTimeOffset at) => at > row.UpdatedAt ? row with { UpdatedAt = at } : row;

    private static VisitRow Planned(VisitRow row, VisitPlanned e)
    {
        var region = Sides.RegionOf(e.Host);
        return row with
        {
            Direction = e.Direction, Region = region,
            Partners = Sides.PartnersBeside(region, e.Guests),
            // A reschedule that overtook the plan keeps its dates.
            PlannedFrom = row.PlannedFrom ?? e.PlannedFrom, PlannedTo = row.PlannedFrom is null ? e.PlannedTo : row.PlannedTo,
            Purpose = e.Purpose, Occasion = e.Occasion, Source = e.Source,
        };
    }
}
