using Cooperation.Trade.CompanyCounts.Details;

namespace Cooperation.Trade.CompanyCounts.Listing;

public static class ListingCompanyCounts
{
    public static RouteGroupBuilder MapListingCompanyCounts(this RouteGroupBuilder group) =>
        group.MapList("foreign-invested-companies", ListAsync, "ListForeignInvestedCompanies",
            "Counts of companies with foreign investment by region and investor country, newest first");

    private static readonly Sheet<CompanyCountDetails> Sheet = new("foreign-invested-companies",
        new("Id", "Идентификатор", c => c.Id.ToString()),
        new("Place", "Место", c => c.Place),
        new("Investor country", "Страна инвестора", c => c.Partner),
        new("As of", "На дату", c => c.AsOf.ToString()),
        new("Total", "Всего", c => c.Total),
        new("Joint ventures", "Совместные предприятия", c => c.JointVentures),
        new("Foreign-owned", "Иностранные предприятия", c => c.ForeignOwned),
        new("Qualifiers", "Оговорки", c => c.Qualifiers),
        new("Source", "Источник", c => c.Source?.Title),
        new("Quote", "Цитата", c => c.Source?.Quote),
        new("Locator", "Место в источнике", c => c.Source?.Locator),
        new("Note", "Примечание", c => c.Note),
        new("Version", "Версия", c => c.Version),
        new("Updated at", "Изменено", c => c.UpdatedAt));

    private static async Task<Results<Ok<Paged<CompanyCountDetails>>, PushStreamHttpResult, ProblemHttpResult>> ListAsync(
        string? region, string? partner, int? page, int? pageSize, Validation v, IQuerySession session, IServiceProvider services, HttpContext http,
        CancellationToken ct)
    {
        var regionCode = v.PlaceCode(region, "region");
        var partnerCode = v.PlaceCode(partner, "partner");
        var (pageNumber, size) = Reads.Paging(page, pageSize, v);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        IQueryable<CompanyCountDetails> query = session.Query<CompanyCountDetails>();
        if (regionCode is not null) query = query.Where(c => c.Region == regionCode || c.Place.Code == regionCode);
        if (partnerCode is not null) query = query.Where(c => c.Partner!.Code == partnerCode);
        var ordered = query.OrderByDescending(c => c.AsOfDay).ThenBy(c => c.Id);
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, ordered.AllAsync(session, services, ct));
        return TypedResults.Ok(await ordered.PageAsync(pageNumber, size, session, services, ct));
    }
}
