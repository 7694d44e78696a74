using Cooperation.Contracts;
using Cooperation.Contracts.Delegations;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>
/// One exchange of people (students, teachers, specialists) as the dashboard counts it; its region is the recording committee's
/// side, its partner the other side. Count is the number of people as last stated, Qualifier how roughly (null: exactly), Revised whether a revision stated it;
/// FromInstitution and ToInstitution the sending and receiving institutions, when named.
/// </summary>
public sealed record ExchangeRow(
    Guid Id,
    string? Kind,
    string? Direction,
    string? Region,
    Partner[] Partners,
    string? PeriodFrom,
    string? PeriodTo,
    int? Count,
    string? Qualifier,
    bool Revised,
    DateTimeOffset UpdatedAt,
    SourceRef? Source = null,
    string? FromInstitution = null,
    string? ToInstitution = null) : IDashboardRow
{
    public static ExchangeRow Empty(Guid id) => new(id, null, null, null, [], null, null, null, null, false, DateTimeOffset.MinValue);

    public bool Matches(string? region, string? partner) => Sides.Match(Region, Partners, region, partner);
}

/// <summary>The exchanges' rows over the dashboard's log: a revision replaces the number of people.</summary>
public sealed partial class ExchangeRowProjection() : RowProjection<ExchangeRow>(version: 2)
{
    protected override (Guid Row, Func<ExchangeRow, ExchangeRow> Apply)? Change(IIntegrationEvent contract) => contract switch
    {
        ExchangeRecorded e => (e.ExchangeId, row => Recorded(row, e)),
        ExchangeRevised e => (e.ExchangeId, row => row with { Count = e.Count, Qualifier = e.Qualifier, Revised = true }),
        _ => null,
    };

    protected override ExchangeRow Empty(Guid id) => ExchangeRow.Empty(id);

    protected override ExchangeRow Touched(ExchangeRow row, DateTimeOffset at) => at > row.UpdatedAt ? row with { UpdatedAt = at } : row;

    private static ExchangeRow Recorded(ExchangeRow row, ExchangeRecorded e)
    {
        var (home, other) = e.Direction == "sent" ? (e.From, e.To) : (e.To, e.From);
        var region = Sides.RegionOf(home.Place);
        var recorded = row with
        {
            Kind = e.Kind, Direction = e.Direction, Region = region, Partners = Sides.PartnersBeside(region, [other.Place]),
            PeriodFrom = e.PeriodFrom, PeriodTo = e.PeriodTo, Source = e.Source, FromInstitution = e.From.Institution, ToInstitution = e.To.Institution,
        };
        // A revision that overtook the record keeps its number.
        return row.Revised ? recorded : recorded with { Count = e.Count, Qualifier = e.Qualifier };
    }
}
