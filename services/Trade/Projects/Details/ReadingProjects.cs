using Cooperation.ServiceDefaults;
using Cooperation.Trade.Input;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cooperation.Trade.Projects.Details;

public static class ReadingProjects
{
    public static RouteGroupBuilder MapReadingProjects(this RouteGroupBuilder group)
    {
        group.MapGet("projects/{id:guid}", GetAsync)
            .WithName("GetInvestmentProject")
            .WithSummary("An investment project now, at a version (?version=N) or as it stood at a moment (?asOf=UTC timestamp)");
        group.MapGet("projects/{id:guid}/history", HistoryAsync)
            .WithName("GetInvestmentProjectHistory")
            .WithSummary("Every change to an investment project, oldest first, with who made it and when");
        group.MapGet("projects", ListAsync)
            .WithName("ListInvestmentProjects")
            .WithSummary("Investment projects by region, partner (a country takes in its regions and organisations), status, agreement or words in the name");
        return group;
    }

    private static Task<Results<Ok<InvestmentProjectDetails>, ProblemHttpResult>> GetAsync(Guid id, long? version, DateTimeOffset? asOf,
        IQuerySession session, HttpContext http, CancellationToken ct) =>
        session.ReadView<InvestmentProjectDetails>(id, version, asOf, http, ct);

    private static Task<Results<Ok<HistoryEntry[]>, ProblemHttpResult>> HistoryAsync(Guid id, IQuerySession session, CancellationToken ct) =>
        session.ReadHistory(id, ct);

    private static async Task<Results<Ok<Paged<InvestmentProjectDetails>>, ProblemHttpResult>> ListAsync(
        string? region, string? partner, string? status, Guid? agreementId, string? q, int? page, int? pageSize,
        IQuerySession session, CancellationToken ct)
    {
        var v = new Validation();
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

        var found = await query.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).ToPagedListAsync(pageNumber, size, ct);
        return TypedResults.Ok(new Paged<InvestmentProjectDetails>(found.ToArray(), found.TotalItemCount, pageNumber, size));
    }
}
