using Cooperation.Contracts.Agreements;
using Cooperation.Dashboard.Recording;
using Cooperation.Vocabulary;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Cooperation.Dashboard.ReadModels;

/// <summary>One agreement as the dashboard counts it. Kind is null while only later events have arrived.</summary>
public sealed record AgreementRow(
    Guid Id,
    string? Kind,
    string? Title,
    string? Region,
    Partner[] Partners,
    string[] Spheres,
    string? SignedOn,
    string? ValidUntil,
    string? TerminatedOn,
    int Amendments,
    int Plans,
    Guid? ParentAgreementId,
    DateTimeOffset UpdatedAt)
{
    public static AgreementRow Empty(Guid id) => new(id, null, null, null, [], [], null, null, null, 0, 0, null, DateTimeOffset.MinValue);

    public int? Year => PartialDate.TryParse(SignedOn, out var date) ? date.Year : null;

    /// <summary>draft, signed, expired (a signed agreement past its validity) or terminated, on a given day.</summary>
    public string StatusOn(DateOnly day) =>
        TerminatedOn is not null ? "terminated"
        : SignedOn is null ? "draft"
        : PartialDate.TryParse(ValidUntil, out var until) && until.End < day ? "expired"
        : "signed";

    public bool Matches(string? region, string? partner) => Sides.Match(Region, Partners, region, partner);
}

/// <summary>The agreements' rows over the dashboard's log: how each agreement contract changes its row, tolerant of arrival out of order.</summary>
public sealed partial class AgreementRowProjection : MultiStreamProjection<AgreementRow, Guid>
{
    public AgreementRowProjection()
    {
        // Raise it whenever the row or the way a contract changes it changes: the rows are then rebuilt from the log on start.
        Version = 3;
        Identities<IntegrationEventReceived>(received => received.Event switch
        {
            AgreementRegistered e => [e.AgreementId],
            AgreementSigned e => [e.AgreementId],
            AgreementAmended e => [e.AgreementId],
            AgreementExtended e => [e.AgreementId],
            AgreementTerminated e => [e.AgreementId],
            PlanAttachedToAgreement e => [e.AgreementId],
            _ => [],
        });
    }

    public override AgreementRow Evolve(AgreementRow? snapshot, Guid id, IEvent e)
    {
        var row = snapshot ?? AgreementRow.Empty(id);
        if (e.Data is not IntegrationEventReceived { Event: { } contract }) return row;
        row = row with { UpdatedAt = Sides.Latest(row.UpdatedAt, contract.Metadata) };
        return contract switch
        {
            AgreementRegistered registered => Registered(row, registered),
            AgreementSigned signed => row with { SignedOn = signed.SignedOn },
            AgreementAmended => row with { Amendments = row.Amendments + 1 },
            AgreementExtended extended => row with { ValidUntil = extended.ValidUntil },
            AgreementTerminated terminated => row with { TerminatedOn = terminated.On },
            PlanAttachedToAgreement => row with { Plans = row.Plans + 1 },
            _ => row,
        };
    }

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
