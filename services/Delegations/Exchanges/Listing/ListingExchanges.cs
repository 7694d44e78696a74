using Cooperation.Vocabulary;
using Cooperation.Delegations.Exchanges.Details;

namespace Cooperation.Delegations.Exchanges.Listing;

public static class ListingExchanges
{
    public static RouteGroupBuilder MapListingExchanges(this RouteGroupBuilder group) =>
        group.MapList("", ListAsync, "ListExchanges",
            "Exchanges of people by the region of the committee's side, a partner (the other side's place, its region or country), kind, direction, or days the period overlaps, latest first");

    private static readonly Sheet<ExchangeDetails> Sheet = new("exchanges",
        new("Id", "Идентификатор", x => x.Id.ToString()),
        new("Kind", "Кто", x => x.Kind),
        new("Direction", "Направление", x => x.Direction),
        new("From", "Откуда", x => x.From.Place),
        new("From institution", "Учреждение (откуда)", x => x.From.Institution),
        new("To", "Куда", x => x.To.Place),
        new("To institution", "Учреждение (куда)", x => x.To.Institution),
        new("Period from", "С", x => x.Period.From.ToString()),
        new("Period to", "По", x => x.Period.To.ToString()),
        new("Academic year", "Учебный год", x => x.AcademicYear),
        new("People", "Человек", x => x.Count),
        new("Qualifiers", "Оговорки", x => x.Qualifiers),
        new("Subject", "Предмет", x => x.Subject),
        new("Opened", "Открыто", x => x.Opened?.Name),
        new("Opened on", "Дата открытия", x => x.Opened?.On.ToString()),
        new("Source", "Источник", x => x.Source?.Title),
        new("Quote", "Цитата", x => x.Source?.Quote),
        new("Locator", "Место в источнике", x => x.Source?.Locator),
        new("Note", "Примечание", x => x.Note),
        new("Version", "Версия", x => x.Version),
        new("Updated at", "Изменено", x => x.UpdatedAt));

    private static async Task<Results<Ok<Paged<ExchangeDetails>>, PushStreamHttpResult, ProblemHttpResult>> ListAsync(
        string? region, string? partner, [OneOf(typeof(ExchangeVocabulary), nameof(ExchangeVocabulary.Kinds))] string? kind,
        [OneOf(typeof(ExchangeVocabulary), nameof(ExchangeVocabulary.Directions))] string? direction, string? from, string? to,
        int? page, int? pageSize, Validation v, IQuerySession session, IServiceProvider services, HttpContext http, CancellationToken ct)
    {
        var regionCode = v.PlaceCode(region, "region");
        var partnerCode = v.PlaceCode(partner, "partner");
        v.OneOf(kind, "kind", ExchangeVocabulary.Kinds, required: false);
        v.OneOf(direction, "direction", ExchangeVocabulary.Directions, required: false);
        var first = v.Date(from, "from", required: false)?.Start;
        var last = v.Date(to, "to", required: false)?.End;
        var (pageNumber, size) = Reads.Paging(page, pageSize, v);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        IQueryable<ExchangeDetails> query = session.Query<ExchangeDetails>();
        if (regionCode is not null) query = query.Where(x => x.Regions.Contains(regionCode));
        if (partnerCode is not null) query = query.Where(x => x.Partners.Contains(partnerCode));
        if (kind is not null) query = query.Where(x => x.Kind == kind);
        if (direction is not null) query = query.Where(x => x.Direction == direction);
        if (first is not null) query = query.Where(x => x.LastDay >= first);
        if (last is not null) query = query.Where(x => x.FirstDay <= last);
        var ordered = query.OrderByDescending(x => x.FirstDay).ThenBy(x => x.Id);
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, ordered.AllAsync(session, services, ct));
        return TypedResults.Ok(await ordered.PageAsync(pageNumber, size, session, services, ct));
    }
}
