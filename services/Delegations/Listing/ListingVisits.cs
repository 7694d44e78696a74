using Cooperation.Vocabulary;
using Cooperation.Delegations.Details;

namespace Cooperation.Delegations.Listing;

public static class ListingVisits
{
    public static RouteGroupBuilder MapListingVisits(this RouteGroupBuilder group) =>
        group.MapList("", ListAsync, "ListVisits",
            "Visits by the host's region, a partner (guest place, its region or country), direction, status, or days they overlap");

    private static readonly Sheet<VisitDetails> Sheet = new("visits",
        new("Id", "Идентификатор", x => x.Id.ToString()),
        new("Direction", "Направление", x => x.Direction),
        new("Status", "Статус", x => x.Status),
        new("Host", "Принимающая сторона", x => x.Host),
        new("Guests", "Гости", x => x.Guests),
        new("Head", "Руководитель делегации", x => x.Head is { } h ? string.Join(", ", new[] { h.Name, h.Position }.OfType<string>()) : null),
        new("Members", "Состав делегации", x => x.Members?.Select(m => string.Join(", ", new[] { m.Name, m.Position }.OfType<string>()))),
        new("Venue", "Место проведения", x => x.Venue),
        new("Planned from", "Начало (план)", x => x.PlannedFrom.ToString()),
        new("Planned to", "Окончание (план)", x => x.PlannedTo?.ToString()),
        new("Under way from", "Начало (в пути)", x => x.StartedOn?.ToString()),
        new("Held from", "Начало (факт)", x => x.Completion?.From.ToString()),
        new("Held to", "Окончание (факт)", x => x.Completion?.To.ToString()),
        new("Purpose", "Цель", x => x.Purpose),
        new("Occasion", "Повод", x => x.Occasion),
        new("Occasion id", "Мероприятие", x => x.OccasionId?.ToString()),
        new("Held under", "В рамках соглашения", x => x.HeldUnder?.ToString()),
        new("Size", "Численность", x => x.Size),
        new("Companies", "Компании", x => x.Companies),
        new("Source", "Источник", x => x.Source?.Title),
        new("Quote", "Цитата", x => x.Source?.Quote),
        new("Locator", "Место в источнике", x => x.Source?.Locator),
        new("Note", "Примечание", x => x.Note),
        new("Version", "Версия", x => x.Version),
        new("Updated at", "Изменено", x => x.UpdatedAt));

    private static async Task<Results<Ok<Paged<VisitDetails>>, PushStreamHttpResult, ProblemHttpResult>> ListAsync(
        string? region, string? partner, [OneOf(typeof(VisitVocabulary), nameof(VisitVocabulary.Directions))] string? direction, [OneOf(typeof(VisitStatus))] string? status, string? from, string? to,
        int? page, int? pageSize, Validation v, IQuerySession session, TimeProvider clock, IServiceProvider services, HttpContext http, CancellationToken ct)
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

        var ordered = query.OrderByDescending(x => x.FirstDay).ThenBy(x => x.Id);
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, ordered.AllAsync(session, services, ct));
        return TypedResults.Ok(await ordered.PageAsync(pageNumber, size, session, services, ct));
    }
}
