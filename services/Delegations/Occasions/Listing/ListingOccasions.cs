using Cooperation.Vocabulary;
using Cooperation.Delegations.Occasions.Details;

namespace Cooperation.Delegations.Occasions.Listing;

public static class ListingOccasions
{
    public static RouteGroupBuilder MapListingOccasions(this RouteGroupBuilder group) =>
        group.MapList("", ListAsync, "ListOccasions",
            "Occasions by the region of their venue, an organiser or a participant, a partner (the place, its region or country), kind, series, status, or days they overlap, latest first");

    private static readonly Sheet<OccasionDetails> Sheet = new("occasions",
        new("Id", "Идентификатор", o => o.Id.ToString()),
        new("Kind", "Вид", o => o.Kind),
        new("Title", "Название", o => o.Title),
        new("Series", "Серия", o => o.Series),
        new("Edition", "Номер", o => o.Edition),
        new("Status", "Статус", o => o.Status),
        new("Venue", "Место проведения", o => o.Venue),
        new("From", "С", o => o.From.ToString()),
        new("To", "По", o => o.To?.ToString()),
        new("Organisers", "Организаторы", o => o.Organisers),
        new("Participants", "Участники", o => o.Participants),
        new("Visits", "Визиты", o => o.Visits?.Select(v => v.Id.ToString())),
        new("Outcomes", "Итоги", o => o.Outcomes),
        new("Source", "Источник", o => o.Source?.Title),
        new("Quote", "Цитата", o => o.Source?.Quote),
        new("Locator", "Место в источнике", o => o.Source?.Locator),
        new("Note", "Примечание", o => o.Note),
        new("Version", "Версия", o => o.Version),
        new("Updated at", "Изменено", o => o.UpdatedAt));

    private static async Task<Results<Ok<Paged<OccasionDetails>>, PushStreamHttpResult, ProblemHttpResult>> ListAsync(
        string? region, string? partner, [OneOf(typeof(OccasionVocabulary), nameof(OccasionVocabulary.Kinds))] string? kind, string? series,
        [OneOf(typeof(OccasionStatus))] string? status, string? from, string? to,
        int? page, int? pageSize, Validation v, IQuerySession session, IServiceProvider services, HttpContext http, CancellationToken ct)
    {
        var regionCode = v.PlaceCode(region, "region");
        var partnerCode = v.PlaceCode(partner, "partner");
        v.OneOf(kind, "kind", OccasionVocabulary.Kinds, required: false);
        var wanted = v.OneOf<OccasionStatus>(status, "status");
        var first = v.Date(from, "from", required: false)?.Start;
        var last = v.Date(to, "to", required: false)?.End;
        var (pageNumber, size) = Reads.Paging(page, pageSize, v);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        IQueryable<OccasionDetails> query = session.Query<OccasionDetails>();
        if (regionCode is not null) query = query.Where(o => o.Regions.Contains(regionCode));
        if (partnerCode is not null) query = query.Where(o => o.Partners.Contains(partnerCode));
        if (kind is not null) query = query.Where(o => o.Kind == kind);
        if (series is not null) query = query.Where(o => o.Series == series);
        if (wanted is { } one) query = query.Where(o => o.Status == one);
        if (first is not null) query = query.Where(o => o.LastDay >= first);
        if (last is not null) query = query.Where(o => o.FirstDay <= last);
        var ordered = query.OrderByDescending(o => o.FirstDay).ThenBy(o => o.Id);
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, ordered.AllAsync(session, services, ct));
        return TypedResults.Ok(await ordered.PageAsync(pageNumber, size, session, services, ct));
    }
}
