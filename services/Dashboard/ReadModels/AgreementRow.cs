using Cooperation.Contracts.Agreements;
using Cooperation.Vocabulary;

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

    public bool Matches(string? region, string? partner) =>
        (region is null || string.Equals(Region, region, StringComparison.OrdinalIgnoreCase))
        && (partner is null || Partners.Any(p => string.Equals(p.Key, partner, StringComparison.OrdinalIgnoreCase)
                                                  || string.Equals(p.Country, partner, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>How each agreement contract changes an agreement's row; tolerant of arrival out of order.</summary>
public static class AgreementRows
{
    public static AgreementRow Apply(AgreementRow? row, AgreementRegistered e)
    {
        var (region, partners) = Sides.Of(e.Parties, e.Metadata.Actor);
        return Touch(row ?? AgreementRow.Empty(e.AgreementId), e.Metadata.RecordedAt) with
        {
            Kind = e.Kind, Title = e.Title, Region = region, Partners = partners, Spheres = e.Spheres,
            ValidUntil = row?.ValidUntil ?? e.ValidUntil, ParentAgreementId = e.ParentAgreementId,
        };
    }

    public static AgreementRow Apply(AgreementRow? row, AgreementSigned e) =>
        Touch(row ?? AgreementRow.Empty(e.AgreementId), e.Metadata.RecordedAt) with { SignedOn = e.SignedOn };

    public static AgreementRow Apply(AgreementRow? row, AgreementAmended e)
    {
        var current = row ?? AgreementRow.Empty(e.AgreementId);
        return Touch(current, e.Metadata.RecordedAt) with { Amendments = current.Amendments + 1 };
    }

    public static AgreementRow Apply(AgreementRow? row, AgreementExtended e) =>
        Touch(row ?? AgreementRow.Empty(e.AgreementId), e.Metadata.RecordedAt) with { ValidUntil = e.ValidUntil };

    public static AgreementRow Apply(AgreementRow? row, AgreementTerminated e) =>
        Touch(row ?? AgreementRow.Empty(e.AgreementId), e.Metadata.RecordedAt) with { TerminatedOn = e.On };

    public static AgreementRow Apply(AgreementRow? row, PlanAttachedToAgreement e)
    {
        var current = row ?? AgreementRow.Empty(e.AgreementId);
        return Touch(current, e.Metadata.RecordedAt) with { Plans = current.Plans + 1 };
    }

    private static AgreementRow Touch(AgreementRow row, DateTimeOffset at) => row.UpdatedAt >= at ? row : row with { UpdatedAt = at };
}
