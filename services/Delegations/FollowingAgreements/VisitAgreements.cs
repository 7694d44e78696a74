using Cooperation.Delegations.Details;
using Cooperation.KnownAgreements;

namespace Cooperation.Delegations.FollowingAgreements;

/// <summary>Visits read with the current status of the agreements signed during them or held under, as this service has heard of them.</summary>
public sealed class VisitAgreements : IViewCompletion<VisitDetails>
{
    public async Task<IReadOnlyList<VisitDetails>> CompleteAsync(IQuerySession session, IReadOnlyList<VisitDetails> views, CancellationToken ct)
    {
        var ids = views.SelectMany(v => v.HeldUnder is { } held ? [.. v.AgreementIds, held] : v.AgreementIds).Distinct().ToArray();
        if (ids.Length == 0) return views;
        var known = (await session.LoadManyAsync<KnownAgreement>(ct, ids)).Where(a => a.Registered).ToDictionary(a => a.Id);
        LinkedAgreement? Linked(Guid? id) =>
            id is { } found && known.GetValueOrDefault(found) is { } a ? new LinkedAgreement(a.Title, a.Status, a.SignedOn, a.TerminatedOn) : null;
        return views.Select(v => v with
        {
            Documents = v.Documents.Select(d => d with { Agreement = Linked(d.AgreementId) }).ToArray(),
            HeldUnderAgreement = Linked(v.HeldUnder),
        }).ToArray();
    }
}
