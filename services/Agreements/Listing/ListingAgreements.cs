using Cooperation.Vocabulary;
using Cooperation.Agreements.Details;

namespace Cooperation.Agreements.Listing;

public static class ListingAgreements
{
    public static RouteGroupBuilder MapListingAgreements(this RouteGroupBuilder group) =>
        group.MapList("", ListAsync, "ListAgreements",
            "Agreements by party, region, kind, status, signing period, whether the signing date is known, validity on a day, "
            + "or words in the title or party names",
            "`signedDate` is `known` or `unknown` (signed, the sources not saying when). `inForceOn` keeps agreements signed "
            + "on or before that day whose validity (cut short by a termination) has not ended; one signed on a date not known counts "
            + "as signed before any day.");

    private static readonly Sheet<AgreementDetails> Sheet = new("agreements",
        new("Id", "Идентификатор", a => a.Id.ToString()),
        new("Title", "Название", a => a.Title),
        new("Kind", "Вид", a => a.Kind),
        new("Status", "Статус", a => a.Status),
        new("Parties", "Стороны", a => a.Parties),
        new("Spheres", "Сферы", a => a.Spheres),
        new("Signed on", "Дата подписания", a => (object?)a.SignedOn?.ToString() ?? (a.SignedDateUnknown ? Exports.DateNotRecorded : null)),
        new("Place", "Место подписания", a => a.Place),
        new("Valid until", "Действует до", a => a.ValidUntil?.ToString()),
        new("Terminated on", "Прекращено", a => a.Termination?.On.ToString()),
        new("Parent agreement", "Основное соглашение", a => a.ParentAgreementId?.ToString()),
        new("Source", "Источник", a => a.Source?.Title),
        new("Quote", "Цитата", a => a.Source?.Quote),
        new("Locator", "Место в источнике", a => a.Source?.Locator),
        new("Note", "Примечание", a => a.Note),
        new("Version", "Версия", a => a.Version),
        new("Updated at", "Изменено", a => a.UpdatedAt));

    private static async Task<Results<Ok<Paged<AgreementDetails>>, PushStreamHttpResult, ProblemHttpResult>> ListAsync(
        string? party, string? region, [OneOf(typeof(AgreementKinds), nameof(AgreementKinds.All))] string? kind, [OneOf(typeof(AgreementStatus))] string? status,
        string? signedFrom, string? signedTo, [OneOf(typeof(ListingAgreements), nameof(SignedDates))] string? signedDate, string? inForceOn, string? q,
        int? page, int? pageSize, Validation v, IQuerySession session, TimeProvider clock, IServiceProvider services, HttpContext http, CancellationToken ct)
    {
        var partyCode = v.PlaceCode(party, "party");
        var regionCode = region is null ? null : RegionCode(region, v);
        v.OneOf(kind, "kind", AgreementKinds.All, required: false);
        var wanted = v.OneOf<AgreementStatus>(status, "status");
        var from = v.Date(signedFrom, "signedFrom", required: false)?.Start;
        var to = v.Date(signedTo, "signedTo", required: false)?.End;
        var dateKnown = v.OneOf(signedDate, "signedDate", SignedDates, required: false);
        var inForce = v.Date(inForceOn, "inForceOn", required: false);
        var (pageNumber, size) = Reads.Paging(page, pageSize, v);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        var today = clock.Today();
        IQueryable<AgreementDetails> query = session.Query<AgreementDetails>();
        if (partyCode is not null) query = query.Where(a => a.PartyCodes.Contains(partyCode));
        if (regionCode is not null) query = query.Where(a => a.Regions.Contains(regionCode));
        if (kind is not null) query = query.Where(a => a.Kind == kind);
        query = wanted switch
        {
            AgreementStatus.Expired => query.Where(a => a.Status == AgreementStatus.Signed && a.ValidThrough < today),
            AgreementStatus.Signed => query.Where(a => a.Status == AgreementStatus.Signed && (a.ValidThrough == null || a.ValidThrough >= today)),
            null => query,
            { } one => query.Where(a => a.Status == one),
        };
        if (from is not null) query = query.Where(a => a.SignedFrom >= from);
        if (to is not null) query = query.Where(a => a.SignedFrom <= to);
        if (dateKnown == "known") query = query.Where(a => a.SignedFrom != null);
        if (dateKnown == "unknown") query = query.Where(a => a.SignedDateUnknown);
        if (inForce is { } day)
        {
            // Signed on a date not known: signed before any day, so in force until its validity (or a termination) ends.
            var start = day.Start;
            query = query.Where(a => (a.SignedDateUnknown || (a.SignedFrom != null && a.SignedFrom <= start)) && (a.ValidThrough == null || a.ValidThrough >= start));
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = q.Trim().ToLowerInvariant();
            query = query.Where(a => a.SearchText.Contains(words));
        }

        var ordered = query.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.Id);
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, ordered.AllAsync(session, services, ct));
        return TypedResults.Ok(await ordered.PageAsync(pageNumber, size, session, services, ct));
    }

    private static readonly IReadOnlySet<string> SignedDates = new HashSet<string> { "known", "unknown" };

    private static string? RegionCode(string region, Validation v)
    {
        var place = Gazetteer.Default.Find(region) ?? (Gazetteer.Default.Lookup(region, PartyLevels.Region) is [var only] ? only : null);
        if (place is { Level: PartyLevels.Region }) return place.Code;
        v.Add("region", $"'{region}' is not a known first-level region (e.g. BY-VI).");
        return null;
    }
}
