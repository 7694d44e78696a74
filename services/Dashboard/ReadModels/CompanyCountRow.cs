using Cooperation.Contracts;
using Cooperation.Contracts.Trade;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>
/// How many companies with foreign investment a place had on a day, as the dashboard reads it: its region is the place's
/// first-level region, Place the place itself (a city, a district, a region), its partner the investors' country (none: of any
/// origin). AsOf is a partial date; the numbers as last stated with their qualifiers by name (total, jointVentures,
/// foreignOwned); Recounted whether a recount stated them; Source the document they were taken from.
/// </summary>
public sealed record CompanyCountRow(
    Guid Id,
    string? Region,
    Partner? Place,
    Partner[] Partners,
    string? AsOf,
    int? Total,
    int? JointVentures,
    int? ForeignOwned,
    bool Recounted,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, string>? Qualifiers = null,
    SourceRef? Source = null) : IDashboardRow
{
    public static CompanyCountRow Empty(Guid id) => new(id, null, null, [], null, null, null, null, false, DateTimeOffset.MinValue);

    public bool Matches(string? region, string? partner) => Sides.Match(Region, Partners, region, partner);
}

/// <summary>The counts of companies with foreign investment over the dashboard's log: a recount replaces the numbers, and the source when it gives one.</summary>
public sealed partial class CompanyCountRowProjection() : RowProjection<CompanyCountRow>(version: 1)
{
    protected override (Guid Row, Func<CompanyCountRow, CompanyCountRow> Apply)? Change(IIntegrationEvent contract) => contract switch
    {
        ForeignInvestedCompaniesCounted e => (e.CountId, row => Counted(row, e)),
        ForeignInvestedCompaniesRecounted e => (e.CountId, row => row with
        {
            Total = e.Total, JointVentures = e.JointVentures, ForeignOwned = e.ForeignOwned, Qualifiers = e.Qualifiers, Recounted = true,
            Source = e.Source ?? row.Source,
        }),
        _ => null,
    };

    protected override CompanyCountRow Empty(Guid id) => CompanyCountRow.Empty(id);

    protected override CompanyCountRow Touched(CompanyCountRow row, DateTimeOffset at) => at > row.UpdatedAt ? row with { UpdatedAt = at } : row;

    private static CompanyCountRow Counted(CompanyCountRow row, ForeignInvestedCompaniesCounted e)
    {
        var counted = row with
        {
            Region = Sides.RegionOf(e.Place), Place = new Partner(e.Place.Code ?? e.Place.Name, e.Place.Name, e.Place.Country),
            Partners = e.Investor is { } investor ? [Sides.ToPartner(investor)] : [], AsOf = e.AsOf,
        };
        // A recount that overtook the count keeps its numbers and its source.
        return row.Recounted
            ? counted with { Source = row.Source ?? e.Source }
            : counted with { Total = e.Total, JointVentures = e.JointVentures, ForeignOwned = e.ForeignOwned, Qualifiers = e.Qualifiers, Source = e.Source };
    }
}
