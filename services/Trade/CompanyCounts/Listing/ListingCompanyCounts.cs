using Cooperation.Trade.CompanyCounts.Details;

namespace Cooperation.Trade.CompanyCounts.Listing;

public static class ListingCompanyCounts
{
    public static RouteGroupBuilder MapListingCompanyCounts(this RouteGroupBuilder group) =>
        group.MapRead("foreign-invested-companies", ListAsync, "ListForeignInvestedCompanies",
            "Counts of companies with foreign investment by region and investor country, newest first");

    private static async Task<Results<Ok<Paged<CompanyCountDetails>>, ProblemHttpResult>> ListAsync(
        string? region, string? partner, int? page, int? pageSize, Validation v, IQuerySession session, IServiceProvider services, CancellationToken ct)
    {
        var regionCode = v.PlaceCode(region, "region");
        var partnerCode = v.PlaceCode(partner, "partner");
        var (pageNumber, size) = Reads.Paging(page, pageSize, v);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        IQueryable<CompanyCountDetails> query = session.Query<CompanyCountDetails>();
        if (regionCode is not null) query = query.Where(c => c.Region == regionCode || c.Place.Code == regionCode);
        if (partnerCode is not null) query = query.Where(c => c.Partner!.Code == partnerCode);
        return TypedResults.Ok(await query.OrderByDescending(c => c.AsOfDay).ThenBy(c => c.Id).PageAsync(pageNumber, size, session, services, ct));
    }
}
