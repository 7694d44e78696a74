using Cooperation.Trade.Input;
using Cooperation.Trade.Projects.Details;

namespace Cooperation.Trade.Projects.Listing;

public static class ListingProjects
{
    public static RouteGroupBuilder MapListingProjects(this RouteGroupBuilder group) =>
        group.MapList("projects", ListAsync, "ListInvestmentProjects",
            "Investment projects by region, partner (a country takes in its regions and organisations), status, agreement or words in the name");

    private static readonly Sheet<InvestmentProjectDetails> Sheet = new("investment-projects",
        new("Id", "Идентификатор", p => p.Id.ToString()),
        new("Name", "Название", p => p.Name),
        new("Place", "Место", p => p.Place),
        new("Partners", "Партнёры", p => p.Partners),
        new("Status", "Статус", p => p.Status),
        new("Cost", "Стоимость", p => p.Cost?.Amount),
        new("Currency", "Валюта", p => p.Cost?.Currency),
        new("Unit", "Единица", p => p.Cost?.Unit),
        new("Cost qualifier", "Оговорка о стоимости", p => p.Cost?.Qualifier),
        new("Agreement", "Соглашение", p => p.AgreementId?.ToString()),
        new("Source", "Источник", p => p.Source?.Title),
        new("Quote", "Цитата", p => p.Source?.Quote),
        new("Locator", "Место в источнике", p => p.Source?.Locator),
        new("Note", "Примечание", p => p.Note),
        new("Version", "Версия", p => p.Version),
        new("Updated at", "Изменено", p => p.UpdatedAt));

    private static async Task<Results<Ok<Paged<InvestmentProjectDetails>>, PushStreamHttpResult, ProblemHttpResult>> ListAsync(
        string? region, string? partner, string? status, Guid? agreementId, string? q, int? page, int? pageSize,
        Validation v, IQuerySession session, IServiceProvider services, HttpContext http, CancellationToken ct)
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

        var ordered = query.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id);
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, ordered.AllAsync(session, services, ct));
        return TypedResults.Ok(await ordered.PageAsync(pageNumber, size, session, services, ct));
    }
}
