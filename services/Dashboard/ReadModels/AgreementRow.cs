using Cooperation.Contracts;
using Cooperation.Contracts.Agreements;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>
/// One agreement as the dashboard counts it. Kind is null while only later events have arrived. Signed is whether it was
/// signed, SignedOn when (null for a date not known).
/// </summary>
public sealed record AgreementRow(
    Guid Id,
    string? Kind,
    string? Title,
    string? Region,
    Partner[] Partners,
    string[] Spheres,
    bool Signed,
    string? SignedOn,
    string? ValidUntil,
    string? TerminatedOn,
    int Amendments,
    int Plans,
    Guid? ParentAgreementId,
    DateTimeOffset UpdatedAt)
{
    public static AgreementRow Empty(Guid id) => new(id, null, null, null, [], [], false, null, null, null, 0, 0, null, DateTimeOffset.MinValue);

    public int? Year => PartialDate.TryParse(SignedOn, out var date) ? date.Year : null;

    /// <summary>draft, signed, expired (a signed agreement past its validity) or terminated, on a given day.</summary>
    public string StatusOn(DateOnly day) =>
        TerminatedOn is not null ? "terminated"
        : !Signed ? "draft"
        : PartialDate.TryParse(ValidUntil, out var until) && until.End < day ? "expired"
        : "signed";

    public bool Matches(string? region, string? partner) => Sides.Match(Region, Partners, region, partner);
}

/// <summary>The agreements' rows over the dashboard's log: how each agreement contract changes its row.</summary>
public sealed partial class AgreementRowProjection() : RowProjection<AgreementRow>(version: 4)
{
    protected override (Guid Row, Func<AgreementRow, AgreementRow> Apply)? Change(IIntegrationEvent contract) => contract switch
    {
        AgreementRegistered e => (e.AgreementId, row => Registered(row, e)),
        AgreementSigned e => (e.AgreementId, row => row with { Signed = true, SignedOn = e.SignedOn ?? row.SignedOn }),
        AgreementSignatureDated e => (e.AgreementId, row => row with { Signed = true, SignedOn = e.SignedOn }),
        AgreementAmended e => (e.AgreementId, row => row with { Amendments = row.Amendments + 1 }),
        AgreementExtended e => (e.AgreementId, row => row with { ValidUntil = e.ValidUntil }),
        AgreementTerminated e => (e.AgreementId, row => row with { TerminatedOn = e.On }),
        PlanAttachedToAgreement e => (e.AgreementId, row => row with { Plans = row.Plans + 1 }),
        _ => null,
    };

    protected override AgreementRow Empty(Guid id) => AgreementRow.Empty(id);

    protected override AgreementRow Touched(AgreementRow row, DateTimeOffset at) => at > row.UpdatedAt ? row with { UpdatedAt = at } : row;

    private static AgreementRow Registered(AgreementRow row, AgreementRegistered e)
    {
        var (region, partners) = Sides.Of(e.Parties, e.Metadata.Actor);
        return row with
        {
            Kind = e.Kind, Title = e.Title, Region = region, Partners = partners, Spheres = e.Spheres,
            ValidUntil = row.ValidUntil ?? e.ValidUntil, ParentAgreementId = e.ParentAgreementId,
        };
    }
}
