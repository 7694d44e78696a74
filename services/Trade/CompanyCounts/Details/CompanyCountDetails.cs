using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cooperation.Trade.CompanyCounts.Details;

/// <summary>A count of companies with foreign investment as clients see it, with every correction it had.</summary>
public sealed record CompanyCountDetails(
    Guid Id,
    Party Place,
    string? Region,
    Party? Partner,
    PartialDate AsOf,
    int Total,
    int? JointVentures,
    int? ForeignOwned,
    Source? Source,
    string? Note,
    Recount[] Revisions,
    long Version,
    string RecordedBy,
    DateTimeOffset UpdatedAt,
    DateOnly AsOfDay,
    IReadOnlyDictionary<string, string>? Qualifiers = null) : IView<CompanyCountDetails>
{
    public CompanyCountDetails On(DateOnly day) => this;
}

public sealed record Recount(long Version, CompanyNumbers Previous, CompanyNumbers Numbers, string Reason, DateTimeOffset RecordedAt, string RecordedBy);

public sealed partial class CompanyCountDetailsProjection : SingleStreamProjection<CompanyCountDetails, Guid>
{
    public static CompanyCountDetails Create(IEvent<ForeignInvestedCompaniesCounted> e)
    {
        var d = e.Data;
        return new CompanyCountDetails(d.CountId, d.Place, d.Place.Region ?? d.Place.Code, d.Investor, d.AsOf, d.Numbers.Total, d.Numbers.JointVentures,
            d.Numbers.ForeignOwned, d.Source, d.Note, [], e.Version, e.UserName ?? "", e.Timestamp, d.AsOf.Start, d.Numbers.Qualifiers);
    }

    public static CompanyCountDetails Apply(IEvent<ForeignInvestedCompaniesRecounted> e, CompanyCountDetails view) =>
        view with
        {
            Total = e.Data.Numbers.Total,
            JointVentures = e.Data.Numbers.JointVentures,
            ForeignOwned = e.Data.Numbers.ForeignOwned,
            Qualifiers = e.Data.Numbers.Qualifiers,
            Revisions = [.. view.Revisions, new Recount(e.Version, new CompanyNumbers(view.Total, view.JointVentures, view.ForeignOwned, view.Qualifiers),
                e.Data.Numbers, e.Data.Reason, e.Timestamp, e.UserName ?? "")],
            Version = e.Version,
            UpdatedAt = e.Timestamp,
        };
}
