using Cooperation.Delegations.Details;

namespace Cooperation.Delegations.Occasions.Details;

/// <summary>Occasions read with the visits made to them: the visits whose occasionId names them, as those read now.</summary>
public sealed class OccasionVisits(TimeProvider time) : IViewCompletion<OccasionDetails>
{
    public async Task<IReadOnlyList<OccasionDetails>> CompleteAsync(IQuerySession session, IReadOnlyList<OccasionDetails> views, CancellationToken ct)
    {
        if (views.Count == 0) return views;
        var ids = views.Select(o => (Guid?)o.Id).ToArray();
        var today = time.Today();
        var visits = (await session.Query<VisitDetails>().Where(v => v.OccasionId.In(ids)).OrderBy(v => v.FirstDay).ThenBy(v => v.Id).ToListAsync(ct))
            .Select(v => v.On(today)).ToLookup(v => v.OccasionId);
        return views.Select(o => o with
        {
            Visits = visits[o.Id].Select(v => new OccasionVisit(v.Id, v.Direction, v.Host, v.Guests, v.Status, v.PlannedFrom)).ToArray(),
        }).ToArray();
    }
}
