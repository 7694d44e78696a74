using Cooperation.Vocabulary;
using Cooperation.Delegations.Details;

namespace Cooperation.Delegations.Listing;

public static class ListingVisits
{
    public static RouteGroupBuilder MapListingVisits(this RouteGroupBuilder group) =>
        group.MapRead("", ListAsync, "ListVisits",
            "Visits by the host's region, a partner (guest place, its region or country), direction, status, or days they overlap");

    private static async Task<Results<Ok<Paged<VisitDetails>>, ProblemHttpResult>> ListAsync(
        string? region, string? partner, [OneOf(typeof(VisitVocabulary), nameof(VisitVocabulary.Directions))] string? direction, [OneOf(typeof(VisitStatus))] string? status, string? from, string? to,
        int? page, int? pageSize, Validation v, IQuerySession session, TimeProvider clock, IServiceProvider services, CancellationToken ct)
    {
        var regionCode = v.PlaceCode(region, "region");
        var partnerCode = v.PlaceCode(partner, "partner");
        v.OneOf(direction, "direction", VisitVocabulary.Directions, required: false);
        var wanted = v.OneOf<VisitStatus>(status, "status");
        var first = v.Date(from, "from", required: false)?.Start;
        var last = v.Date(to, "to", required: false)?.End;
        var (pageNumber, size) = Reads.Paging(page, pageSize, v);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var today = clock.Today();
        IQueryable<VisitDetails> query = session.Query<VisitDetails>();
        if (regionCode is not null) query = query.Where(x => x.Regions.Contains(regionCode));
        if (partnerCode is not null) query = query.Where(x => x.Partners.Contains(partnerCode));
        if (direction is not null) query = query.Where(x => x.Direction == direction);
        query = wanted switch
        {
            VisitStatus.Overdue => query.Where(x => x.Status == VisitStatus.Planned && x.LastDay < today),
            VisitStatus.Planned => query.Where(x => x.Status == VisitStatus.Planned && x.LastDay >= today),
            null => query,
            { } one => query.Where(x => x.Status == one),
        };
        if (first is not null) query = query.Where(x => x.LastDay >= first);
        if (last is not null) query = query.Where(x => x.FirstDay <= last);

        return TypedResults.Ok(await query.OrderByDescending(x => x.FirstDay).ThenBy(x => x.Id).PageAsync(pageNumber, size, session, services, ct));
    }
}
