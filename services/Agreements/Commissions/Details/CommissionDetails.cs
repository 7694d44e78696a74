using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Cooperation.Agreements.Commissions.Details;

/// <summary>
/// A commission, working group or council as clients see it: its parties, the agreement that set it up, who chairs and curates
/// it, and its sessions. <see cref="Regions"/>, <see cref="PartyCodes"/> and <see cref="SearchText"/> serve the list's filters.
/// </summary>
public sealed record CommissionDetails(
    Guid Id,
    string Kind,
    string Title,
    Party[] Parties,
    Guid? FoundingAgreementId,
    PartialDate? FormedOn,
    Source? Source,
    string? Note,
    CommissionMember[] Members,
    SessionView[] Sessions,
    PartialDate? LastSessionOn,
    long Version,
    string RegisteredBy,
    DateTimeOffset UpdatedAt,
    string[] PartyCodes,
    string[] Regions,
    string SearchText) : IView<CommissionDetails>
{
    public CommissionDetails On(DateOnly day) => this;
}

public sealed record CommissionMember(Guid Id, string Role, string Name, string? Position, string? Party, PartialDate? From, PartialDate? Until,
    Source? Source);

public sealed record SessionView(Guid Id, int? Number, PartialDate On, Party? Place, string[] Agenda, SessionDecision[] Decisions, Source? Source,
    string? Note, DateTimeOffset RecordedAt);

public sealed partial class CommissionDetailsProjection : SingleStreamProjection<CommissionDetails, Guid>
{
    public static CommissionDetails Create(IEvent<CommissionFormed> e)
    {
        var data = e.Data;
        return new CommissionDetails(data.CommissionId, data.Kind, data.Title, data.Parties, data.FoundingAgreementId, data.FormedOn,
            data.Source, data.Note, Members: [], Sessions: [], LastSessionOn: null,
            Version: e.Version, RegisteredBy: e.UserName ?? "", UpdatedAt: e.Timestamp,
            PartyCodes: data.Parties.Select(p => p.Level == PartyLevels.Unnamed ? p.Country : p.Code).OfType<string>().Distinct().ToArray(),
            Regions: data.Parties.Select(p => p.Region).OfType<string>().Distinct().ToArray(),
            SearchText: string.Join(" ", data.Parties.Select(p => p.Name).Prepend(data.Title)).ToLowerInvariant());
    }

    public static CommissionDetails Apply(IEvent<CommissionMemberAppointed> e, CommissionDetails view) =>
        Touch(view, e) with
        {
            Members = [.. view.Members, new CommissionMember(e.Data.MemberId, e.Data.Role, e.Data.Name, e.Data.Position, e.Data.Party, e.Data.From,
                e.Data.Until, e.Data.Source)],
        };

    public static CommissionDetails Apply(IEvent<CommissionSessionHeld> e, CommissionDetails view) =>
        Touch(view, e) with
        {
            Sessions = [.. view.Sessions, new SessionView(e.Data.SessionId, e.Data.Number, e.Data.On, e.Data.Place, e.Data.Agenda, e.Data.Decisions,
                e.Data.Source, e.Data.Note, e.Timestamp)],
            LastSessionOn = view.LastSessionOn is { } last && last.Start > e.Data.On.Start ? last : e.Data.On,
        };

    private static CommissionDetails Touch(CommissionDetails view, IEvent e) => view with { Version = e.Version, UpdatedAt = e.Timestamp };
}
