using Cooperation.Contracts;
using Cooperation.Contracts.Delegations;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>
/// A count of visits over a period, when that is all the source gives ("22 delegations received from China in 2011"), as the
/// dashboard reads it; its region is the host's, its partner the other side. From and To are partial dates; Count the number
/// as last stated, Qualifier how roughly (null: exactly), Recounted whether a recount stated it, Source the document it was taken from.
/// </summary>
public sealed record VisitCountRow(
    Guid Id,
    string? Direction,
    string? Region,
    Partner[] Partners,
    string? From,
    string? To,
    int? Count,
    string? Qualifier,
    bool Recounted,
    DateTimeOffset UpdatedAt,
    SourceRef? Source = null) : IDashboardRow
{
    public static VisitCountRow Empty(Guid id) => new(id, null, null, [], null, null, null, null, false, DateTimeOffset.MinValue);

    public bool Matches(string? region, string? partner) => Sides.Match(Region, Partners, region, partner);
}

/// <summary>The counts of visits over the dashboard's log: a recount replaces the number, and the source when it gives one.</summary>
public sealed partial class VisitCountRowProjection() : RowProjection<VisitCountRow>(version: 1)
{
    protected override (Guid Row, Func<VisitCountRow, VisitCountRow> Apply)? Change(IIntegrationEvent contract) => contract switch
    {
        VisitsCounted e => (e.CountId, row => Counted(row, e)),
        VisitsRecounted e => (e.CountId, row => row with { Count = e.Count, Qualifier = e.Qualifier, Recounted = true, Source = e.Source ?? row.Source }),
        _ => null,
    };

    protected override VisitCountRow Empty(Guid id) => VisitCountRow.Empty(id);

    protected override VisitCountRow Touched(VisitCountRow row, DateTimeOffset at) => at > row.UpdatedAt ? row with { UpdatedAt = at } : row;

    private static VisitCountRow Counted(VisitCountRow row, VisitsCounted e)
    {
        var region = Sides.RegionOf(e.Host);
        var counted = row with { Direction = e.Direction, Region = region, Partners = Sides.PartnersBeside(region, [e.Partner]), From = e.From, To = e.To };
        // A recount that overtook the count keeps its number and its source.
        return row.Recounted ? counted with { Source = row.Source ?? e.Source } : counted with { Count = e.Count, Qualifier = e.Qualifier, Source = e.Source };
    }
}
