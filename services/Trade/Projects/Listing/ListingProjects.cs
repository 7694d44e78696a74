using Cooperation.Trade.Input;
using Cooperation.Trade.Projects.Details;

namespace Cooperation.Trade.Projects.Listing;

public static class ListingProjects
{
    public static RouteGroupBuilder MapListingProjects(this RouteGroupBuilder group) =>
        group.MapRead("projects", ListAsync, "ListInvestmentProjects",
            "Investment projects by region, partner (a country takes in its regions and organisations), status, agreement or words in the name");

    private static async Task<Results<Ok<Paged<InvestmentProjectDetails>>, ProblemHttpResult>> ListAsync(
        string? region, string? partner, string? status, Guid? agreementId, string? q, int? page, int? pageSize,
        Validation v, IQuerySession session, IServiceProvider services, CancellationToken ct)
    {
        var regionCode = v.PlaceCode(region, "region");
        var partnerCode = v.PlaceCode(partner, "partner");
        var projectStatus = v.ProjectStatus(status, "status", required: false);
        var (pageNumber, size) = Reads.Paging(page, pageSize, v);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        IQueryable<InvestmentProjectDetails> query = session.Query<InvestmentProjectDetails>();
        if (regionCode is not null) query = query.Where(p => p.Region == regionCode || p.Place.Code == regionCode);
        if (partnerCode is not null) query = query.Where(p => p.PartnerCodes.Contains(partnerCode) || p.PartnerCountries.Contains(partnerCode));
        if (projectStatus is { } wanted) query = query.Where(p => p.Status == wanted);
        if (agreementId is { } agreement) query = query.Where(p => p.AgreementId == agreement);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = q.Trim().ToLowerInvariant();
            query = query.Where(p => p.SearchText.Contains(words));
        }

        return TypedResults.Ok(await query.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).PageAsync(pageNumber, size, session, services, ct));
    }
}
