using Cooperation.Contracts.Delegations;
using Cooperation.Dashboard.Recording;
using Cooperation.Vocabulary;
using JasperFx.Events;
using Marten.Events.Projections;

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

    public bool Matches(string? region, string? partner) => Sides.Match(Region, Partners, region, partner);
}

/// <summary>The visits' rows over the dashboard's log: how each visit contract changes its row, tolerant of arrival out of order.</summary>
public sealed partial class VisitRowProjection : MultiStreamProjection<VisitRow, Guid>
{
    public VisitRowProjection()
    {
        // Raise it whenever the row or the way a contract changes it changes: the rows are then rebuilt from the log on start.
        Version = 3;
        Identities<IntegrationEventReceived>(received => received.Event switch
        {
            VisitPlanned e => [e.VisitId],
            VisitRescheduled e => [e.VisitId],
            DocumentSignedDuringVisit e => [e.VisitId],
            VisitCompleted e => [e.VisitId],
            VisitCancelled e => [e.VisitId],
            _ => [],
        });
    }

    public override VisitRow Evolve(VisitRow? snapshot, Guid id, IEvent e)
    {
        var row = snapshot ?? VisitRow.Empty(id);
        if (e.Data is not IntegrationEventReceived { Event: { } contract }) return row;
        row = row with { UpdatedAt = Sides.Latest(row.UpdatedAt, contract.Metadata) };
        return contract switch
        {
            VisitPlanned planned => Planned(row, planned),
            VisitRescheduled rescheduled => row with { PlannedFrom = rescheduled.PlannedFrom, PlannedTo = rescheduled.PlannedTo },
            DocumentSignedDuringVisit => row with { Documents = row.Documents + 1 },
            VisitCompleted completed => row with { CompletedFrom = completed.From },
            VisitCancelled => row with { Cancelled = true },
            _ => row,
        };
    }

    private static VisitRow Planned(VisitRow row, VisitPlanned e)
    {
        var region = Sides.RegionOf(e.Host);
        return row with
        {
            Direction = e.Direction, Region = region,
            Partners = e.Guests.Where(g => Sides.RegionOf(g) != region).Select(Sides.ToPartner).DistinctBy(p => p.Key).ToArray(),
            // A reschedule that overtook the plan keeps its dates.
            PlannedFrom = row.PlannedFrom ?? e.PlannedFrom, PlannedTo = row.PlannedFrom is null ? e.PlannedTo : row.PlannedTo,
            Purpose = e.Purpose, Occasion = e.Occasion,
        };
    }
}
