using Cooperation.Vocabulary;
using Cooperation.Delegations.VisitCounts.Details;

namespace Cooperation.Delegations.VisitCounts.Listing;

public static class ListingVisitCounts
{
    public static RouteGroupBuilder MapListingVisitCounts(this RouteGroupBuilder group) =>
        group.MapList("", ListAsync, "ListVisitCounts",
            "Counts of visits for a period by the host's region, a partner (the place, its region or country), direction, or days the period overlaps, latest period first");

    private static readonly Sheet<VisitCountDetails> Sheet = new("visit-counts",
        new("Id", "Идентификатор", c => c.Id.ToString()),
        new("Direction", "Направление", c => c.Direction),
        new("Host", "Принимающая сторона", c => c.Host),
        new("Partner", "Партнёр", c => c.Partner),
        new("From", "С", c => c.Period.From.ToString()),
        new("To", "По", c => c.Period.To.ToString()),
        new("Visits", "Визитов", c => c.Count),
        new("Qualifiers", "Оговорки", c => c.Qualifiers),
        new("Source", "Источник", c => c.Source?.Title),
        new("Quote", "Цитата", c => c.Source?.Quote),
        new("Locator", "Место в источнике", c => c.Source?.Locator),
        new("Note", "Примечание", c => c.Note),
        new("Version", "Версия", c => c.Version),
        new("Updated at", "Изменено", c => c.UpdatedAt));

    private static async Task<Results<Ok<Paged<VisitCountDetails>>, PushStreamHttpResult, ProblemHttpResult>> ListAsync(
        string? region, string? partner, [OneOf(typeof(VisitVocabulary), nameof(VisitVocabulary.Directions))] string? direction, string? from, string? to,
        int? page, int? pageSize, Validation v, IQuerySession session, IServiceProvider services, HttpContext http, CancellationToken ct)
    {
        var regionCode = v.PlaceCode(region, "region");
        var partnerCode = v.PlaceCode(partner, "partner");
        v.OneOf(direction, "direction", VisitVocabulary.Directions, required: false);
        var first = v.Date(from, "from", required: false)?.Start;
        var last = v.Date(to, "to", required: false)?.End;
        var (pageNumber, size) = Reads.Paging(page, pageSize, v);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        IQueryable<VisitCountDetails> query = session.Query<VisitCountDetails>();
        if (regionCode is not null) query = query.Where(c => c.Regions.Contains(regionCode));
        if (partnerCode is not null) query = query.Where(c => c.Partners.Contains(partnerCode));
        if (direction is not null) query = query.Where(c => c.Direction == direction);
        if (first is not null) query = query.Where(c => c.LastDay >= first);
        if (last is not null) query = query.Where(c => c.FirstDay <= last);
        var ordered = query.OrderByDescending(c => c.FirstDay).ThenBy(c => c.Id);
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, ordered.AllAsync(session, services, ct));
        return TypedResults.Ok(await ordered.PageAsync(pageNumber, size, session, services, ct));
    }
}
